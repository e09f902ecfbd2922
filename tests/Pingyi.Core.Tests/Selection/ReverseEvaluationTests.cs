using Pingyi.Core.Selection;

namespace Pingyi.Core.Tests.Selection;

public sealed class ReverseEvaluationTests
{
    private static (string, IReadOnlyList<decimal>) Answer(string source, params decimal[] points) => (source, points);

    [Fact]
    public void ASource_WithThreeAnswers_ShowsItsMeans_WithTwo_ShowsNothing()
    {
        var breakdown = ReverseEvaluation.Breakdown(
        [
            Answer("units", 18, 17, 19, 16, 20), Answer("units", 16, 17, 18, 15, 20), Answer("units", 17, 16, 17, 15, 19),
            Answer("colleagues", 10, 10, 10, 10, 10), Answer("colleagues", 20, 20, 20, 20, 20),
        ]);
        Assert.Equal(6, breakdown.Count);
        var units = breakdown.Single(b => b.Key == "units");
        Assert.Equal((true, (int?)3), (units.Shown, units.Answers));
        Assert.Equal([17m, 16.67m, 18m, 15.33m, 19.67m], units.Means);
        var colleagues = breakdown.Single(b => b.Key == "colleagues");
        Assert.Equal((false, (int?)null), (colleagues.Shown, colleagues.Answers)); // not even the count of two
        Assert.All(colleagues.Means, m => Assert.Null(m));
        Assert.All(breakdown.Where(b => b.Key is not ("units" or "colleagues")), b => Assert.False(b.Shown));
    }
}
