using Pingyi.Core.Selection;

namespace Pingyi.Web.Modules.Selection;

/// <summary>The Chinese names of the module's states (one source; pages localize them).</summary>
public static class SelectionText
{
    public static string Stage(RoundStage stage) => stage switch
    {
        RoundStage.OrganizationDepartment => "组织部门差额推选",
        RoundStage.AllCadres => "全体在职干部差额推荐",
        _ => "县委全委会差额票决",
    };

    public static string Method(RoundMethod method) => method switch
    {
        RoundMethod.Ballot => "无记名投票（纸质计票）",
        RoundMethod.Scored => "演讲答辩和考试评分",
        _ => "手机无记名投票",
    };

    public static string Tie(TieRule rule) => rule == TieRule.Runoff ? "同分者加试" : "同分按上一轮成绩，仍同分者加试";

    public static string State(NominationState state) => state switch
    {
        NominationState.Standing => "在选",
        NominationState.Eliminated => "已淘汰",
        NominationState.Withdrawn => "已退出",
        _ => "已任用",
    };

    public static string Outcome(EntryOutcome outcome) => outcome switch
    {
        EntryOutcome.Pending => "待定",
        EntryOutcome.Advanced => "晋级",
        EntryOutcome.Eliminated => "淘汰",
        _ => "同分加试",
    };
}
