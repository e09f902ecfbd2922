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
