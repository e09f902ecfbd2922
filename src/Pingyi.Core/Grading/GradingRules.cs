using Pingyi.Core.Evaluation;

namespace Pingyi.Core.Grading;

/// <summary>The grades of an organization (分类定级), best first: 先进, 一般, 后进.</summary>
public enum OrganizationGrade
{
    Advanced = 0,
    Average = 1,
    Lagging = 2,
}

/// <summary>
/// The three inputs of a year's grading: the monthly evaluation by member and public representatives (月评), the
/// quarterly self-assessment (季度自评) and the annual assessment by the committee (年度考核).
/// </summary>
public enum GradingInputKind
{
    Monthly = 0,
    Quarterly = 1,
    Annual = 2,
}

/// <summary>One of the standards an organization is graded against (the five of "五好"), with its full points.</summary>
public sealed record GradingStandard(string Key, string Name, decimal MaxPoints);

/// <summary>
/// The rules of a grading scheme (定级方案), one version of the indicator set: the standards, how much each input counts,
/// the thresholds of the grades, the quotas and the exemplary share. Every default is the one of seed 004.
/// </summary>
public sealed record GradingRules
{
    /// <summary>The five standards of "五好" (seed 004), 20 points each.</summary>
    public static readonly IReadOnlyList<GradingStandard> FiveGood =
    [
        new("leadership", "领导班子好", 20),
        new("team", "党员干部队伍好", 20),
        new("mechanism", "工作机制好", 20),
        new("results", "发展业绩好", 20),
        new("opinion", "群众反映好", 20),
    ];

    public IReadOnlyList<GradingStandard> Standards { get; init; } = FiveGood;

    public decimal MonthlyWeight { get; init; } = 30;

    public decimal QuarterlyWeight { get; init; } = 20;

    public decimal AnnualWeight { get; init; } = 50;

    /// <summary>The fewest months of monthly evaluation that count; with fewer the input is missing and its weight is shared out.</summary>
    public int MinimumMonths { get; init; } = 6;

    /// <summary>The fewest quarterly self-assessments that count.</summary>
    public int MinimumQuarters { get; init; } = 2;

    /// <summary>The lowest score of 先进.</summary>
    public decimal AdvancedThreshold { get; init; } = 90;

    /// <summary>The lowest score of 一般; below it is 后进.</summary>
    public decimal AverageThreshold { get; init; } = 70;

    /// <summary>At most this share of the graded organizations is 先进 (null: no cap).</summary>
    public decimal? AdvancedMaxShare { get; init; } = 0.3m;

    /// <summary>At least this share of the graded organizations, the last by score, is 后进 (null: by threshold only).</summary>
    public decimal? LaggingMinShare { get; init; } = 0.1m;

    /// <summary>The best of the 先进 up to this share of the graded organizations are marked 示范 (null: none).</summary>
    public decimal? ExemplaryShare { get; init; } = 0.05m;

    public decimal PossiblePoints => Standards.Sum(s => s.MaxPoints);

    public decimal Weight(GradingInputKind kind) => kind switch
    {
        GradingInputKind.Monthly => MonthlyWeight,
        GradingInputKind.Quarterly => QuarterlyWeight,
        _ => AnnualWeight,
    };

    /// <summary>How many inputs of the kind a year has: 12 months, 4 quarters, 1 annual assessment.</summary>
    public static int Periods(GradingInputKind kind) => kind switch
    {
        GradingInputKind.Monthly => 12,
        GradingInputKind.Quarterly => 4,
        _ => 1,
    };

    /// <summary>The fewest inputs of the kind that count.</summary>
    public int Minimum(GradingInputKind kind) => kind switch
    {
        GradingInputKind.Monthly => MinimumMonths,
        GradingInputKind.Quarterly => MinimumQuarters,
        _ => 1,
    };

