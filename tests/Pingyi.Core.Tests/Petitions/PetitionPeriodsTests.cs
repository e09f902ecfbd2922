using Pingyi.Core.Calendar;
using Pingyi.Core.Petitions;

namespace Pingyi.Core.Tests.Petitions;

/// <summary>
/// The 信访工作条例's time limits counted as Chinese law counts periods, on the State Council's 2026 schedule: the day of the event
/// not counted (Civil Code §201), a last day that is a day off moved to the next working day (Civil Code §203) — through the
/// National Day holiday, not off an adjusted working Saturday — and §23's five working days counted on the work calendar.
/// </summary>
public sealed class PetitionPeriodsTests
{
    private static readonly WorkCalendar Calendar = new([YearSchedule.Year2026]);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11-02", "2026-11-17")] // Monday + 15 = Tuesday: an ordinary working day
    [InlineData("2026-09-16", "2026-10-08")] // + 15 = 1 October, inside the National Day holiday: ends the day after it
    [InlineData("2026-09-25", "2026-10-10")] // + 15 = Saturday 10 October, a worked Saturday: ends that day
    [InlineData("2026-09-10", "2026-09-28")] // + 15 = 25 September, the Mid-Autumn days off 25–27: Monday 28
    [InlineData("2026-11-06", "2026-11-23")] // + 15 = Saturday 21 November, an ordinary weekend: Monday 23
    public void Routing_FifteenDays(string received, string due) => Assert.Equal(D(due), PetitionPeriods.RoutingDue(Calendar, D(received)));

    [Theory]
    [InlineData("2026-11-02", "2026-11-09")] // Monday: Tue–Fri and the next Monday
    [InlineData("2026-09-30", "2026-10-13")] // the holiday skipped, the worked Saturday 10 October counted: 8, 9, 10, 12, 13
    [InlineData("2026-09-24", "2026-10-09")] // 25–27 Sept and 1–7 Oct off: 28, 29, 30 Sept, 8, 9 Oct
    public void Objection_FiveWorkingDays(string received, string due) => Assert.Equal(D(due), PetitionPeriods.ObjectionDue(Calendar, D(received)));

    [Fact]
    public void Handling_SixtyDays_OneExtensionAddsToThePeriod()
    {
        Assert.Equal(D("2026-11-20"), PetitionPeriods.HandlingDue(Calendar, D("2026-09-21")));
        // 60 + 30 days from 21 September is Sunday 20 December: Monday 21.
        Assert.Equal(D("2026-12-21"), PetitionPeriods.HandlingDue(Calendar, D("2026-09-21"), 30));
    }

    [Fact]
    public void Review_ThirtyDays_HearingDaysNotCounted()
    {
        Assert.Equal(D("2026-12-31"), PetitionPeriods.ReviewDue(Calendar, D("2026-12-01")));
        // Three hearing days: 3 January 2027, a Sunday, and New Year days off of the statutory schedule → Monday 4 January.
        Assert.Equal(D("2027-01-04"), PetitionPeriods.ReviewDue(Calendar, D("2026-12-01"), 3));
        Assert.Equal(D("2026-10-08"), PetitionPeriods.ReviewRequestUntil(Calendar, D("2026-09-01")));
    }

    [Theory]
    [InlineData(PetitionStatus.Answered, PetitionOpinion.Support, PetitionClosing.None, true)]
    [InlineData(PetitionStatus.Answered, PetitionOpinion.Explain, PetitionClosing.None, true)]
    [InlineData(PetitionStatus.Answered, PetitionOpinion.NotSupport, PetitionClosing.None, false)]
    [InlineData(PetitionStatus.Closed, null, PetitionClosing.Settled, true)]
    [InlineData(PetitionStatus.Closed, null, PetitionClosing.Withdrawn, false)]
    [InlineData(PetitionStatus.Closed, null, PetitionClosing.NotAccepted, false)]
    [InlineData(PetitionStatus.Accepted, null, PetitionClosing.None, null)]
    [InlineData(PetitionStatus.InReview, PetitionOpinion.Support, PetitionClosing.None, null)]
    public void ClosedIsNotResolved(PetitionStatus status, PetitionOpinion? opinion, PetitionClosing closing, bool? resolved) =>
        Assert.Equal(resolved, PetitionPeriods.Resolved(status, opinion, closing));

    [Fact]
    public void Workflow_RefusesStepsOutOfOrder_AndAnyReviewAfterTheRecheck()
    {
        Assert.Null(PetitionWorkflow.Refusal(PetitionStatus.Registered, PetitionAction.Accept));
        Assert.NotNull(PetitionWorkflow.Refusal(PetitionStatus.Accepted, PetitionAction.Route));
        Assert.NotNull(PetitionWorkflow.Refusal(PetitionStatus.Registered, PetitionAction.Answer));
        Assert.Null(PetitionWorkflow.Refusal(PetitionStatus.Answered, PetitionAction.RequestReview, 1));
        Assert.Contains("第三十六条", PetitionWorkflow.Refusal(PetitionStatus.Answered, PetitionAction.RequestReview, 2));
        Assert.NotNull(PetitionWorkflow.Refusal(PetitionStatus.Accepted, PetitionAction.Rate));
        Assert.Null(PetitionWorkflow.Refusal(PetitionStatus.Closed, PetitionAction.Rate));
    }
}
