using Pingyi.Core.Archives;

namespace Pingyi.Web.Modules.Archives;

/// <summary>The Chinese names of archive kinds and year rules (one source; pages localize them).</summary>
public static class ArchiveText
{
    public static string Kind(ArchiveKind kind) => kind == ArchiveKind.VillageSecretary ? "村党组织书记“一考双评”" : "乡镇领导班子季度讲评";

    public static string Combination(YearCombination combination) => combination == YearCombination.Sum ? "四个季度得分之和" : "四个季度得分的平均";

    /// <summary>A score as lists and workbooks show it: two places, or nothing.</summary>
    public static string? Score(decimal? score) => score?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"2026年村党组织书记“一考双评”实绩排名（二季度）".</summary>
    public static string RankingTitle(ArchiveRanking ranking) =>
        $"{ranking.Year}年{Kind(ranking.Kind)}实绩排名" + (ranking.Quarter is { } q ? $"（{ArchiveYear.QuarterName(q)}）" : "（全年）");

    public static string Missing(MissingQuarter missing) => missing == MissingQuarter.MeanOfHeld ? "缺考季度按已考季度平均分计" : "缺考季度计 0 分";
}
