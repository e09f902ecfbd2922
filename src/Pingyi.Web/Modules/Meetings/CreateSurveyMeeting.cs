namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// A survey held as a meeting (the selection satisfaction survey, the open-affairs openness rating): one subject rated by one group
/// of respondents on phones with one-time codes, on a four-answer scheme made from <paramref name="Template"/>.
/// </summary>
public sealed record NewSurveyMeeting(string Title, int Year, long OrganizationId, SchemeTemplates.Template Template, DateOnly? HeldOn, string Subject, string Aspect, int Respondents);

/// <summary>Creates a survey's meeting inside the caller's unit of work, which records the survey and its audit entry with it.</summary>
public sealed class CreateSurveyMeetingHandler(CreateSchemeHandler schemes, CreateMeetingHandler meetings)
{
    public async Task<Meeting> HandleAsync(NewSurveyMeeting request, CancellationToken ct = default) =>
        await meetings.HandleAsync(new CreateMeeting(request.Title, $"{request.Year}年度", request.OrganizationId, MeetingDirection.Upward,
            await schemes.FromTemplateAsync(request.Template, request.OrganizationId, ct), request.HeldOn, null,
            [new NewReporter(request.OrganizationId, null, request.Subject, request.Aspect)], [new NewGroupSize("respondents", request.Respondents)]), ct);
}
