using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>A way of gathering against its target: done (the records' counts summed), records, and for interviews the distinct groups.</summary>
public sealed record MethodProgress(AnalysisMethod Method, int Target, int Done, int Records, int? Groups, int? GroupsTarget);

public sealed record AnalysisPlanView(long Id, string Title, int Year, string Organization, IReadOnlyList<MethodProgress> Progress, int Promote, int Exchange, int Keep);

public sealed record AnalysisRecordView(long Id, long PlanId, AnalysisMethod Method, DateOnly On, int Count, string? Group, long? PersonId, string? Person, string Notes, string UserName);

public sealed record JudgementView(long Id, long PlanId, string Plan, long PersonId, string Name, JudgementCategory Category, CadreDecision Decision, string Reasons, string UserName, DateTime At);

public sealed record AnalysisPlanDetails(AnalysisPlanView Plan, IReadOnlyList<AnalysisRecordView> Records, IReadOnlyList<JudgementView> Judgements);

/// <summary>The "三五" plans of the caller's subtree with their progress and 提/转/留 tallies, one plan's records and judgements, a cadre's.</summary>
public sealed class AnalysisQueries(PingyiDbContext db, Scope scope)
{
    public async Task<IReadOnlyList<AnalysisPlanView>> PlansAsync(CancellationToken ct = default)
    {
        scope.User.Require(Policies.CadreSupervisors, "分析研判只对组织部门和纪检监察机关开放");
        var path = await scope.PathAsync(ct);
        var plans = await db.AnalysisPlans.Where(p => p.Organization!.Path.StartsWith(path)).OrderByDescending(p => p.Year).ThenByDescending(p => p.Id)
            .Select(p => new { Plan = p, Organization = p.Organization!.Name }).ToListAsync(ct);
        var ids = plans.Select(p => p.Plan.Id).ToList();
        var records = (await db.AnalysisRecords.Where(r => ids.Contains(r.PlanId)).Select(r => new { r.PlanId, r.Method, r.Count, r.Group }).ToListAsync(ct)).ToLookup(r => r.PlanId);
        var decisions = (await db.CadreJudgements.Where(j => ids.Contains(j.PlanId)).GroupBy(j => new { j.PlanId, j.Decision }).Select(g => new { g.Key.PlanId, g.Key.Decision, Count = g.Count() })
            .ToListAsync(ct)).ToLookup(d => d.PlanId);
        return [.. plans.Select(x =>
        {
            var p = x.Plan;
            var mine = records[p.Id].ToList();
            MethodProgress Of(AnalysisMethod m, int target) => new(m, target, mine.Where(r => r.Method == m).Sum(r => r.Count), mine.Count(r => r.Method == m),
                m == AnalysisMethod.Interview ? mine.Where(r => r.Method == m && r.Group != null).Select(r => r.Group).Distinct().Count() : null,
                m == AnalysisMethod.Interview ? p.InterviewGroupsTarget : null);
            int Tally(CadreDecision d) => decisions[p.Id].Where(t => t.Decision == d).Sum(t => t.Count);
            return new AnalysisPlanView(p.Id, p.Title, p.Year, x.Organization,
                [Of(AnalysisMethod.Letter, p.LettersTarget), Of(AnalysisMethod.Interview, p.InterviewsTarget), Of(AnalysisMethod.Visit, p.VisitsTarget),
                    Of(AnalysisMethod.Review, p.ReviewsTarget), Of(AnalysisMethod.HeartTalk, p.HeartTalksTarget)],
                Tally(CadreDecision.Promote), Tally(CadreDecision.Exchange), Tally(CadreDecision.Keep));
        })];
    }

    public async Task<AnalysisPlanDetails> PlanAsync(long id, CancellationToken ct = default)
    {
        var plan = (await PlansAsync(ct)).FirstOrDefault(p => p.Id == id) ?? throw RuleViolation.NotFound($"分析研判方案 {id} 不存在或不在您的管理范围内");
        var records = await Records(db.AnalysisRecords.Where(r => r.PlanId == id)).ToListAsync(ct);
        var judgements = await Judgements(db.CadreJudgements.Where(j => j.PlanId == id)).ToListAsync(ct);
        return new AnalysisPlanDetails(plan, records, judgements);
    }

    /// <summary>The talks and judgements about one cadre in plans of the caller's subtree (the profile).</summary>
    public async Task<(IReadOnlyList<AnalysisRecordView> Talks, IReadOnlyList<JudgementView> Judgements)> OfPersonAsync(long personId, CancellationToken ct = default)
    {
        var path = await scope.PathAsync(ct);
        var plans = db.AnalysisPlans.Where(p => p.Organization!.Path.StartsWith(path)).Select(p => p.Id);
        return (await Records(db.AnalysisRecords.Where(r => r.PersonId == personId && plans.Contains(r.PlanId))).ToListAsync(ct),
            await Judgements(db.CadreJudgements.Where(j => j.PersonId == personId && plans.Contains(j.PlanId))).ToListAsync(ct));
    }

    private IQueryable<AnalysisRecordView> Records(IQueryable<AnalysisRecord> records) =>
        records.OrderByDescending(r => r.On).ThenByDescending(r => r.Id).Select(r => new AnalysisRecordView(r.Id, r.PlanId, r.Method, r.On, r.Count, r.Group, r.PersonId,
            db.People.Where(p => p.Id == r.PersonId).Select(p => p.Name).FirstOrDefault(), r.Notes, r.UserName));

    private IQueryable<JudgementView> Judgements(IQueryable<CadreJudgement> judgements) =>
        judgements.OrderBy(j => j.Category).ThenBy(j => j.Id).Select(j => new JudgementView(j.Id, j.PlanId, db.AnalysisPlans.Where(p => p.Id == j.PlanId).Select(p => p.Title).First(),
            j.PersonId, j.Person!.Name, j.Category, j.Decision, j.Reasons, j.UserName, j.CreatedAt));
}
