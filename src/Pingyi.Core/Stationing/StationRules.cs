namespace Pingyi.Core.Stationing;

/// <summary>The village's verdict on its stationed cadre, read from the satisfaction count of its villagers' meeting.</summary>
public enum StationRating
{
    Excellent = 0,
    Competent = 1,
    BasicallyCompetent = 2,
    Incompetent = 3,
}

/// <summary>
/// The rules of stationed cadres (驻村干部, seed 001: 458 cadres stationed, 1,200 good deeds): a check-in is due every month of
/// the stay — a month that has ended without one is missed, the current month is still open; the village's evaluation is a
/// count of 满意 / 基本满意 / 不满意 from its villagers' meeting, the satisfaction rate is the first two over all, and the rating
/// follows from the rate: 90% and above 优秀, 70% 称职, 60% 基本称职, below that 不称职.
/// </summary>
public static class StationRules
{
    public const decimal ExcellentFrom = 0.9m;

    public const decimal CompetentFrom = 0.7m;

    public const decimal BasicallyCompetentFrom = 0.6m;

    /// <summary>Months are numbered year × 12 + month − 1, so that consecutive months are consecutive numbers.</summary>
    public static int MonthNumber(DateOnly day) => day.Year * 12 + day.Month - 1;

    public static DateOnly FirstDay(int monthNumber) => new(monthNumber / 12, monthNumber % 12 + 1, 1);

    /// <summary>The months of a stay that have ended by <paramref name="today"/> (from the start's month to the last full month, or the end's month).</summary>
    public static IReadOnlyList<int> MonthsDue(DateOnly start, DateOnly? end, DateOnly today)
    {
        var first = MonthNumber(start);
        var last = Math.Min(end is { } e ? MonthNumber(e) : int.MaxValue, MonthNumber(today) - 1);
        return last < first ? [] : [.. Enumerable.Range(first, last - first + 1)];
    }

    /// <summary>The months due without a check-in, in order.</summary>
    public static IReadOnlyList<int> MonthsMissed(DateOnly start, DateOnly? end, DateOnly today, IEnumerable<int> checkedIn)
    {
        var done = checkedIn.ToHashSet();
        return [.. MonthsDue(start, end, today).Where(m => !done.Contains(m))];
    }

    /// <summary>The share of 满意 and 基本满意 among all votes; null without votes.</summary>
    public static decimal? SatisfactionRate(int satisfied, int basicallySatisfied, int dissatisfied)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(satisfied);
        ArgumentOutOfRangeException.ThrowIfNegative(basicallySatisfied);
        ArgumentOutOfRangeException.ThrowIfNegative(dissatisfied);
        var all = satisfied + basicallySatisfied + dissatisfied;
        return all == 0 ? null : (decimal)(satisfied + basicallySatisfied) / all;
    }

    public static StationRating Rating(decimal rate) => rate >= ExcellentFrom ? StationRating.Excellent
        : rate >= CompetentFrom ? StationRating.Competent
        : rate >= BasicallyCompetentFrom ? StationRating.BasicallyCompetent
        : StationRating.Incompetent;

    public static string Chinese(StationRating rating) => rating switch
    {
        StationRating.Excellent => "优秀",
        StationRating.Competent => "称职",
        StationRating.BasicallyCompetent => "基本称职",
        _ => "不称职",
    };
}
