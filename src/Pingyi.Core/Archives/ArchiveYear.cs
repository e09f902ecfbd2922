using System.Globalization;
using System.Text;

namespace Pingyi.Core.Archives;

/// <summary>
/// Whose quarters an archive holds: village secretaries (一考双评, seed 000), township leadership teams or the townships'
/// section-level leading cadres one by one (乡科级领导班子和领导干部工作实绩季度讲评, seed 001).
/// </summary>
public enum ArchiveKind
{
    VillageSecretary = 0,
    TownshipTeam = 1,
    SectionCadre = 2,
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
        // A province ranks a hundred thousand years in one run: four slots, no sorting, one builder.
        var byQuarter = new QuarterScore?[4];
        foreach (var q in quarters)
        {
            if (q.Quarter is < 1 or > 4)
            {
                throw new ArgumentException($"季度须在 1 到 4 之间：{q.Quarter}", nameof(quarters));
            }
            if (byQuarter[q.Quarter - 1] is not null)
            {
                throw new ArgumentException($"{QuarterName(q.Quarter)}有两个得分", nameof(quarters));
            }
            byQuarter[q.Quarter - 1] = q;
        }
        var held = new List<int>(4);
        var missing = new List<int>(4);
        var sum = 0m;
        for (var i = 0; i < 4; i++)
        {
            if (byQuarter[i] is { } q)
            {
                held.Add(i + 1);
                sum += q.Score;
            }
            else
            {
                missing.Add(i + 1);
            }
        }
        if (held.Count == 0)
        {
            return new YearTotal(null, held, missing, "本年度尚无季度得分");
        }
        var meanOfHeld = sum / held.Count;
        var filled = rules.Missing == MissingQuarter.MeanOfHeld ? sum + meanOfHeld * missing.Count : sum;
        var total = decimal.Round(rules.Combination == YearCombination.Sum ? filled : filled / 4, 2, MidpointRounding.AwayFromZero);

        var text = new StringBuilder(160);
        text.Append(rules.Combination == YearCombination.Sum ? "全年成绩为四个季度得分之和：" : "全年成绩为四个季度得分的平均：");
        var first = true;
        foreach (var quarter in held)
        {
            text.Append(first ? "" : "，").Append(QuarterNames[quarter - 1]).Append(' ').Append(Format(byQuarter[quarter - 1]!.Value.Score));
            first = false;
        }
        if (missing.Count > 0)
        {
            text.Append('；').AppendJoin('、', missing.Select(QuarterName)).Append(rules.Missing == MissingQuarter.MeanOfHeld
                ? $"无得分，按已考季度的平均分 {Format(decimal.Round(meanOfHeld, 2, MidpointRounding.AwayFromZero))} 计"
                : "无得分，计 0 分");
        }
        var versions = Runs(byQuarter);
        text.Append('；');
        if (versions.Count == 1)
        {
            text.Append("各季度均按《").Append(versions[0].Name).Append("》计分");
        }
        else
        {
            text.Append("指标体系年中调整，各季度按当季方案计分后合并：").AppendJoin('；', versions.Select(v => $"{Span(v.Quarters)}按《{v.Name}》"));
        }
        return new YearTotal(total, held, missing, text.Append('。').ToString());
    }

    /// <summary>Consecutive held quarters under the same scheme, in order: the versions a year went through.</summary>
    private static List<(string Name, List<int> Quarters)> Runs(QuarterScore?[] quarters)
    {
        var runs = new List<(long Id, string Name, List<int> Quarters)>(1);
        foreach (var slot in quarters)
        {
            if (slot is not { } q)
            {
                continue;
            }
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
