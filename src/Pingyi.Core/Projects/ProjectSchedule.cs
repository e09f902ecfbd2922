namespace Pingyi.Core.Projects;

/// <summary>Where a milestone stands against its date.</summary>
public enum MilestoneStanding
{
    OnTrack = 0,
    Done = 1,
    DoneLate = 2,
    Delayed = 3,
    DelayedPastAccountability = 4,
}

/// <summary>
/// The schedule rules of a project with a responsible leader (项目过程管理问责, seeds 001 and 003): a milestone not done by its
/// date is delayed — a supervision item goes into the ledger; delayed longer than the accountability threshold, the
/// responsible leader is held to account. A day is late once the due date has passed (the due date itself is on time).
/// </summary>
public static class ProjectSchedule
{
    public static int DaysLate(DateOnly due, DateOnly? done, DateOnly today) => Math.Max(0, (done ?? today).DayNumber - due.DayNumber);

    public static MilestoneStanding Standing(DateOnly due, DateOnly? done, DateOnly today, int accountabilityAfterDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(accountabilityAfterDays);
        if (done is { } d)
        {
            return d > due ? MilestoneStanding.DoneLate : MilestoneStanding.Done;
        }
        var late = DaysLate(due, null, today);
        return late == 0 ? MilestoneStanding.OnTrack : late > accountabilityAfterDays ? MilestoneStanding.DelayedPastAccountability : MilestoneStanding.Delayed;
    }

    public static string Chinese(MilestoneStanding standing) => standing switch
    {
        MilestoneStanding.OnTrack => "按计划推进",
        MilestoneStanding.Done => "按期完成",
        MilestoneStanding.DoneLate => "延期完成",
        MilestoneStanding.Delayed => "已延期",
        _ => "延期超过问责期限",
    };
}
