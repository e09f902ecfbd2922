namespace Pingyi.Core.Membership;

/// <summary>
/// The stages of developing a party member (《中国共产党发展党员工作细则》): 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 →
/// 正式党员. A stage is left only by its step; a step taken too early is refused with its rule and the day it becomes possible.
/// </summary>
public enum DevelopmentStage
{
    /// <summary>入党申请人: the written application received; the branch talks with the applicant within a month (细则 §8).</summary>
    Applicant = 1,

    /// <summary>入党积极分子: chosen by the branch, with two members as contacts, trained and observed for at least a year (§9–§12).</summary>
    Activist = 2,

    /// <summary>发展对象: after the year, with the political review and a short training of at least three days or 24 class hours (§13–§19).</summary>
    Candidate = 3,

    /// <summary>预备党员: admitted by the branch meeting's vote, approved by the committee above within three months (§20–§29).</summary>
    Probationary = 4,

    /// <summary>正式党员: after a year of probation, by the branch meeting's vote (§30–§33).</summary>
    Full = 5,
}

public enum DevelopmentStep
{
    /// <summary>The written application (入党申请书).</summary>
    Apply = 1,

    /// <summary>The branch's talk with the applicant (派人谈话), due within a month of the application.</summary>
    Talk = 2,

    /// <summary>Chosen as an activist (确定入党积极分子), with two contacts (培养联系人).</summary>
    Activist = 3,

    /// <summary>Chosen as a development candidate (确定发展对象) after at least a year as an activist.</summary>
    Candidate = 4,

    /// <summary>The political review (政治审查) of a candidate.</summary>
    Review = 5,

    /// <summary>The short training (集中培训) of a candidate: at least three days or 24 class hours.</summary>
    Training = 6,

    /// <summary>Admitted by the branch meeting (支部大会讨论接收为预备党员), approved by the committee above within three months.</summary>
    Admit = 7,

    /// <summary>Confirmed as a full member by the branch meeting (预备党员转正) after the year of probation.</summary>
    Confirm = 8,
}

/// <summary>The durations of the rules, configuration with the defaults of the rules (细则).</summary>
public sealed record DevelopmentPeriods(int TalkWithinDays = 30, int ActivistYears = 1, int TrainingDays = 3, int TrainingHours = 24,
    int ApprovalWithinMonths = 3, int ProbationYears = 1)
{
    public static readonly DevelopmentPeriods Default = new();
}

/// <summary>What a development record holds so far: the dates the rules read.</summary>
public sealed record DevelopmentDates(DevelopmentStage Stage, DateOnly AppliedOn, DateOnly? TalkedOn = null, DateOnly? ActivistOn = null,
    DateOnly? CandidateOn = null, DateOnly? ReviewedOn = null, int TrainingDays = 0, decimal TrainingHours = 0, DateOnly? AdmittedOn = null);

/// <summary>A refused step: the rule in Chinese and, when waiting is the answer, the first day the step is possible.</summary>
public sealed record DevelopmentRefusal(string Message, DateOnly? PossibleOn = null);

/// <summary>The rules of member development; pure, so every step and date is tested.</summary>
public static class DevelopmentRules
{
    /// <summary>The stage a step leads to (the talk, the review and the training keep the stage).</summary>
    public static DevelopmentStage After(DevelopmentStage stage, DevelopmentStep step) => step switch
    {
        DevelopmentStep.Activist => DevelopmentStage.Activist,
        DevelopmentStep.Candidate => DevelopmentStage.Candidate,
        DevelopmentStep.Admit => DevelopmentStage.Probationary,
        DevelopmentStep.Confirm => DevelopmentStage.Full,
        _ => stage,
    };

    /// <summary>The stage a step is taken in.</summary>
    public static DevelopmentStage? From(DevelopmentStep step) => step switch
    {
        DevelopmentStep.Talk or DevelopmentStep.Activist => DevelopmentStage.Applicant,
        DevelopmentStep.Candidate => DevelopmentStage.Activist,
        DevelopmentStep.Review or DevelopmentStep.Training or DevelopmentStep.Admit => DevelopmentStage.Candidate,
        DevelopmentStep.Confirm => DevelopmentStage.Probationary,
        _ => null,
    };

