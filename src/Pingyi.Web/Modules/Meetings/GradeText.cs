using System.Text.Json;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>The Chinese names of grades, stages and states: the keys of <see cref="UiText"/> on pages, the text itself in documents.</summary>
public static class GradeText
{
    public static string Chinese(Grade grade) => grade switch
    {
        Grade.Good => "好",
        Grade.FairlyGood => "较好",
        Grade.Average => "一般",
        _ => "较差",
    };

    public static string Show(Grade? grade) => grade is { } g ? Chinese(g) : "—";

    public static string Stage(MeetingStage stage) => stage switch
    {
        MeetingStage.Preparation => "述前准备",
        MeetingStage.Scoring => "述职评议",
        MeetingStage.Assessment => "综合评价",
        _ => "述后整改",
    };

    public static string Direction(MeetingDirection direction) => direction == MeetingDirection.Upward ? "向上述职" : "向下述职";

    public static string State(ScoringState state) => state switch
    {
        ScoringState.Pending => "未开始",
        ScoringState.Open => "评分中",
        _ => "已结束",
    };

    /// <summary>An enumeration value as the platform's JSON writes it ("fairlyGood", "Scoring"): the keys the scripts look labels up by.</summary>
    public static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => JsonSerializer.Serialize(value, RulesJson.Options).Trim('"');

    /// <summary>The names of grades and stages in the request's language, keyed as the board's JSON sends them, for the board's script.</summary>
    public static string ScriptNames(IStringLocalizer localizer) => JsonSerializer.Serialize(new
    {
        grades = Enum.GetValues<Grade>().ToDictionary(Wire, g => localizer[Chinese(g)].Value),
        stages = Enum.GetValues<MeetingStage>().ToDictionary(Wire, s => localizer[Stage(s)].Value),
        states = Enum.GetValues<ScoringState>().ToDictionary(s => s.ToString(), s => localizer[State(s)].Value),
    });
}
