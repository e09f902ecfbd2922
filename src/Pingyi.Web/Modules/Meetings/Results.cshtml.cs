using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Meetings;

public sealed class ResultsModel(MeetingResults results, MeetingQueries queries) : PageModel
{
    public long Id { get; private set; }

    public MeetingOutcome? Outcome { get; private set; }

    public IReadOnlyList<TalkSummary> Talks { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(long id, CancellationToken ct)
    {
        Id = id;
        try
        {
            Outcome = await results.GetAsync(id, ct);
            Talks = await queries.TalksAsync(id, ct);
        }
        catch (RuleViolation e) when (e.StatusCode != StatusCodes.Status404NotFound)
        {
            Error = e.Message;
        }
    }
}
