using System.Globalization;

namespace Pingyi.Core.Archives;

/// <summary>Whose quarters an archive holds: village secretaries (一考双评, seed 000) or township leadership teams (季度讲评, seed 001).</summary>
public enum ArchiveKind
{
    VillageSecretary = 0,
    TownshipTeam = 1,
}

/// <summary>How the quarters make the year: their sum (seed 004: "综合四个季度得分就是全年总成绩") or their mean.</summary>
public enum YearCombination
{
    Sum = 0,
    Mean = 1,
}

/// <summary>What a quarter without a score counts for: the mean of the quarters held, or nothing.</summary>
public enum MissingQuarter
{
    MeanOfHeld = 0,
    Zero = 1,
}

/// <summary>The year's rule of an archive (年度考核办法): how quarters combine and what a missing one counts for.</summary>
public sealed record ArchiveRules(YearCombination Combination = YearCombination.Sum, MissingQuarter Missing = MissingQuarter.MeanOfHeld);

/// <summary>One quarter's score and the indicator-set version (the scheme) it was computed under.</summary>
public readonly record struct QuarterScore(int Quarter, decimal Score, long SchemeId, string SchemeName);

/// <summary>A year's total, the quarters it rests on, the ones missing, and a sentence that says how it was made.</summary>
public sealed record YearTotal(decimal? Total, IReadOnlyList<int> Held, IReadOnlyList<int> Missing, string Explanation);

/// <summary>
/// The year of an archive from its quarters (实绩档案): each quarter's score stands as it was computed under its own
/// scheme version; the year combines the scores by the rule — sum or mean — and a missing quarter either counts as the
/// mean of those held or as zero. Rounded once, at the end, to two places (half away from zero).
/// </summary>
public static class ArchiveYear
{
    public static readonly string[] QuarterNames = ["一季度", "二季度", "三季度", "四季度"];

    public static string QuarterName(int quarter) => quarter is >= 1 and <= 4 ? QuarterNames[quarter - 1] : throw new ArgumentOutOfRangeException(nameof(quarter));

    public static YearTotal Total(ArchiveRules rules, IReadOnlyList<QuarterScore> quarters)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(quarters);
        var byQuarter = new SortedDictionary<int, QuarterScore>();
        foreach (var q in quarters)
        {
            if (q.Quarter is < 1 or > 4)
            {
                throw new ArgumentException($"季度须在 1 到 4 之间：{q.Quarter}", nameof(quarters));
            }
            if (!byQuarter.TryAdd(q.Quarter, q))
            {
                throw new ArgumentException($"{QuarterName(q.Quarter)}有两个得分", nameof(quarters));
            }
        }
        var held = byQuarter.Keys.ToList();
        var missing = Enumerable.Range(1, 4).Where(q => !byQuarter.ContainsKey(q)).ToList();
        if (held.Count == 0)
        {
            return new YearTotal(null, held, missing, "本年度尚无季度得分");
        }
        var sum = byQuarter.Values.Sum(q => q.Score);
        var meanOfHeld = sum / held.Count;
        var filled = rules.Missing == MissingQuarter.MeanOfHeld ? sum + meanOfHeld * missing.Count : sum;
        var total = rules.Combination == YearCombination.Sum ? filled : filled / 4;
        total = decimal.Round(total, 2, MidpointRounding.AwayFromZero);

        var parts = new List<string>
        {
            (rules.Combination == YearCombination.Sum ? "全年成绩为四个季度得分之和：" : "全年成绩为四个季度得分的平均：")
            + string.Join("，", byQuarter.Values.Select(q => $"{QuarterName(q.Quarter)} {Format(q.Score)}")),
        };
        if (missing.Count > 0)
        {
            parts.Add(rules.Missing == MissingQuarter.MeanOfHeld
                ? $"{string.Join("、", missing.Select(QuarterName))}无得分，按已考季度的平均分 {Format(decimal.Round(meanOfHeld, 2, MidpointRounding.AwayFromZero))} 计"
                : $"{string.Join("、", missing.Select(QuarterName))}无得分，计 0 分");
        }
        var versions = Runs(byQuarter.Values);
        parts.Add(versions.Count == 1
            ? $"各季度均按《{versions[0].Name}》计分"
            : "指标体系年中调整，各季度按当季方案计分后合并：" + string.Join("；", versions.Select(v => $"{Span(v.Quarters)}按《{v.Name}》")));
        return new YearTotal(total, held, missing, string.Join("；", parts) + "。");
    }

    /// <summary>Consecutive held quarters under the same scheme, in order: the versions a year went through.</summary>
    private static List<(string Name, List<int> Quarters)> Runs(IEnumerable<QuarterScore> quarters)
    {
        var runs = new List<(long Id, string Name, List<int> Quarters)>();
        foreach (var q in quarters)
        {
            if (runs.Count > 0 && runs[^1].Id == q.SchemeId)
            {
                runs[^1].Quarters.Add(q.Quarter);
            }
            else
            {
                runs.Add((q.SchemeId, q.SchemeName, [q.Quarter]));
            }
        }
        return [.. runs.Select(r => (r.Name, r.Quarters))];
    }

    private static string Span(List<int> quarters) =>
        quarters.Count == 1 ? QuarterName(quarters[0]) : $"{QuarterName(quarters[0])[0]}至{QuarterName(quarters[^1])}";

    private static string Format(decimal score) => score.ToString("0.00", CultureInfo.InvariantCulture);
}
