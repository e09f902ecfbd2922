using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.OpenAffairs;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.OpenAffairs;

/// <summary>
/// The county's decision procedure (configuration <c>OpenAffairs</c>): 四议两公开 unless <see cref="Steps"/> names another — e.g. 六议两公开
/// with a hearing and the township's review — each step a name and a kind (Proposal, Consultation, MembersMeeting,
/// RepresentativesMeeting, ResolutionPublished, ResultPublished).
/// </summary>
public sealed class OpenAffairsOptions
{
    public string Procedure { get; set; } = DecisionProcedure.FourDeliberations.Name;

    public List<ProcedureStepOption> Steps { get; set; } = [];

    public DecisionProcedure Current() => Steps.Count == 0 && Procedure == DecisionProcedure.FourDeliberations.Name
        ? DecisionProcedure.FourDeliberations
        : new(Procedure, [.. Steps.Select(s => new ProcedureStep(s.Name, s.Kind))]);

    public string? Problem() => Steps.Count == 0 && Procedure == DecisionProcedure.FourDeliberations.Name
        ? null
        : DecisionProcedure.Problem(Procedure, [.. Steps.Select(s => new ProcedureStep(s.Name, s.Kind))]);
}

public sealed class ProcedureStepOption
{
    public string Name { get; set; } = string.Empty;

    public DecisionStepKind Kind { get; set; }
}

/// <summary>A matter proposed by a village's party organization (the first step): title, the matter, the micro-power used, the day and the minutes.</summary>
public sealed record ProposeDecision(long OrganizationId, string? Title, string? Matter, long? PowerId, DateOnly? On, string? Minutes);

/// <summary>
/// A later step of a decision, by its 0-based position in the procedure: the day and minutes; for a meeting that votes, those entitled,
/// present, for, against and abstaining; for a publication, where; for the last, the result carried out.
/// </summary>
public sealed record RecordDecisionStep(int Step, DateOnly? On, string? Minutes, int? Entitled = null, int? Present = null, int? For = null, int? Against = null,
    int? Abstain = null, string? Place = null, string? Result = null);

/// <summary>
/// Village decisions by the county's procedure within the caller's scope: a proposal opens one under the procedure of the day; each
/// later step is checked by Core <see cref="DecisionProcedure"/> (order, dates, quorum) — a vote that does not pass ends the decision,
/// the resolution's publication puts it on the public board, the result's publication completes it. Audited with each step.
/// </summary>
public sealed class DecideVillageMatterHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, IOptions<OpenAffairsOptions> options)
{
    private const string Refused = "只有组织部门、乡镇党委和村（社区）党组织书记可以登记村级重大事项决策";

