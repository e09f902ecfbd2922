using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Awards;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Awards;

/// <summary>The length of the publicity period in working days; five when not given.</summary>
public sealed record StartPublicity(int? WorkingDays);

/// <summary>
/// The award's stages (<see cref="AwardWorkflow"/>), by the conferring side: the recommended list goes public for a number of
/// working days (公示, the work calendar counts them); once the period is over and every objection checked, the list is
/// approved (批准); then published (命名表彰) with its decision, numbered in the same unit of work (ADR 0013), and every
/// awardee's organization told. Each step audited.
/// </summary>
public sealed class RunAwardHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, AwardAccess access, AwardQueries queries,
    Calendar.WorkCalendars calendars, Documents.DocumentRegister register, Notifications.Notifier notifier)
{
    public const int PublicityMaxDays = 30;

    public async Task<AwardDetails> StartPublicityAsync(long id, StartPublicity request, CancellationToken ct = default)
    {
        var (award, path) = await RunAsync(id, ct);
        var days = request.WorkingDays ?? AwardWorkflow.PublicityWorkingDays;
        if (days is < 1 or > PublicityMaxDays)
        {
            throw RuleViolation.Invalid($"公示期须在 1 到 {PublicityMaxDays} 个工作日之间", "workingDays");
        }
        var nominations = db.AwardNominations.Where(n => n.AwardId == id);
        if (AwardWorkflow.PublicityRefusal(award.Stage, await nominations.CountAsync(n => n.State == NominationState.Nominated, ct),
                await nominations.CountAsync(n => n.State == NominationState.Recommended, ct)) is { } refusal)
        {
            throw new RuleViolation(refusal);
        }
        var today = ChinaTime.Today(clock);
        award.Stage = AwardStage.Publicity;
        award.PublicityFrom = today;
        award.PublicityUntil = (await calendars.CurrentAsync(ct)).AddWorkingDays(today, days);
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record("award.publicity", nameof(Award), id, path, new { from = award.PublicityFrom, until = award.PublicityUntil, workingDays = days });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return await queries.DetailsAsync(id, ct);
    }

    public async Task<AwardDetails> ApproveAsync(long id, CancellationToken ct = default)
    {
        var (award, path) = await RunAsync(id, ct);
        var open = await db.AwardObjections.CountAsync(o => o.Nomination!.AwardId == id && o.Upheld == null, ct);
        var recommended = await db.AwardNominations.CountAsync(n => n.AwardId == id && n.State == NominationState.Recommended, ct);
        if (AwardWorkflow.ApprovalRefusal(award.Stage, award.PublicityUntil ?? DateOnly.MaxValue, ChinaTime.Today(clock), open, recommended) is { } refusal)
        {
            throw new RuleViolation(refusal);
        }
        award.Stage = AwardStage.Approved;
        award.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record("award.approve", nameof(Award), id, path, new { recommended });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return await queries.DetailsAsync(id, ct);
    }

    public async Task<AwardDetails> PublishAsync(long id, CancellationToken ct = default)
    {
        var (award, path) = await RunAsync(id, ct);
        if (AwardWorkflow.PublicationRefusal(award.Stage) is { } refusal)
        {
            throw new RuleViolation(refusal);
        }
        award.Stage = AwardStage.Published;
        award.PublishedAt = clock.GetUtcNow().UtcDateTime;
        var awardees = await db.AwardNominations.Where(n => n.AwardId == id && n.State == NominationState.Recommended)
            .Select(n => new { n.OrganizationId, n.PersonName }).ToListAsync(ct);
        await using var work = await db.BeginWorkAsync(ct);
        var issue = await register.IssueAsync(award.OrganizationId, AwardDecision.Subject(id), AwardDecision.Title(award.Year, award.Name), ChinaTime.Today(clock), path, ct);
        audit.Record("award.publish", nameof(Award), id, path, new { awardees = awardees.Count, number = issue.Number });
        foreach (var a in awardees)
        {
            await notifier.NotifyAsync(a.OrganizationId, Policies.Nominators, "Award", $"表彰：{(a.PersonName is { } name ? name + "同志" : "本组织")}获评{award.Year}年度{award.Name}",
                $"/Awards/Details/{id}", null, ct);
        }
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return await queries.DetailsAsync(id, ct);
    }

    /// <summary>The award, refused unless the caller is of the conferring side (the organization department at or above it).</summary>
    private async Task<(Award Award, string Path)> RunAsync(long id, CancellationToken ct)
    {
        scope.User.Require(Policies.Awarders, "只有组织部门可以公示、批准和发布表彰");
        var (award, path) = await access.AwardAsync(id, ct);
        if (!await access.RunsAsync(path, ct))
        {
            throw RuleViolation.Forbidden("只有授予单位的组织部门可以公示、批准和发布表彰");
        }
        return (award, path);
    }
}
