using Pingyi.Core.Calendar;

namespace Pingyi.Core.Tests.Calendar;

public sealed class WorkCalendarTests
{
    private static readonly WorkCalendar Calendar = new([YearSchedule.Year2026]);

    [Theory]
    [InlineData("2026-01-01", false)] // New Year's Day
    [InlineData("2026-01-04", true)]  // a Sunday worked instead
    [InlineData("2026-02-14", true)]  // a Saturday worked instead
    [InlineData("2026-02-16", false)] // Spring Festival eve, a Monday
    [InlineData("2026-02-23", false)] // the ninth day off of the Spring Festival
    [InlineData("2026-02-24", true)]
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-10", true)]  // a Saturday worked instead
    [InlineData("2026-11-28", false)] // an ordinary Saturday
    [InlineData("2026-11-30", true)]  // an ordinary Monday
    public void The2026Schedule_OfTheStateCouncil(string day, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(day)));

    [Fact]
    public void The2026Schedule_Has33DaysOff_AndSixWorkedWeekendDays()
    {
        Assert.Equal(33, YearSchedule.Year2026.DaysOff.Count);
        Assert.Equal(6, YearSchedule.Year2026.WorkedWeekendDays.Count);
        Assert.All(YearSchedule.Year2026.WorkedWeekendDays, d => Assert.True(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.True(Calendar.IsOfficial(2026));
    }

    [Fact]
    public void AYearNotLoaded_KnowsItsStatutoryHolidays_AndSaysItIsNotOfficial()
    {
        var y2027 = Calendar.For(2027);

        Assert.False(Calendar.IsOfficial(2027));
        // Spring Festival 2027 is 6 February (its eve the 5th); Dragon Boat 9 June; Mid-Autumn 15 September; Qingming 5 April.
        Assert.Equal(
            [new(2027, 1, 1), new(2027, 2, 5), new(2027, 2, 6), new(2027, 2, 7), new(2027, 2, 8), new(2027, 4, 5), new(2027, 5, 1), new(2027, 5, 2),
             new(2027, 6, 9), new(2027, 9, 15), new(2027, 10, 1), new(2027, 10, 2), new(2027, 10, 3)],
            y2027.DaysOff.Order().ToArray());
        Assert.Empty(y2027.WorkedWeekendDays);
        // The same rules give 2026's statutory days inside its official schedule.
        Assert.Subset(YearSchedule.Year2026.DaysOff.ToHashSet(), YearSchedule.Statutory(2026).DaysOff.ToHashSet());
    }

    [Fact]
    public void APeriod_DoesNotCountTheDayOfTheEvent_AndEndingOnADayOff_EndsOnTheNextWorkingDay()
    {
        // 30 days from 2 September 2026 is 2 October, in the National Day holiday: the period ends on Thursday 8 October.
        Assert.Equal(new DateOnly(2026, 10, 8), Calendar.PeriodEnd(new DateOnly(2026, 9, 2), 30));
        // 30 days from 2 November is 2 December, a Wednesday.
        Assert.Equal(new DateOnly(2026, 12, 2), Calendar.PeriodEnd(new DateOnly(2026, 11, 2), 30));
        // Five working days from Thursday 30 April: 6, 7, 8 May, Saturday 9 May (worked), Monday 11 May.
        Assert.Equal(new DateOnly(2026, 5, 11), Calendar.AddWorkingDays(new DateOnly(2026, 4, 30), 5));
    }
}
