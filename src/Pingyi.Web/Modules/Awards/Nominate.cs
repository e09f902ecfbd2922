using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Awards;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Awards;

/// <summary>A nomination: the organization, or the person, and the deeds (主要事迹).</summary>
public sealed record Nominate(long? OrganizationId, long? PersonId, string Deeds);

/// <summary>
/// 推荐提名: an organization or a member of the caller's subtree, within the conferring organization's, nominated while the award
/// is open — once per award — and checked against the award's conditions with the nominee's record
/// (<see cref="NomineeRecords"/>): every condition failed is named, and nothing is saved. The conferring side is notified.
/// </summary>
public sealed class NominateHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, AwardAccess access, AwardQueries queries,
    NomineeRecords records, Notifications.Notifier notifier)
{
    public async Task<NominationView> HandleAsync(long awardId, Nominate request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Nominators, "只有党组织的管理人员和书记可以推荐提名");
        var (award, awardPath) = await access.AwardAsync(awardId, ct);
        if (award.Stage != AwardStage.Nominating)
        {
            throw new RuleViolation($"“{award.Year}年度{award.Name}”{AwardWorkflow.Chinese(award.Stage)}，已不再接受提名");
        }
        var deeds = (request.Deeds ?? string.Empty).Trim();
        var errors = new FieldErrors().Check(deeds.Length is > 0 and <= AwardNomination.DeedsMax, "deeds", $"请填写主要事迹（不超过{AwardNomination.DeedsMax}字）");
        var field = award.Subject == AwardSubject.Person ? "personId" : "organizationId";
        if (award.Subject == AwardSubject.Person ? request.PersonId is null : request.OrganizationId is null)
        {
            errors.Add(field, award.Subject == AwardSubject.Person ? "本项表彰个人，请选择被提名的党员" : "本项表彰党组织，请选择被提名的党组织");
        }
        errors.ThrowIfAny();
        var (organizationId, path, personId, personName) = await NomineeAsync(award, request, ct);
        if (!path.StartsWith(awardPath, StringComparison.Ordinal) || path == awardPath && personId is null)
        {
            throw RuleViolation.Invalid("被提名对象不在本项表彰的范围内（须是授予单位的下级党组织或其党员）", field);
        }
        var key = personId is { } p ? $"p:{p}" : $"o:{organizationId}";
        if (await db.AwardNominations.AnyAsync(n => n.AwardId == awardId && n.NomineeKey == key, ct))
        {
            throw new RuleViolation($"{personName ?? "该党组织"}已被提名“{award.Year}年度{award.Name}”，不能重复提名");
        }
        var refusals = AwardEligibility.Refusals(award.Rules, award.Year, await records.FactsAsync(organizationId, personId, award.Year, ct));
        if (refusals.Count > 0)
        {
            throw RuleViolation.Invalid([.. refusals.Select(r => (field, "不符合评选条件：" + r))]);
        }
        await using var work = await db.BeginWorkAsync(ct);
        var nomination = new AwardNomination
        {
            AwardId = awardId, OrganizationId = organizationId, PersonId = personId, PersonName = personName, NomineeKey = key, Deeds = deeds,
            State = NominationState.Nominated, NominatedBy = scope.UserName ?? "system", NominatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AwardNominations.Add(nomination);
        await db.SaveChangesAsync(ct);
        audit.Record("award.nominate", nameof(AwardNomination), nomination.Id, path, new { award = awardId, organization = organizationId, person = personId });
        await notifier.NotifyAsync(award.OrganizationId, Policies.Awarders, "Award", $"新提名待审核：{award.Year}年度{award.Name} — {personName ?? await NameAsync(organizationId, ct)}",
            $"/Awards/Details/{awardId}", null, ct);
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return await queries.NominationAsync(nomination.Id, ct);
    }

    private async Task<(long OrganizationId, string Path, long? PersonId, string? PersonName)> NomineeAsync(Award award, Nominate request, CancellationToken ct)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        if (award.Subject == AwardSubject.Person)
        {
            var person = await (from x in db.People
                                join o in organizations on x.OrganizationId equals o.Id
                                where x.Id == request.PersonId
                                select new { x.Id, x.Name, x.MemberStatus, OrganizationId = o.Id, o.Path }).FirstOrDefaultAsync(ct)
                ?? throw RuleViolation.NotFound($"人员 {request.PersonId} 不存在或不在您的管理范围内");
            if (person.MemberStatus == Core.People.MemberStatus.None)
            {
                throw RuleViolation.Invalid($"{person.Name}不是党员，不能被提名党内表彰", "personId");
            }
            return (person.OrganizationId, person.Path, person.Id, person.Name);
        }
        var organization = await organizations.Where(o => o.Id == request.OrganizationId && o.Status == OrganizationStatus.Active)
            .Select(o => new { o.Id, o.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"党组织 {request.OrganizationId} 不存在、已撤销或不在您的管理范围内");
        return (organization.Id, organization.Path, null, null);
    }

    private Task<string> NameAsync(long organizationId, CancellationToken ct) => db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(ct);
}
