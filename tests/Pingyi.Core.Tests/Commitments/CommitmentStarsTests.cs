using CsCheck;
using Pingyi.Core.Commitments;

namespace Pingyi.Core.Tests.Commitments;

public sealed class CommitmentStarsTests
{
    [Theory]
    [InlineData(100, 5)]
    [InlineData(95, 5)]
    [InlineData(94.99, 4)]
    [InlineData(90, 4)]
    [InlineData(80, 3)]
    [InlineData(79.99, 2)]
    [InlineData(70, 2)]
    [InlineData(69.99, 1)]
    [InlineData(0, 1)]
    public void Stars_ByTheDefaultLines(double score, int stars) => Assert.Equal(stars, new StarThresholds().Stars((decimal)score));

    [Fact]
    public void Stars_WithoutAScore_AreNone_AndGainNeedsBothYears()
    {
        Assert.Null(new StarThresholds().Stars(null));
        Assert.Equal(1, StarThresholds.Gained(3, 4));
        Assert.Equal(-2, StarThresholds.Gained(5, 3));
        Assert.Null(StarThresholds.Gained(null, 4));
        Assert.True(StarThresholds.IsPriority(3));
        Assert.False(StarThresholds.IsPriority(2));
        Assert.False(StarThresholds.IsPriority(null));
    }

    [Fact]
    public void Stars_NeverFallAsTheScoreRises() =>
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 10_000]).Sample((a, b) =>
        {
            var (low, high) = (Math.Min(a, b) / 100m, Math.Max(a, b) / 100m);
            Assert.True(new StarThresholds().Stars(low) <= new StarThresholds().Stars(high));
        });

    [Fact]
    public void Thresholds_OutOfOrder_AreRefused()
    {
        Assert.NotEmpty(new StarThresholds(Five: 90, Four: 95).ValidateFields());
        Assert.NotEmpty(new StarThresholds(Five: 101).ValidateFields());
        Assert.Empty(new StarThresholds().ValidateFields());
    }
}