    public async Task<VillageDecision> ProposeAsync(ProposeDecision request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.OpenAffairsKeepers, Refused);
        var today = ChinaTime.Today(clock);
        var title = (request.Title ?? string.Empty).Trim();
        var matter = (request.Matter ?? string.Empty).Trim();
        var minutes = (request.Minutes ?? string.Empty).Trim();
        new FieldErrors()
            .Check(title.Length is > 0 and <= VillageDecision.TitleMax, "title", $"请填写事项名称（不超过{VillageDecision.TitleMax}字）")
            .Check(matter.Length is > 0 and <= VillageDecision.MatterMax, "matter", $"请填写事项内容：做什么、为什么、涉及多少资金（不超过{VillageDecision.MatterMax}字）")
            .Check(request.On is { } on && on <= today && Years.Valid(on.Year), "on", "请填写提议日期（不晚于今天）")
            .Check(minutes.Length is > 0 and <= VillageDecisionStep.MinutesMax, "minutes", $"请填写支部委员会会议记录要点（不超过{VillageDecisionStep.MinutesMax}字）")
            .ThrowIfAny();
        var village = await scope.OrganizationAsync(request.OrganizationId, ct);
        if (!await Organizations.VillageOrganizations.IsActiveAsync(db, village.Id, ct))
        {
            throw RuleViolation.Invalid($"{village.Name}不是村（社区）党组织：{options.Value.Procedure}用于村（社区）重大事项决策", "organizationId");
        }
        string? power = null;
        if (request.PowerId is { } powerId)
        {
            power = await db.MicroPowers.Where(p => p.Id == powerId && !p.Retired).Select(p => p.Name).FirstOrDefaultAsync(ct)
                ?? throw RuleViolation.Invalid("小微权力清单中没有这一项（或已停用）", "powerId");
        }
        var procedure = options.Value.Current();
        var now = clock.GetUtcNow().UtcDateTime;
        var decision = new VillageDecision
        {
            OrganizationId = village.Id, Title = title, Matter = matter, PowerId = request.PowerId, ProcedureName = procedure.Name,
            ProcedureSteps = procedure.Serialize(), ProposedOn = request.On!.Value, StepsDone = 1, CreatedAt = now, UpdatedAt = now,
        };
        decision.Steps.Add(new VillageDecisionStep { Index = 0, Name = procedure.Steps[0].Name, Kind = procedure.Steps[0].Kind, On = decision.ProposedOn,
            Minutes = minutes, UserName = scope.UserName ?? "system", At = now });
        db.VillageDecisions.Add(decision);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("openaffairs.propose", nameof(VillageDecision), decision.Id, village.Path,
            new { village = village.Name, title, procedure = procedure.Name, power, on = decision.ProposedOn });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return decision;
    }

    public async Task<VillageDecision> StepAsync(long id, RecordDecisionStep request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.OpenAffairsKeepers, Refused);
        var path = await scope.PathAsync(ct);
        var decision = await db.VillageDecisions.Include(d => d.Steps).Include(d => d.Organization)
            .FirstOrDefaultAsync(d => d.Id == id && d.Organization!.Path.StartsWith(path), ct)
            ?? throw RuleViolation.NotFound("村级重大事项决策不存在或不在您的管理范围内");
        if (decision.State != DecisionState.InProgress)
        {
            throw new RuleViolation(decision.State == DecisionState.NotPassed ? "这一事项未获表决通过，决策已终止" : "这一事项的决策程序已经完成");
        }
        var procedure = decision.Procedure();
        var minutes = (request.Minutes ?? string.Empty).Trim();
        var place = string.IsNullOrWhiteSpace(request.Place) ? null : request.Place.Trim();
        var result = string.IsNullOrWhiteSpace(request.Result) ? null : request.Result.Trim();
        var step = request.Step >= 0 && request.Step < procedure.Steps.Count ? procedure.Steps[request.Step] : null;
        new FieldErrors()
            .Check(request.On is { } d && Years.Valid(d.Year), "on", "请填写日期")
            .Check(minutes.Length is > 0 and <= VillageDecisionStep.MinutesMax, "minutes", step?.Publishes == true
                ? $"请填写公开的内容（不超过{VillageDecisionStep.MinutesMax}字）" : $"请填写会议记录要点（不超过{VillageDecisionStep.MinutesMax}字）")
            .Check(step?.Publishes != true || place is { Length: <= VillageDecisionStep.PlaceMax }, "place", $"请填写公开的地方，如村务公开栏、村民微信群（不超过{VillageDecisionStep.PlaceMax}字）")
            .Check(step?.Kind != DecisionStepKind.ResultPublished || result is { Length: <= VillageDecision.ResultMax }, "result", $"请填写实施结果（不超过{VillageDecision.ResultMax}字）")
            .ThrowIfAny();
        var vote = step?.Votes == true && request.Entitled is { } entitled && request.Present is { } present && request.For is { } yes
            ? new DecisionVote(entitled, present, yes, request.Against ?? 0, request.Abstain ?? 0)
            : null;
        var last = decision.Steps.OrderBy(s => s.Index).LastOrDefault();
        if (procedure.Refusal(decision.StepsDone, request.Step, request.On!.Value, last?.On, ChinaTime.Today(clock), vote) is { } refusal)
        {
            throw RuleViolation.Invalid(refusal.Message, refusal.Field);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var passed = vote is null ? (bool?)null : DecisionProcedure.Passed(vote);
        decision.Steps.Add(new VillageDecisionStep
        {
            DecisionId = decision.Id, Index = request.Step, Name = step!.Name, Kind = step.Kind, On = request.On!.Value, Minutes = minutes,
            Entitled = vote?.Entitled, Present = vote?.Present, For = vote?.For, Against = vote?.Against, Abstain = vote?.Abstain, Passed = passed,
            Place = step.Publishes ? place : null, UserName = scope.UserName ?? "system", At = now,
        });
        decision.StepsDone++;
        if (passed == false)
        {
            decision.State = DecisionState.NotPassed;
        }
        else if (step.Kind == DecisionStepKind.ResolutionPublished)
        {
            decision.PublishedOn = request.On;
        }
        else if (step.Kind == DecisionStepKind.ResultPublished)
        {
            decision.Result = result;
            decision.State = DecisionState.Completed;
        }
        decision.UpdatedAt = now;
        audit.Record("openaffairs.step", nameof(VillageDecision), decision.Id, decision.Organization!.Path,
            new { village = decision.Organization.Name, decision.Title, step = step.Name, on = request.On, vote, passed, place = step.Publishes ? place : null, result,
                state = OpenAffairsText.State(decision.State) });
        await db.SaveChangesAsync(ct);
        return decision;
    }
}

/// <summary>The Chinese names of the module's states (one source; pages localize them).</summary>
public static class OpenAffairsText
{
    public static string State(DecisionState state) => state switch
    {
        DecisionState.NotPassed => "未通过",
        DecisionState.Completed => "已完成",
        _ => "进行中",
    };
}
