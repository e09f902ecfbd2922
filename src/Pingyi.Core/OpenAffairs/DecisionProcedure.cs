namespace Pingyi.Core.OpenAffairs;

/// <summary>What a step of a village's decision procedure is: it decides how the step is recorded and counted.</summary>
public enum DecisionStepKind
{
    /// <summary>The branch proposes the matter (党支部提议): minutes of the branch committee.</summary>
    Proposal = 1,

    /// <summary>A discussion without a vote that binds (两委会商议, a hearing or the township's review in a 六议 variant): minutes.</summary>
    Consultation = 2,

    /// <summary>The members' meeting deliberates (党员大会审议): more than half of the members entitled present, more than half of those present for.</summary>
    MembersMeeting = 3,

    /// <summary>The villagers' representatives resolve (村民代表会议决议): at least two thirds present, more than half of those present for (村民委员会组织法 §26).</summary>
    RepresentativesMeeting = 4,

    /// <summary>The resolution is published (决议公开): where and when.</summary>
    ResolutionPublished = 5,

    /// <summary>The result of carrying it out is published (实施结果公开): the result, where and when.</summary>
    ResultPublished = 6,
}

/// <summary>One step of a procedure: its name as the county words it and its kind.</summary>
public sealed record ProcedureStep(string Name, DecisionStepKind Kind)
{
    public bool Votes => Kind is DecisionStepKind.MembersMeeting or DecisionStepKind.RepresentativesMeeting;

    public bool Publishes => Kind is DecisionStepKind.ResolutionPublished or DecisionStepKind.ResultPublished;
}

/// <summary>A vote of a meeting: those entitled to attend (应到), present (实到), for, against and abstaining.</summary>
public sealed record DecisionVote(int Entitled, int Present, int For, int Against, int Abstain);

/// <summary>Why a step cannot be recorded, and the field it concerns.</summary>
public sealed record DecisionRefusal(string Message, string Field);

/// <summary>
/// The procedure of a village's major decisions — 四议两公开 by default (seed 002: 党支部提议、“两委”会商议、党员大会审议、村民代表会议或村民会议决议,
/// 决议公开、实施结果公开), 六议两公开 or another variant by configuration (seed 001). Its steps are taken in order, each dated no
/// earlier than the one before and not in the future; a meeting that votes needs its quorum (else it cannot be recorded as held) and
/// passes the matter with more than half of those present for it — a vote against ends the decision as not passed.
/// </summary>
public sealed class DecisionProcedure
{
    public const int NameMax = 20;
    public const int StepNameMax = 30;

    public static readonly DecisionProcedure FourDeliberations = new("四议两公开",
    [
        new("党支部提议", DecisionStepKind.Proposal),
        new("村“两委”会议商议", DecisionStepKind.Consultation),
        new("党员大会审议", DecisionStepKind.MembersMeeting),
        new("村民代表会议决议", DecisionStepKind.RepresentativesMeeting),
        new("决议公开", DecisionStepKind.ResolutionPublished),
        new("实施结果公开", DecisionStepKind.ResultPublished),
    ]);

    public DecisionProcedure(string name, IReadOnlyList<ProcedureStep> steps)
    {
        if (Problem(name, steps) is { } problem)
        {
            throw new ArgumentException(problem, nameof(steps));
        }
        Name = name;
        Steps = steps;
    }

    public string Name { get; }

    public IReadOnlyList<ProcedureStep> Steps { get; }

