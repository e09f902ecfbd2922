namespace Pingyi.Core.Selection;

/// <summary>The answers of a satisfaction survey of appointments (seed 000): 满意, 基本满意, 不满意, 不了解.</summary>
public sealed record SatisfactionCounts(int Satisfied, int Basic, int Dissatisfied, int Unknown)
{
    public int Total => Satisfied + Basic + Dissatisfied + Unknown;

    /// <summary>The answers that judge: 不了解 is no judgement and is counted apart.</summary>
    public int Judging => Satisfied + Basic + Dissatisfied;
}

/// <summary>A survey's rates in percent, one decimal as published; null when no answer judges. Change: points on the previous year's published rate.</summary>
public sealed record SatisfactionResult(SatisfactionCounts Counts, decimal? SatisfactionRate, decimal? BasicRate, decimal? UnknownShare, decimal? Change);

/// <summary>
/// The satisfaction rates of a survey of appointments as seed 000 states them ("基本满意率达到百分百，满意率是92.7%，比09年提高20.4个百分点"):
/// the satisfaction rate is 满意 over the judging answers (满意 + 基本满意 + 不满意; 不了解 is no judgement and is shown apart as its share of
/// all answers), the basic-satisfaction rate is 满意 + 基本满意 over the same; each in percent rounded half away from zero to one
/// decimal, as published; the change is the difference of the published satisfaction rates, in percentage points.
/// </summary>
public static class SatisfactionRates
{
    public static SatisfactionResult Compute(SatisfactionCounts counts, decimal? previousRate = null)
    {
        decimal? Percent(int part, int whole) => whole == 0 ? null : decimal.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);
        var rate = Percent(counts.Satisfied, counts.Judging);
        return new SatisfactionResult(counts, rate, Percent(counts.Satisfied + counts.Basic, counts.Judging), Percent(counts.Unknown, counts.Total),
            rate is { } r && previousRate is { } p ? r - p : null);
    }

    /// <summary>A rate as published: one decimal and the percent sign ("92.7%"); "—" when nobody judged.</summary>
    public static string Text(decimal? rate) => rate is { } r ? r.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}
