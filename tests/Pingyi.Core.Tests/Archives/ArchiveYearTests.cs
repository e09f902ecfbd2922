using CsCheck;
using Pingyi.Core.Archives;

namespace Pingyi.Core.Tests.Archives;

public sealed class ArchiveYearTests
{
    private static QuarterScore Q(int quarter, decimal score, long scheme = 1, string name = "村党组织书记“一考双评”方案") => new(quarter, score, scheme, name);

    [Fact]
    public void FourQuarters_AddUpToTheYear_AsSeed004Says()
    {
        var year = ArchiveYear.Total(new ArchiveRules(), [Q(1, 85.2m), Q(2, 80m), Q(3, 90.5m), Q(4, 88m)]);

        Assert.Equal(343.70m, year.Total);
        Assert.Empty(year.Missing);
        Assert.Equal("全年成绩为四个季度得分之和：一季度 85.20，二季度 80.00，三季度 90.50，四季度 88.00；各季度均按《村党组织书记“一考双评”方案》计分。", year.Explanation);
    }

    [Fact]
    public void AMissingQuarter_CountsAsTheMeanOfTheQuartersHeld_AndIsNamed()
    {
        // Held: 80 + 90 + 85 = 255, mean 85; the year is 255 + 85 = 340 (the same as 85 × 4).
        var year = ArchiveYear.Total(new ArchiveRules(), [Q(1, 80m), Q(2, 90m), Q(4, 85m)]);

        Assert.Equal(340m, year.Total);
        Assert.Equal([3], year.Missing);
        Assert.Contains("三季度无得分，按已考季度的平均分 85.00 计", year.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingQuarter_CountsAsZero_UnderThatRule_AndTheMeanDividesByFour()
    {
        var sum = ArchiveYear.Total(new ArchiveRules(YearCombination.Sum, MissingQuarter.Zero), [Q(1, 80m), Q(2, 90m), Q(4, 85m)]);
        var mean = ArchiveYear.Total(new ArchiveRules(YearCombination.Mean, MissingQuarter.Zero), [Q(1, 80m), Q(2, 90m), Q(4, 85m)]);
        var meanOfHeld = ArchiveYear.Total(new ArchiveRules(YearCombination.Mean, MissingQuarter.MeanOfHeld), [Q(1, 80m), Q(2, 90m), Q(4, 85m)]);

        Assert.Equal(255m, sum.Total);
        Assert.Contains("三季度无得分，计 0 分", sum.Explanation, StringComparison.Ordinal);
        Assert.Equal(63.75m, mean.Total);
        Assert.Equal(85m, meanOfHeld.Total);
    }

    [Fact]
    public void AVersionChangeAtAQuarterBoundary_IsSaidInTheExplanation()
    {
        // Seed 003: the township's items cut from 54 to 38 — the first half under the old set, the second under the new.
        var year = ArchiveYear.Total(new ArchiveRules(),
            [Q(1, 84m, 7, "考核办法（54项）"), Q(2, 86m, 7, "考核办法（54项）"), Q(3, 90m, 9, "考核办法（38项）"), Q(4, 92m, 9, "考核办法（38项）")]);

        Assert.Equal(352m, year.Total);
        Assert.EndsWith("指标体系年中调整，各季度按当季方案计分后合并：一至二季度按《考核办法（54项）》；三至四季度按《考核办法（38项）》。", year.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void NoQuarter_HasNoTotal_AndTwoScoresForOneQuarter_AreRefused()
    {
        var none = ArchiveYear.Total(new ArchiveRules(), []);

        Assert.Null(none.Total);
        Assert.Equal([1, 2, 3, 4], none.Missing);
        Assert.Throws<ArgumentException>(() => ArchiveYear.Total(new ArchiveRules(), [Q(2, 80m), Q(2, 81m)]));
        Assert.Throws<ArgumentException>(() => ArchiveYear.Total(new ArchiveRules(), [Q(5, 80m)]));
    }

    [Fact]
    public void Property_TheTotalLiesBetweenTheLowestAndHighestQuarter_ScaledByTheRule_AndIgnoresTheOrderGiven()
    {
        var quarters = Gen.Int[1, 4].Array[1, 4].Select(qs => qs.Distinct().ToArray())
            .SelectMany(qs => Gen.Int[0, 10000].Array[qs.Length].Select(scores => qs.Select((q, i) => Q(q, scores[i] / 100m)).ToArray()));
        var rules = Gen.Select(Gen.Enum<YearCombination>(), Gen.Enum<MissingQuarter>()).Select((c, m) => new ArchiveRules(c, m));
        Gen.Select(rules, quarters).Sample((r, qs) =>
        {
            var total = ArchiveYear.Total(r, qs).Total!.Value;
            var reversed = ArchiveYear.Total(r, [.. qs.Reverse()]).Total!.Value;
            var scale = r.Combination == YearCombination.Sum ? 4m : 1m;
            var low = r.Missing == MissingQuarter.Zero && qs.Length < 4 ? 0m : qs.Min(q => q.Score) * scale;
            var high = qs.Max(q => q.Score) * scale;
            return total == reversed && total >= decimal.Round(low, 2) - 0.01m && total <= decimal.Round(high, 2) + 0.01m;
        });
    }
}
