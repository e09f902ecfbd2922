using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accountability;

public sealed record CreateAnalysisPlan(string? Title, int Year, long OrganizationId, int Letters, int Interviews, int InterviewGroups, int Visits, int Reviews, int HeartTalks);

public sealed record RecordAnalysis(AnalysisMethod Method, DateOnly? On, int? Count, string? Group, long? PersonId, string? Notes);

public sealed record JudgeCadre(long PersonId, JudgementCategory Category, CadreDecision Decision, string? Reasons);

/// <summary>
/// The "三五" analysis (分析研判, seed 003) of a re-election: the work plan with its targets (seed 003: letters to 64 units, 310 people
/// interviewed in 10 groups, 98 villages visited, 200 files read), its records — each way of gathering with the day, how many and
/// the notes, a talk naming its cadre — and each cadre's five-category judgement with the decision 提 / 转 / 留 and its reasons.
/// The plan and the judgements are the organization department's; the discipline body may add records. All audited.
/// </summary>
public sealed class AnalysisWork(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, AccountabilityAccess cadres)
{
    public const int MostCount = 100_000;

    public async Task<AnalysisPlan> CreatePlanAsync(CreateAnalysisPlan request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "换届分析研判工作方案由组织部门制定");
        var title = (request.Title ?? string.Empty).Trim();
        new FieldErrors()
            .Check(title.Length is > 0 and <= AnalysisPlan.TitleMax, "title", $"请填写方案名称（不超过{AnalysisPlan.TitleMax}字）")
            .Check(Years.Valid(request.Year), "year", "年度无效")
            .Check(new[] { request.Letters, request.Interviews, request.InterviewGroups, request.Visits, request.Reviews, request.HeartTalks }.All(n => n is >= 0 and <= MostCount),
                "targets", $"各项目标应在 0 到 {MostCount} 之间")
            .Check(request.Interviews == 0 || request.InterviewGroups is >= 1, "interviewGroups", "有个别访谈目标时请填写访谈层面数")
            .ThrowIfAny();
        var organization = await scope.OrganizationAsync(request.OrganizationId, ct);
        var plan = new AnalysisPlan
        {
            Title = title, Year = request.Year, OrganizationId = organization.Id, LettersTarget = request.Letters, InterviewsTarget = request.Interviews,
            InterviewGroupsTarget = request.InterviewGroups, VisitsTarget = request.Visits, ReviewsTarget = request.Reviews, HeartTalksTarget = request.HeartTalks,
            UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AnalysisPlans.Add(plan);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("analysis.plan", nameof(AnalysisPlan), plan.Id, organization.Path, new { title, year = plan.Year, letters = plan.LettersTarget, interviews = plan.InterviewsTarget, visits = plan.VisitsTarget });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return plan;
    }

    public async Task<AnalysisRecord> RecordAsync(long planId, RecordAnalysis request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.CadreSupervisors, "分析研判由组织部门和纪检监察机关办理");
        var (plan, path) = await PlanAsync(planId, ct);
        var notes = (request.Notes ?? string.Empty).Trim();
        var group = string.IsNullOrWhiteSpace(request.Group) ? null : request.Group.Trim();
        new FieldErrors()
            .Check(Enum.IsDefined(request.Method), "method", "请选择函询意见、个别访谈、实地走访、调阅资料或谈心谈话")
            .Check(request.On is { } d && Years.Valid(d.Year) && d <= ChinaTime.Today(clock), "on", "请填写日期（不晚于今天）")
            .Check(request.Count is >= 1 and <= MostCount, "count", $"请填写数量（1 到 {MostCount}）")
            .Check(group is null || group.Length <= 50, "group", "访谈层面不超过50字")
            .Check(notes.Length is > 0 and <= AccountabilityRecord.TextMax, "notes", $"请填写情况记录，不超过{AccountabilityRecord.TextMax}字")
            .ThrowIfAny();
        string? person = null;
        if (request.PersonId is { } personId)
        {
            person = (await cadres.CadreAsync(personId, ct)).Name;
        }
        var record = new AnalysisRecord
        {
            PlanId = plan.Id, Method = request.Method, On = request.On!.Value, Count = request.Count!.Value, Group = group, PersonId = request.PersonId, Notes = notes,
            UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AnalysisRecords.Add(record);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("analysis.record", nameof(AnalysisPlan), plan.Id, path, new { method = record.Method.ToString(), on = record.On, count = record.Count, group, person });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return record;
    }

    public async Task<CadreJudgement> JudgeAsync(long planId, JudgeCadre request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "五类研判和“提、转、留”由组织部门作出");
        var (plan, path) = await PlanAsync(planId, ct);
        var reasons = (request.Reasons ?? string.Empty).Trim();
        new FieldErrors()
            .Check(Enum.IsDefined(request.Category), "category", "请选择研判类别（一类到五类）")
            .Check(Enum.IsDefined(request.Decision), "decision", "请选择提、转或留")
            .Check(reasons.Length is > 0 and <= AccountabilityRecord.TextMax, "reasons", $"请写明研判理由，不超过{AccountabilityRecord.TextMax}字")
            .ThrowIfAny();
        var cadre = await cadres.CadreAsync(request.PersonId, ct);
        if (await db.CadreJudgements.AnyAsync(j => j.PlanId == plan.Id && j.PersonId == cadre.Id, ct))
        {
            throw new RuleViolation($"{cadre.Name}在本方案中已有研判结论");
        }
        var judgement = new CadreJudgement
        {
            PlanId = plan.Id, PersonId = cadre.Id, OrganizationId = cadre.OrganizationId, Category = request.Category, Decision = request.Decision, Reasons = reasons,
            UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CadreJudgements.Add(judgement);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("analysis.judge", nameof(AnalysisPlan), plan.Id, path,
            new { person = cadre.Name, category = AccountabilityText.Category(request.Category), decision = AccountabilityText.Decision(request.Decision) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return judgement;
    }

    private async Task<(AnalysisPlan Plan, string Path)> PlanAsync(long planId, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var found = await db.AnalysisPlans.Where(p => p.Id == planId && p.Organization!.Path.StartsWith(path)).Select(p => new { Plan = p, p.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"分析研判方案 {planId} 不存在或不在您的管理范围内");
        return (found.Plan, found.Path);
    }
}
