using System.Globalization;

namespace Pingyi.Core.Calendar;

/// <summary>
/// A year's official schedule as the State Council publishes it each November: the days off (public holidays with the
/// days joined to them) and the weekend days worked instead (调休).
/// </summary>
public sealed record YearSchedule(int Year, IReadOnlySet<DateOnly> DaysOff, IReadOnlySet<DateOnly> WorkedWeekendDays, bool Official)
{
    /// <summary>2026, from the State Council general office notice of 2025-11-04.</summary>
    public static readonly YearSchedule Year2026 = new(2026,
        Days(Range(2026, 1, 1, 3), Range(2026, 2, 15, 23), Range(2026, 4, 4, 6), Range(2026, 5, 1, 5), Range(2026, 6, 19, 21), Range(2026, 9, 25, 27), Range(2026, 10, 1, 7)),
        Days(new DateOnly[] { new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10) }),
        Official: true);

    /// <summary>
    /// A year whose schedule is not published yet: only the statutory holidays themselves (全国年节及纪念日放假办法, 2025):
    /// New Year's Day; Spring Festival eve and the first three days; Qingming; 1–2 May; Dragon Boat; Mid-Autumn; 1–3 October.
    /// No days are joined to them and no weekend is worked until the official schedule is loaded.
    /// </summary>
    public static YearSchedule Statutory(int year)
    {
        var lunar = new ChineseLunisolarCalendar();
        DateOnly Lunar(int month, int day) => DateOnly.FromDateTime(lunar.ToDateTime(year, LunarMonthIndex(lunar, year, month), day, 0, 0, 0, 0));
        // The first day of the lunar year that begins in this Gregorian year (late January to mid-February).
        var springFestival = DateOnly.FromDateTime(lunar.ToDateTime(year, 1, 1, 0, 0, 0, 0));
        var qingming = new DateOnly(year, 4, (int)Math.Floor(year % 100 * 0.2422 + 4.81) - year % 100 / 4);
        var days = new List<DateOnly> { new(year, 1, 1), springFestival.AddDays(-1), springFestival, springFestival.AddDays(1), springFestival.AddDays(2), qingming,
            new(year, 5, 1), new(year, 5, 2), Lunar(5, 5), Lunar(8, 15), new(year, 10, 1), new(year, 10, 2), new(year, 10, 3) };
        return new YearSchedule(year, days.Where(d => d.Year == year).ToHashSet(), new HashSet<DateOnly>(), Official: false);
    }

    /// <summary>The calendar's month index of a lunar month in a year that may have a leap month before it.</summary>
    private static int LunarMonthIndex(ChineseLunisolarCalendar lunar, int year, int month)
    {
        var leap = lunar.GetLeapMonth(year);
        return leap > 0 && leap <= month ? month + 1 : month;
    }

    public static IEnumerable<DateOnly> Range(int year, int month, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(d => new DateOnly(year, month, d));

    private static HashSet<DateOnly> Days(params IEnumerable<DateOnly>[] parts) => parts.SelectMany(p => p).ToHashSet();
}

/// <summary>
/// Working days: Monday to Friday, except the days off of a year's schedule, plus the weekend days worked instead. A
/// year not loaded falls back to its statutory holidays (<see cref="YearSchedule.Statutory"/>) and says so.
/// </summary>
public sealed class WorkCalendar(IEnumerable<YearSchedule> loaded)
{
    private readonly Dictionary<int, YearSchedule> _years = loaded.GroupBy(y => y.Year).ToDictionary(g => g.Key, g => g.Last());

    public YearSchedule For(int year)
    {
        if (!_years.TryGetValue(year, out var schedule))
        {
            schedule = _years[year] = YearSchedule.Statutory(year);
        }
        return schedule;
    }

    public bool IsOfficial(int year) => For(year).Official;

    public bool IsWorkingDay(DateOnly day)
    {
        var year = For(day.Year);
        if (year.WorkedWeekendDays.Contains(day))
        {
            return true;
        }
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !year.DaysOff.Contains(day);
    }

    /// <summary>The first working day on or after <paramref name="day"/>.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }
        return day;
    }

    /// <summary>
    /// The last day of a period of <paramref name="days"/> days from an event (Civil Code §201, §203): the day of the
    /// event is not counted, and a period that would end on a day off ends on the next working day.
    /// </summary>
    public DateOnly PeriodEnd(DateOnly eventDay, int days) => OnOrNextWorkingDay(eventDay.AddDays(days));

    /// <summary>The day <paramref name="workingDays"/> working days after <paramref name="from"/> (not counting it).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        var day = from;
        for (var n = 0; n < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                n++;
            }
        }
        return day;
    }
}
