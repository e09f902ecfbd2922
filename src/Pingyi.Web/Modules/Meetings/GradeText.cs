using Pingyi.Core.Evaluation;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Meetings;

public static class GradeText
{
    public static string Chinese(Grade grade) => grade switch
    {
        Grade.Good => "好",
        Grade.FairlyGood => "较好",
        Grade.Average => "一般",
        _ => "较差",
    };

    public static string Show(Grade? grade) => grade is { } g ? Text.T(Chinese(g)) : "—";

    public static string Stage(MeetingStage stage) => Text.T(stage switch
    {
        MeetingStage.Preparation => "述前准备",
        MeetingStage.Scoring => "述职评议",
        MeetingStage.Assessment => "综合评价",
        _ => "述后整改",
    });

    public static string Direction(MeetingDirection direction) => Text.T(direction == MeetingDirection.Upward ? "向上述职" : "向下述职");

    public static string State(ScoringState state) => Text.T(state switch
    {
        ScoringState.Pending => "未开始",
        ScoringState.Open => "评分中",
        _ => "已结束",
    });
}