    /// <summary>Why a configured procedure cannot serve: it begins with the proposal, has the representatives' resolution before the two publications, which end it in order.</summary>
    public static string? Problem(string name, IReadOnlyList<ProcedureStep> steps)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > NameMax)
        {
            return $"议事程序的名称应为 1 至 {NameMax} 字";
        }
        if (steps.Count < 4 || steps.Any(s => string.IsNullOrWhiteSpace(s.Name) || s.Name.Length > StepNameMax || !Enum.IsDefined(s.Kind)))
        {
            return $"议事程序至少有提议、决议和两次公开四步，每步名称 1 至 {StepNameMax} 字";
        }
        if (steps[0].Kind != DecisionStepKind.Proposal || steps[^2].Kind != DecisionStepKind.ResolutionPublished || steps[^1].Kind != DecisionStepKind.ResultPublished)
        {
            return "议事程序以党组织提议开始，以决议公开、实施结果公开结束";
        }
        var resolution = steps.ToList().FindLastIndex(s => s.Kind == DecisionStepKind.RepresentativesMeeting);
        if (resolution < 0 || steps.Take(steps.Count - 2).Skip(1).Any(s => s.Publishes || s.Kind == DecisionStepKind.Proposal))
        {
            return "议事程序须有村民代表会议（或村民会议）决议，提议只在第一步，公开只在最后两步";
        }
        return steps.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() == steps.Count ? null : "议事程序各步的名称不能重复";
    }

    /// <summary>
    /// Why step <paramref name="index"/> (0-based) cannot be recorded on <paramref name="on"/> after <paramref name="done"/> steps whose
    /// last was dated <paramref name="lastOn"/>; null when it can. Taken out of order, dated before the step before or in the future,
    /// a vote missing or impossible, or a meeting without its quorum: each refused with the rule.
    /// </summary>
    public DecisionRefusal? Refusal(int done, int index, DateOnly on, DateOnly? lastOn, DateOnly today, DecisionVote? vote)
    {
        if (index < 0 || index >= Steps.Count)
        {
            return new("没有这一步", "step");
        }
        var step = Steps[index];
        if (index < done)
        {
            return new($"“{step.Name}”已经登记", "step");
        }
        if (index > done)
        {
            return new($"“{step.Name}”之前须先完成“{Steps[done].Name}”（{Name}不能跳过或颠倒步骤）", "step");
        }
        if (on > today)
        {
            return new("日期不能晚于今天", "on");
        }
        if (lastOn is { } last && on < last)
        {
            return new($"“{step.Name}”的日期不能早于上一步“{Steps[index - 1].Name}”的日期", "on");
        }
        if (!step.Votes)
        {
            return null;
        }
        if (vote is null)
        {
            return new($"请填写“{step.Name}”的应到、实到人数和表决结果", "entitled");
        }
        if (vote.Entitled is < 1 or > 100_000 || vote.Present < 0 || vote.Present > vote.Entitled)
        {
            return new("实到人数不能超过应到人数", "present");
        }
        if (vote.For < 0 || vote.Against < 0 || vote.Abstain < 0 || vote.For + vote.Against + vote.Abstain > vote.Present)
        {
            return new("赞成、反对、弃权合计不能超过实到人数", "for");
        }
        return Quorate(step.Kind, vote) ? null : new(QuorumRule(step.Kind, vote), "present");
    }

    /// <summary>Whether the meeting could be held: members' meeting more than half of those entitled; representatives two thirds or more.</summary>
    public static bool Quorate(DecisionStepKind kind, DecisionVote vote) => kind == DecisionStepKind.RepresentativesMeeting
        ? vote.Present * 3 >= vote.Entitled * 2
        : vote.Present * 2 > vote.Entitled;

    /// <summary>Whether the matter passed: more than half of those present voted for it.</summary>
    public static bool Passed(DecisionVote vote) => vote.For * 2 > vote.Present;

    /// <summary>The step after <paramref name="done"/> steps, or null when the procedure is complete.</summary>
    public ProcedureStep? Next(int done) => done < Steps.Count ? Steps[done] : null;

    /// <summary>The procedure written as one line (kind number and name per step) to keep with a decision, so a later configuration does not change it.</summary>
    public string Serialize() => string.Join('|', Steps.Select(s => $"{(int)s.Kind}:{s.Name}"));

    public static DecisionProcedure Deserialize(string name, string steps) => new(name, [.. steps.Split('|').Select(p =>
    {
        var colon = p.IndexOf(':', StringComparison.Ordinal);
        return new ProcedureStep(p[(colon + 1)..], (DecisionStepKind)int.Parse(p[..colon], System.Globalization.CultureInfo.InvariantCulture));
    })]);

    private static string QuorumRule(DecisionStepKind kind, DecisionVote vote) => kind == DecisionStepKind.RepresentativesMeeting
        ? $"村民代表会议须有三分之二以上的组成人员参加方可召开（村民委员会组织法第二十六条）：应到 {vote.Entitled} 人，至少 {(vote.Entitled * 2 + 2) / 3} 人到会"
        : $"党员大会须有半数以上有表决权的党员到会方可召开：应到 {vote.Entitled} 人，至少 {vote.Entitled / 2 + 1} 人到会";
}
