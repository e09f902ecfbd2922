namespace Pingyi.Core.Awards;

/// <summary>Who receives an award: an organization (先进基层党组织, “五好”基层党组织) or a person (优秀共产党员, 十佳书记).</summary>
public enum AwardSubject
{
    Organization,
    Person,
}

/// <summary>
/// The stages of a year's award (评先选优): nominations are made and reviewed (提名、审核) → the recommended list is
/// publicized (公示, objections recorded and resolved) → the list is approved (批准) → the award is published (命名表彰,
/// a numbered decision).
/// </summary>
public enum AwardStage
{
    /// <summary>Open for nominations and their review (提名中).</summary>
    Nominating,
    /// <summary>The recommended list is public until the end of the publicity period (公示中).</summary>
    Publicity,
    /// <summary>Approved by the committee, to be published (已批准).</summary>
    Approved,
    /// <summary>Published with its decision (已表彰); the recommended nominees are the awardees.</summary>
    Published,
}

/// <summary>A nomination's state; it is an award once its award is published while it is recommended.</summary>
public enum NominationState
{
    /// <summary>Nominated, awaiting review (待审核).</summary>
    Nominated,
    /// <summary>Passed review: on the list to be publicized and approved (拟表彰).</summary>
    Recommended,
    /// <summary>Did not pass review, with the reason (未通过审核).</summary>
    Rejected,
    /// <summary>Withdrawn by the nominating side or after an objection found true, with the reason (已撤销).</summary>
    Withdrawn,
}

public enum NominationAction
{
    /// <summary>The reviewer passes it (审核通过).</summary>
    Recommend,
    /// <summary>The reviewer turns it down, with the reason.</summary>
    Reject,
    /// <summary>Taken off the list, with the reason: by the nominating side, or an objection found true.</summary>
    Withdraw,
}

/// <summary>The rules of an award's stages and its nominations; pure, so every transition is tested.</summary>
public static class AwardWorkflow
{
    /// <summary>The customary publicity period (公示期): five working days.</summary>
    public const int PublicityWorkingDays = 5;

    public static NominationState? Next(NominationState state, AwardStage stage, NominationAction action) => (state, stage, action) switch
    {
        (NominationState.Nominated, AwardStage.Nominating, NominationAction.Recommend) => NominationState.Recommended,
        (NominationState.Nominated, AwardStage.Nominating, NominationAction.Reject) => NominationState.Rejected,
        (NominationState.Nominated or NominationState.Recommended, AwardStage.Nominating or AwardStage.Publicity, NominationAction.Withdraw) => NominationState.Withdrawn,
        _ => null,
    };

    /// <summary>Why the action is refused, in Chinese; null when it is allowed. A rejection and a withdrawal need their reason; a
    /// recommendation needs a place within the quota.</summary>
    public static string? Refusal(NominationState state, AwardStage stage, NominationAction action, string? reason, int recommended, int quota)
    {
        if (Next(state, stage, action) is null)
        {
            return stage is AwardStage.Approved or AwardStage.Published || (stage == AwardStage.Publicity && action != NominationAction.Withdraw)
                ? $"本项表彰{Chinese(stage)}，提名不能再{Chinese(action)}"
                : $"“{Chinese(state)}”的提名不能{Chinese(action)}";
        }
        if (action != NominationAction.Recommend && string.IsNullOrWhiteSpace(reason))
        {
            return $"{Chinese(action)}须说明理由";
        }
        return action == NominationAction.Recommend && recommended >= quota ? $"已审核通过 {recommended} 个，达到名额 {quota} 个；请先撤销或不通过其他提名" : null;
    }

    /// <summary>Why the publicity cannot start: every nomination reviewed, at least one recommended.</summary>
    public static string? PublicityRefusal(AwardStage stage, int waiting, int recommended) =>
        stage != AwardStage.Nominating ? $"本项表彰{Chinese(stage)}，不能再开始公示"
        : waiting > 0 ? $"还有 {waiting} 个提名未审核，审核完毕才能公示"
        : recommended == 0 ? "没有审核通过的提名，无可公示" : null;

    /// <summary>Why the list cannot be approved: the publicity period over, no objection left unresolved, someone left on the list.</summary>
    public static string? ApprovalRefusal(AwardStage stage, DateOnly publicityUntil, DateOnly today, int openObjections, int recommended) =>
        stage != AwardStage.Publicity ? (stage == AwardStage.Nominating ? "名单须先公示，公示期满才能批准" : $"本项表彰{Chinese(stage)}，不能再批准")
        : today <= publicityUntil ? $"公示期至 {publicityUntil:yyyy-MM-dd} 止，期满后才能批准"
        : openObjections > 0 ? $"还有 {openObjections} 件异议未核实处理，处理完毕才能批准"
        : recommended == 0 ? "公示名单上已没有提名，不能批准" : null;

    public static string? PublicationRefusal(AwardStage stage) =>
        stage == AwardStage.Approved ? null : stage == AwardStage.Published ? "本项表彰已发布" : "名单批准后才能发布表彰";

    /// <summary>An objection can be recorded while the list is public.</summary>
    public static string? ObjectionRefusal(AwardStage stage, NominationState state) =>
        stage != AwardStage.Publicity ? "只有公示期间的名单可以登记异议"
        : state != NominationState.Recommended ? $"“{Chinese(state)}”的提名不在公示名单上" : null;

    public static string Chinese(AwardStage stage) => stage switch
    {
        AwardStage.Nominating => "提名中",
        AwardStage.Publicity => "公示中",
        AwardStage.Approved => "已批准",
        _ => "已表彰",
    };

    public static string Chinese(NominationState state) => state switch
    {
        NominationState.Nominated => "待审核",
        NominationState.Recommended => "拟表彰",
        NominationState.Rejected => "未通过审核",
        _ => "已撤销",
    };

    public static string Chinese(NominationAction action) => action switch
    {
        NominationAction.Recommend => "审核通过",
        NominationAction.Reject => "不予通过",
        _ => "撤销",
    };
}
