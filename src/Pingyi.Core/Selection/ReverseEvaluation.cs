namespace Pingyi.Core.Selection;

/// <summary>A source of a reverse evaluation and what its answers give per dimension (null: fewer answers than the smallest shown group).</summary>
public sealed record SourceBreakdown(string Key, string Name, bool Shown, int? Answers, IReadOnlyList<decimal?> Means);

/// <summary>
/// Reverse evaluation (反向测评, seed 003): the six sources asked about a cadre — directly managed units, supervising leaders,
/// colleagues, ordinary cadres, people served, the discipline bodies — on the five dimensions 德 能 勤 绩 廉, each out of
/// <see cref="DimensionPoints"/>. A source's breakdown is shown only from <see cref="SmallestShownGroup"/> answers: fewer would come
/// close to showing one person's answer.
/// </summary>
public static class ReverseEvaluation
{
    public const int SmallestShownGroup = 3;

    public const decimal DimensionPoints = 20;

    public static readonly IReadOnlyList<(string Key, string Name)> Sources =
    [
        ("units", "直属单位"), ("leaders", "分管领导"), ("colleagues", "单位同事"), ("cadres", "一般干部"), ("served", "服务对象"), ("discipline", "纪检监察机关"),
    ];

    public static readonly IReadOnlyList<(string Key, string Name)> Dimensions = [("de", "德"), ("neng", "能"), ("qin", "勤"), ("ji", "绩"), ("lian", "廉")];

    /// <summary>
    /// Each source's mean points per dimension, rounded half away from zero to two places, over its answers (each the points of the
    /// five dimensions in order); a source with fewer than <see cref="SmallestShownGroup"/> answers shows neither means nor count.
    /// </summary>
    public static IReadOnlyList<SourceBreakdown> Breakdown(IEnumerable<(string Source, IReadOnlyList<decimal> Points)> answers)
    {
        var bySource = answers.ToLookup(a => a.Source, a => a.Points);
        return [.. Sources.Select(s =>
        {
            var mine = bySource[s.Key].ToList();
            if (mine.Count < SmallestShownGroup)
            {
                return new SourceBreakdown(s.Key, s.Name, false, null, [.. Dimensions.Select(_ => (decimal?)null)]);
            }
            return new SourceBreakdown(s.Key, s.Name, true, mine.Count,
                [.. Dimensions.Select((_, d) => (decimal?)decimal.Round(mine.Sum(p => p[d]) / mine.Count, 2, MidpointRounding.AwayFromZero))]);
        })];
    }
}
