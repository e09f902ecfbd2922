namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// What another module does when a meeting's results are published, inside the publication's unit of work (its changes and
/// audit entries commit with the results or not at all): grading takes a monthly evaluation's scores as its monthly inputs.
/// Registered as a scoped service; the meeting module calls every one.
/// </summary>
public interface IMeetingPublication
{
    Task OnPublishedAsync(Meeting meeting, MeetingOutcome outcome, string organizationPath, CancellationToken ct);
}

/// <summary>
/// Where a meeting held for another module came from (a selection round, a survey): its page, so that the meeting's page links back.
/// Registered as a scoped service by that module; null when the meeting is not one of its own.
/// </summary>
public interface IMeetingOrigin
{
    Task<MeetingOrigin?> FindAsync(long meetingId, CancellationToken ct);
}

public sealed record MeetingOrigin(string Name, string Url);
