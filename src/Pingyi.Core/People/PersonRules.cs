namespace Pingyi.Core.People;

public enum PersonField
{
    MemberStatus,
    JoinedOn,
    ConfirmedOn,
}

/// <summary>Rules on a person's party membership that every way of entering a person shares.</summary>
public static class PersonRules
{
    public const int MinimumJoiningAge = 18;

    public static IEnumerable<(PersonField Field, string Message)> CheckMembership(
        MemberStatus status, DateOnly? joined, DateOnly? confirmed, DateOnly? birthDate, DateOnly today)
    {
        if (status is MemberStatus.Full or MemberStatus.Probationary && joined is null)
        {
            yield return (PersonField.JoinedOn, "党员应填写入党日期");
        }
        if (status == MemberStatus.None && (joined is not null || confirmed is not null))
        {
            yield return (PersonField.MemberStatus, "填写了入党日期，党员类别应为“正式党员”或“预备党员”");
        }
        if (joined is { } j && birthDate is { } birth && j < birth.AddYears(MinimumJoiningAge))
        {
            yield return (PersonField.JoinedOn, "入党日期早于年满18周岁");
        }
        if (joined > today)
        {
            yield return (PersonField.JoinedOn, "入党日期晚于今天");
        }
        if (status == MemberStatus.Probationary && confirmed is not null)
        {
            yield return (PersonField.ConfirmedOn, "预备党员不应有转正日期");
        }
        if (confirmed is { } c && joined is { } j2 && c < j2)
        {
            yield return (PersonField.ConfirmedOn, "转正日期早于入党日期");
        }
        if (confirmed > today)
        {
            yield return (PersonField.ConfirmedOn, "转正日期晚于今天");
        }
    }
}
