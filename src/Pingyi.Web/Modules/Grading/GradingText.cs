using Pingyi.Core.Grading;

namespace Pingyi.Web.Modules.Grading;

/// <summary>The Chinese names of grades, input kinds and tracks (one source; pages localize them).</summary>
public static class GradingText
{
    public static string Grade(OrganizationGrade grade) => grade switch
    {
        OrganizationGrade.Advanced => "先进",
        OrganizationGrade.Average => "一般",
        _ => "后进",
    };

    /// <summary>The three tracks of seed 004: 扛旗帜 for the advanced, 争位置 for the average, 摘帽子 for the lagging.</summary>
    public static string Track(OrganizationGrade grade) => grade switch
    {
        OrganizationGrade.Advanced => "扛旗帜",
        OrganizationGrade.Average => "争位置",
        _ => "摘帽子",
    };

    public static string Kind(GradingInputKind kind) => kind switch
    {
        GradingInputKind.Monthly => "月评",
        GradingInputKind.Quarterly => "季度自评",
        _ => "年度考核",
    };

    public static string Period(GradingInputKind kind, int period) => kind switch
    {
        GradingInputKind.Monthly => $"{period}月",
        GradingInputKind.Quarterly => $"第{"一二三四"[Math.Clamp(period, 1, 4) - 1]}季度",
        _ => "全年",
    };

    public static string Badge(OrganizationGrade grade) => grade switch
    {
        OrganizationGrade.Advanced => "text-bg-success",
        OrganizationGrade.Average => "text-bg-secondary",
        _ => "text-bg-danger",
    };

    /// <summary>Why the grade differs from the score's, in Chinese.</summary>
    public static IEnumerable<string> Flags(GradeFlags flags)
    {
        if (flags.HasFlag(GradeFlags.Vetoed))
        {
            yield return "一票否决";
        }
        if (flags.HasFlag(GradeFlags.CappedFromAdvanced))
        {
            yield return "超出先进比例";
        }
        if (flags.HasFlag(GradeFlags.FilledIntoLagging))
        {
            yield return "按后进比例确定";
        }
    }
}