    /// <summary>
    /// Why <paramref name="step"/> on <paramref name="on"/> is refused, or null. <paramref name="approvedOn"/> is the committee's
    /// approval of an admission; <paramref name="today"/> bounds every date (nothing is recorded ahead of time).
    /// </summary>
    public static DevelopmentRefusal? Refusal(DevelopmentDates d, DevelopmentStep step, DateOnly on, DateOnly today, DevelopmentPeriods periods,
        DateOnly? approvedOn = null, int trainingDays = 0, decimal trainingHours = 0)
    {
        if (on > today)
        {
            return new("日期不能晚于今天");
        }
        if (From(step) is not { } from)
        {
            return new("入党申请只能登记一次");
        }
        if (d.Stage != from)
        {
            return new(WrongStage(d.Stage, step));
        }
        DateOnly Earliest(DateOnly? after) => after ?? d.AppliedOn;
        var last = new[] { d.AppliedOn, d.TalkedOn, d.ActivistOn, d.CandidateOn, d.ReviewedOn, d.AdmittedOn }.Where(x => x is not null).Max()!.Value;
        if (on < last && step is not (DevelopmentStep.Talk or DevelopmentStep.Review or DevelopmentStep.Training))
        {
            return new($"日期不能早于上一步（{Chinese(last)}）", last);
        }
        switch (step)
        {
            case DevelopmentStep.Talk:
                if (d.TalkedOn is not null)
                {
                    return new("已经谈过话");
                }
                return on < d.AppliedOn ? new($"谈话不能早于递交入党申请书（{Chinese(d.AppliedOn)}）", d.AppliedOn) : null;
            case DevelopmentStep.Activist:
                return d.TalkedOn is null ? new("确定入党积极分子前，党组织应先派人同申请人谈话（细则第八条）") : null;
            case DevelopmentStep.Candidate:
                var year = Earliest(d.ActivistOn).AddYears(periods.ActivistYears);
                return on < year
                    ? new($"入党积极分子经过{periods.ActivistYears}年以上培养教育和考察，方可列为发展对象（细则第十三条）；最早 {Chinese(year)}", year)
                    : null;
            case DevelopmentStep.Review:
                return d.ReviewedOn is not null ? new("已经完成政治审查") : on < Earliest(d.CandidateOn) ? new("政治审查不能早于确定为发展对象", d.CandidateOn) : null;
            case DevelopmentStep.Training:
                if (trainingDays < periods.TrainingDays && trainingHours < periods.TrainingHours)
                {
                    return new($"集中培训时间一般不少于{periods.TrainingDays}天（不少于{periods.TrainingHours}个学时）（细则第十八条）");
                }
                return on < Earliest(d.CandidateOn) ? new("集中培训不能早于确定为发展对象", d.CandidateOn) : null;
            case DevelopmentStep.Admit:
                if (d.ReviewedOn is null)
                {
                    return new("发展对象未经政治审查，不能提交支部大会讨论（细则第十七条）");
                }
                if (d.TrainingDays < periods.TrainingDays && d.TrainingHours < periods.TrainingHours)
                {
                    return new($"发展对象未经{periods.TrainingDays}天或{periods.TrainingHours}学时以上的集中培训，不能发展为预备党员（细则第十八条）");
                }
                if (approvedOn is not { } approved)
                {
                    return new("请填写上级党委审批日期");
                }
                if (approved < on)
                {
                    return new("上级党委审批不能早于支部大会讨论");
                }
                var limit = on.AddMonths(periods.ApprovalWithinMonths);
                return approved > limit ? new($"上级党委应在支部大会通过后{periods.ApprovalWithinMonths}个月内审批（细则第二十六条），即 {Chinese(limit)} 前") : approved > today ? new("审批日期不能晚于今天") : null;
            case DevelopmentStep.Confirm:
                var end = Earliest(d.AdmittedOn).AddYears(periods.ProbationYears);
                return on < end ? new($"预备期为{periods.ProbationYears}年，从支部大会通过之日算起（细则第二十九条），期满才能讨论转正；最早 {Chinese(end)}", end) : null;
            default:
                return null;
        }
    }

    /// <summary>Why a step does not belong to the stage the record is in.</summary>
    public static string WrongStage(DevelopmentStage stage, DevelopmentStep step) => $"当前是“{Name(stage)}”阶段，不能{StepName(step)}";

    /// <summary>The talk is late when it has not happened within the month after the application.</summary>
    public static DateOnly TalkDue(DateOnly appliedOn, DevelopmentPeriods periods) => appliedOn.AddDays(periods.TalkWithinDays);

    public static string Name(DevelopmentStage stage) => stage switch
    {
        DevelopmentStage.Applicant => "入党申请人",
        DevelopmentStage.Activist => "入党积极分子",
        DevelopmentStage.Candidate => "发展对象",
        DevelopmentStage.Probationary => "预备党员",
        _ => "正式党员",
    };

    public static string StepName(DevelopmentStep step) => step switch
    {
        DevelopmentStep.Apply => "递交入党申请书",
        DevelopmentStep.Talk => "谈话",
        DevelopmentStep.Activist => "确定为入党积极分子",
        DevelopmentStep.Candidate => "确定为发展对象",
        DevelopmentStep.Review => "政治审查",
        DevelopmentStep.Training => "集中培训",
        DevelopmentStep.Admit => "接收为预备党员",
        _ => "转为正式党员",
    };

    private static string Chinese(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";
}

/// <summary>Priority groups of seed 001 (重点发展对象), kept as tags on the record.</summary>
[Flags]
public enum PriorityGroups
{
    None = 0,
    YouthLeagueMember = 1,
    Woman = 2,
    ReturnedMigrant = 4,
    Veteran = 8,
    RuralEntrepreneur = 16,
    KeyWorker = 32,
}

public static class PriorityGroupNames
{
    public static readonly IReadOnlyList<(PriorityGroups Group, string Name)> All =
    [
        (PriorityGroups.YouthLeagueMember, "优秀团员"), (PriorityGroups.Woman, "优秀妇女"), (PriorityGroups.ReturnedMigrant, "外出务工返乡青年"),
        (PriorityGroups.Veteran, "退伍军人"), (PriorityGroups.RuralEntrepreneur, "农村带富能手"), (PriorityGroups.KeyWorker, "业务骨干"),
    ];

    public static string Chinese(this PriorityGroups groups) => string.Join("、", All.Where(g => groups.HasFlag(g.Group)).Select(g => g.Name));
}