    /// <summary>
    /// A share of <paramref name="graded"/> organizations as a whole number, rounded to the nearest (half away from zero):
    /// seed 004 reports 69 of 691 as 10% and 207 as 30%.
    /// </summary>
    public static int Count(decimal share, int graded) => (int)decimal.Round(share * graded, MidpointRounding.AwayFromZero);

    /// <summary>Every reason the rules cannot be used with the field it is about; empty when they can.</summary>
    public IReadOnlyList<RuleError> ValidateFields()
    {
        var errors = new List<RuleError>();
        if (Standards is null || Standards.Count == 0 || Standards.Count > 20)
        {
            errors.Add(new("standards", "定级标准须有 1 到 20 项。"));
        }
        else
        {
            for (var i = 0; i < Standards.Count; i++)
            {
                var s = Standards[i];
                if (string.IsNullOrWhiteSpace(s.Name) || s.Name.Length > 50)
                {
                    errors.Add(new($"standards[{i}].name", $"第 {i + 1} 项标准需要名称（不超过 50 字）。"));
                }
                if (string.IsNullOrWhiteSpace(s.Key))
                {
                    errors.Add(new($"standards[{i}].key", $"第 {i + 1} 项标准需要代码（key）。"));
                }
                if (s.MaxPoints <= 0 || s.MaxPoints > 1000 || SchemeRules.Places(s.MaxPoints) > 2)
                {
                    errors.Add(new($"standards[{i}].maxPoints", $"第 {i + 1} 项标准的满分须大于 0、不超过 1000，最多 2 位小数。"));
                }
            }
            if (Standards.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count() != Standards.Count)
            {
                errors.Add(new("standards", "标准代码不能重复。"));
            }
        }
        foreach (var (field, weight) in new[] { ("monthlyWeight", MonthlyWeight), ("quarterlyWeight", QuarterlyWeight), ("annualWeight", AnnualWeight) })
        {
            if (weight < 0 || weight > 1000 || SchemeRules.Places(weight) > 2)
            {
                errors.Add(new(field, "权重须在 0 到 1000 之间，最多 2 位小数。"));
            }
        }
        if (MonthlyWeight + QuarterlyWeight + AnnualWeight <= 0)
        {
            errors.Add(new("annualWeight", "月评、季度自评和年度考核的权重不能都为 0。"));
        }
        if (MinimumMonths is < 1 or > 12)
        {
            errors.Add(new("minimumMonths", "月评至少计入的月数须在 1 到 12 之间。"));
        }
        if (MinimumQuarters is < 1 or > 4)
        {
            errors.Add(new("minimumQuarters", "季度自评至少计入的季度数须在 1 到 4 之间。"));
        }
        if (!(AdvancedThreshold > AverageThreshold) || AverageThreshold < 0 || AdvancedThreshold > 100)
        {
            errors.Add(new("advancedThreshold", "分数线须在 0 到 100 之间，且先进线高于一般线。"));
        }
        foreach (var (field, share) in new[] { ("advancedMaxShare", AdvancedMaxShare), ("laggingMinShare", LaggingMinShare), ("exemplaryShare", ExemplaryShare) })
        {
            if (share is { } s && (s <= 0 || s > 1 || SchemeRules.Places(s) > 4))
            {
                errors.Add(new(field, "比例须大于 0%、不超过 100%。"));
            }
        }
        if ((AdvancedMaxShare ?? 0) + (LaggingMinShare ?? 0) > 1)
        {
            errors.Add(new("laggingMinShare", "先进比例上限与后进比例下限之和不能超过 100%。"));
        }
        if (ExemplaryShare is { } e && AdvancedMaxShare is { } a && e > a)
        {
            errors.Add(new("exemplaryShare", "示范比例不能超过先进比例上限。"));
        }
        return errors;
    }
}

/// <summary>One input of an organization's year: its kind, the month (1–12), quarter (1–4) or 1, and its score out of 100.</summary>
public readonly record struct GradingInput(GradingInputKind Kind, int Period, decimal Score);
