using CsCheck;
using Pingyi.Core.Projects;

namespace Pingyi.Core.Tests.Projects;

public sealed class ProjectScheduleTests
{
    private static readonly DateOnly Due = new(2026, 6, 30);

    [Theory]
    [InlineData("2026-06-30", null, 30, MilestoneStanding.OnTrack)]
    [InlineData("2026-07-01", null, 30, MilestoneStanding.Delayed)]
    [InlineData("2026-07-30", null, 30, MilestoneStanding.Delayed)]
    [InlineData("2026-07-31", null, 30, MilestoneStanding.DelayedPastAccountability)]
    [InlineData("2026-09-01", "2026-06-29", 30, MilestoneStanding.Done)]
    [InlineData("2026-09-01", "2026-07-02", 30, MilestoneStanding.DoneLate)]
    public void AMilestone_StandsByItsDate_AndTheAccountabilityThreshold(string today, string? done, int threshold, MilestoneStanding expected) =>
        Assert.Equal(expected, ProjectSchedule.Standing(Due, done is null ? null : DateOnly.Parse(done, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), threshold));

    [Fact]
    public void DaysLate_CountFromTheDueDate_ToTheDayDoneOrToday() =>
        Assert.Equal((0, 1, 31, 2), (ProjectSchedule.DaysLate(Due, null, Due), ProjectSchedule.DaysLate(Due, null, Due.AddDays(1)),
            ProjectSchedule.DaysLate(Due, null, Due.AddDays(31)), ProjectSchedule.DaysLate(Due, Due.AddDays(2), Due.AddDays(90))));

    [Fact]
    public void Property_AnOpenMilestoneIsDelayedExactlyWhenItsDateHasPassed() =>
        Gen.Select(Gen.Int[-400, 400], Gen.Int[0, 120]).Sample((offset, threshold) =>
        {
            var standing = ProjectSchedule.Standing(Due, null, Due.AddDays(offset), threshold);
            return (offset > 0) == standing is MilestoneStanding.Delayed or MilestoneStanding.DelayedPastAccountability
                && (standing == MilestoneStanding.DelayedPastAccountability) == (offset > threshold);
        });
}
