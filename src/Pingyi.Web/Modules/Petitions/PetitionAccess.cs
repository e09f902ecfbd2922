using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>
/// Which cases a caller sees and may act on. A case is read by the staff of the unit holding it and of the unit that received
/// it (to tell the petitioner where it went), within their subtree. An accusation (检举控告类) is read only by the discipline body
/// of the unit holding it, and never by anyone in the accused unit's subtree — nothing of the accuser's material reaches the
/// accused person or unit (信访工作条例 §30); the organization department learns of it only by the report (no petitioner, no
/// facts, <see cref="PetitionQueries.ReportedAccusationsAsync"/>). Acting needs the case held by a unit in scope.
/// </summary>
public sealed class PetitionAccess(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public string UserName => scope.UserName ?? "system";

    /// <summary>The ids on the path of the caller's organization: an accusation against any of them is never shown to the caller.</summary>
    public async Task<long[]> OwnChainAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => long.TryParse(s, out var id) ? id : 0)];
    }

    public async Task<IQueryable<Petition>> VisibleAsync(CancellationToken ct)
    {
        var chain = await OwnChainAsync(ct);
        var discipline = scope.User.Allows(Policies.AccusationHandlers);
        var path = await scope.PathAsync(ct);
        if (scope.OrganizationId is { } own && path == $"/{own.ToString(System.Globalization.CultureInfo.InvariantCulture)}/")
        {
            // The root of the tree holds every unit: no list of ids to test each case against (a county's 600 make the list's count
            // cost half the page, the benchmark of issue 15).
            return db.Petitions.Where(p => p.Kind != PetitionKind.Accusation || (discipline && !chain.Contains(p.AccusedOrganizationId!.Value)));
        }
        var subtree = await scope.OrganizationIdsAsync(ct);
        return db.Petitions.Where(p => p.Kind != PetitionKind.Accusation
            ? subtree.Contains(p.HandlingOrganizationId) || subtree.Contains(p.IntakeOrganizationId)
            : discipline && subtree.Contains(p.HandlingOrganizationId) && !chain.Contains(p.AccusedOrganizationId!.Value));
    }

    public async Task<Petition> ReadAsync(long id, CancellationToken ct)
    {
        scope.User.Require(Policies.PetitionStaff, "信访事项由各单位信访工作人员办理");
        return await (await VisibleAsync(ct)).FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw RuleViolation.NotFound($"信访事项 {id} 不存在或不在您的管理范围内");
    }

    /// <summary>A case the caller may act on: held by a unit in scope (an accusation: by the discipline body).</summary>
    public async Task<(Petition Case, string HandlingPath)> ActAsync(long id, CancellationToken ct)
    {
        var petition = await ReadAsync(id, ct);
        var path = await scope.PathAsync(ct);
        var handlingPath = await db.Organizations.Where(o => o.Id == petition.HandlingOrganizationId).Select(o => o.Path).FirstAsync(ct);
        if (!handlingPath.StartsWith(path, StringComparison.Ordinal))
        {
            throw RuleViolation.Forbidden("该信访事项已转至其他单位办理，只能查看");
        }
        return (petition, handlingPath);
    }

    /// <summary>A case the caller may act on whose status allows <paramref name="action"/>; an accusation's steps are the discipline body's (§30).</summary>
    public async Task<(Petition Case, string HandlingPath)> StartAsync(long id, PetitionAction action, CancellationToken ct)
    {
        var (petition, path) = await ActAsync(id, ct);
        if (PetitionWorkflow.Refusal(petition.Status, action, petition.Level) is { } refusal)
        {
            throw new RuleViolation(refusal);
        }
        if (petition.Kind == PetitionKind.Accusation)
        {
            scope.User.Require(Policies.AccusationHandlers, "检举控告类信访事项由纪检监察机关办理（信访工作条例第三十条）");
        }
        return (petition, path);
    }

    /// <summary>The units that receive petitions (seed 002: the county, 14 townships, 40 county units): county and township committees and government units.</summary>
    public static IQueryable<Organizations.Organization> ReceivingUnits(PingyiDbContext db) =>
        db.Organizations.Where(o => o.Status == OrganizationStatus.Active
            && (o.Level == OrganizationLevel.CountyCommittee || o.Level == OrganizationLevel.TownshipCommittee || o.Category == OrganizationCategory.GovernmentUnit));

    /// <summary>A step of the case, with its audit entry, in the caller's unit of work.</summary>
    public void Log(Petition petition, string organizationPath, string kind, string text, bool shown, object? data = null, DateOnly? due = null, string? userName = null)
    {
        var user = userName ?? scope.UserName ?? "system";
        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = petition.Id, Kind = kind, On = ChinaTime.Today(clock), Text = text.Length > PetitionEvent.TextMax ? text[..PetitionEvent.TextMax] : text,
            Public = shown, OrganizationId = petition.HandlingOrganizationId, Due = due, UserName = user, At = clock.GetUtcNow().UtcDateTime,
        });
        // The audit keeps the case number, kind and step, never the petitioner or the accuser's material.
        audit.Record($"petition.{kind}", nameof(Petition), petition.Id, organizationPath,
            new { number = petition.Number, kind = petition.Kind.ToString(), status = petition.Status.ToString(), due, detail = data }, user);
    }
}
