using Pingyi.Core.Stationing;

namespace Pingyi.Core.Tests.Stationing;

public sealed class StationRulesTests
{
    private static int M(int year, int month) => StationRules.MonthNumber(new DateOnly(year, month, 1));

    [Fact]
    public void AStayOwesACheckInForEveryEndedMonth_TheCurrentMonthStillOpen()
    {
        // Stationed on 20 October, today 5 January: October, November and December are due; January is not yet.
        var due = StationRules.MonthsDue(new DateOnly(2025, 10, 20), null, new DateOnly(2026, 1, 5));
        Assert.Equal([M(2025, 10), M(2025, 11), M(2025, 12)], due);
        Assert.Equal(new DateOnly(2025, 12, 1), StationRules.FirstDay(due[^1]));
        // November missed.
        Assert.Equal([M(2025, 11)], StationRules.MonthsMissed(new DateOnly(2025, 10, 20), null, new DateOnly(2026, 1, 5), [M(2025, 10), M(2025, 12), M(2026, 1)]));
    }

    [Fact]
    public void AnEndedStayOwesUpToItsLastMonth_AndAStayStartedThisMonthOwesNothing()
    {
        Assert.Equal([M(2025, 3), M(2025, 4)], StationRules.MonthsDue(new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 10), new DateOnly(2026, 6, 1)));
        Assert.Empty(StationRules.MonthsDue(new DateOnly(2026, 6, 2), null, new DateOnly(2026, 6, 30)));
    }

    [Theory]
    [InlineData(45, 0, 5, 0.9, StationRating.Excellent)]
    [InlineData(30, 14, 6, 0.88, StationRating.Competent)]
    [InlineData(20, 15, 15, 0.7, StationRating.Competent)]
    [InlineData(20, 10, 20, 0.6, StationRating.BasicallyCompetent)]
    [InlineData(10, 19, 21, 0.58, StationRating.Incompetent)]
    public void TheRateIsSatisfiedAndBasicallySatisfiedOverAll_AndTheRatingFollowsIt(int satisfied, int basic, int dissatisfied, double rate, StationRating rating)
    {
        var computed = StationRules.SatisfactionRate(satisfied, basic, dissatisfied);
        Assert.Equal((decimal)rate, computed);
        Assert.Equal(rating, StationRules.Rating(computed!.Value));
    }

    [Fact]
    public void NoVotesGiveNoRate_AndANegativeCountIsRefused()
    {
        Assert.Null(StationRules.SatisfactionRate(0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StationRules.SatisfactionRate(1, -1, 0));
        Assert.Equal("基本称职", StationRules.Chinese(StationRating.BasicallyCompetent));
    }
}
