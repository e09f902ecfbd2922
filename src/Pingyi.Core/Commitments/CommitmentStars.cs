using Pingyi.Core.Evaluation;

namespace Pingyi.Core.Commitments;

/// <summary>
/// Stars (星级) of a commitment from the score of its three evaluations (三评): the lowest score of each of five, four, three
/// and two stars; below two stars' line is one star. Three stars or more marks a priority for commendations (seed 004).
/// </summary>
public sealed record StarThresholds(decimal Five = 95, decimal Four = 90, decimal Three = 80, decimal Two = 70)
{
    public const int PriorityStars = 3;

    /// <summary>One to five stars for a score; none without a score.</summary>
    public int? Stars(decimal? score) => score is not { } s ? null
        : s >= Five ? 5 : s >= Four ? 4 : s >= Three ? 3 : s >= Two ? 2 : 1;

    /// <summary>Whether stars mark a priority for commendations (三星及以上).</summary>
    public static bool IsPriority(int? stars) => stars >= PriorityStars;

    /// <summary>晋星: stars gained on last year's (null when either year has none).</summary>
    public static int? Gained(int? lastYear, int? thisYear) => lastYear is { } a && thisYear is { } b ? b - a : null;

    /// <summary>Every reason the thresholds cannot be used, with the field; empty when they can.</summary>
    public IReadOnlyList<RuleError> ValidateFields()
    {
        var errors = new List<RuleError>();
        if (!(Five > Four && Four > Three && Three > Two))
        {
            errors.Add(new("stars", "星级分数线须依次降低：五星 > 四星 > 三星 > 二星。"));
        }
        if (Two < 0 || Five > 100 || new[] { Five, Four, Three, Two }.Any(v => SchemeRules.Places(v) > 2))
        {
            errors.Add(new("stars", "星级分数线须在 0 到 100 之间，最多 2 位小数。"));
        }
        return errors;
    }
}
