using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Awards;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Commitments;

namespace Pingyi.Web.Modules.Awards;

/// <summary>An award in an organization's or a person's record: the year, the award, who conferred it, the decision's number.</summary>
public sealed record AwardRecord(long AwardId, int Year, string Award, string Organization, string? PersonName, DateTime PublishedAt);

/// <summary>
/// What the platform's other modules say about a nominee for a year, read for the eligibility check: published evaluations
/// graded “较差” (述职评议 and 三评 — of the person as reporter, or of the organization evaluated as such: a reporter of the
/// organization that is no person, as in an organization commitment's 三评; a secretary's 述职 is the secretary's record), vetoes
/// (the grading veto of the organization's year; a meeting's veto of the person or of the organization as reporter), the year's grade
/// (a person: their organization's) and the most stars of the nominee's commitments of the year.
/// </summary>
public sealed class NomineeRecords(PingyiDbContext db)
{
    public async Task<EligibilityFacts> FactsAsync(long organizationId, long? personId, int year, CancellationToken ct)
    {
        var reporters = personId is { } p ? db.MeetingReporters.Where(r => r.PersonId == p) : db.MeetingReporters.Where(r => r.OrganizationId == organizationId && r.PersonId == null);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var meetings = db.Meetings.Where(m => m.PublishedAt != null && m.HeldOn >= first && m.HeldOn <= last);
        var poor = await (from r in reporters
                          join m in meetings on r.MeetingId equals m.Id
                          join result in db.MeetingResults on r.Id equals result.ReporterId
                          where result.Grade == Grade.Poor
                          orderby m.HeldOn
                          select new { m.Title, m.HeldOn }).ToListAsync(ct);
        var meetingVetoes = await (from r in reporters
                                   join m in meetings on r.MeetingId equals m.Id
                                   where r.VetoReason != null
                                   select m.Title + "：" + r.VetoReason).ToListAsync(ct);
        var gradingVetoes = personId is null
            ? await db.GradingVetoes.Where(v => v.OrganizationId == organizationId && v.Year == year).Select(v => v.Reason).ToListAsync(ct)
            : [];
        var grade = await db.GradeResults.Where(g => g.OrganizationId == organizationId && g.Year == year).Select(g => (Core.Grading.OrganizationGrade?)g.Grade).FirstOrDefaultAsync(ct);
        var commitments = personId is { } person
            ? db.Commitments.Where(c => c.PersonId == person && c.Year == year)
            : db.Commitments.Where(c => c.Owner == CommitmentOwner.Organization && c.OrganizationId == organizationId && c.Year == year);
        var stars = await CommitmentQueries.BestStarsAsync(db, commitments, ct);
        return new EligibilityFacts([.. poor.Select(x => new PoorEvaluation(x.Title, x.HeldOn))], [.. gradingVetoes, .. meetingVetoes], grade, stars);
    }

    /// <summary>The published awards of an organization or a person of the caller's subtree; 404 outside it.</summary>
    public async Task<IReadOnlyList<AwardRecord>> OfScopedAsync(Infrastructure.Scope scope, long? organizationId, long? personId, CancellationToken ct)
    {
        if (organizationId is null == personId is null)
        {
            throw Infrastructure.RuleViolation.Invalid("请给出 organizationId 或 personId 之一", "organizationId");
        }
        var organizations = await scope.OrganizationsAsync(ct);
        var found = personId is { } p
            ? await db.People.AnyAsync(x => x.Id == p && organizations.Any(o => o.Id == x.OrganizationId), ct)
            : await organizations.AnyAsync(o => o.Id == organizationId, ct);
        if (!found)
        {
            throw Infrastructure.RuleViolation.NotFound(personId is null ? $"组织 {organizationId} 不存在或不在您的管理范围内" : $"人员 {personId} 不存在或不在您的管理范围内");
        }
        return await OfAsync(organizationId, personId, ct);
    }

    /// <summary>The published awards of an organization (its own, not its members') or of a person, the latest first.</summary>
    public async Task<IReadOnlyList<AwardRecord>> OfAsync(long? organizationId, long? personId, CancellationToken ct)
    {
        var nominations = db.AwardNominations.Where(n => n.State == NominationState.Recommended && n.Award!.Stage == AwardStage.Published);
        nominations = personId is { } p ? nominations.Where(n => n.PersonId == p) : nominations.Where(n => n.OrganizationId == organizationId && n.PersonId == null);
        return await nominations.OrderByDescending(n => n.Award!.Year).ThenBy(n => n.Award!.Name)
            .Select(n => new AwardRecord(n.AwardId, n.Award!.Year, n.Award.Name, n.Organization!.Name, n.PersonName, n.Award.PublishedAt!.Value)).ToListAsync(ct);
    }
}
