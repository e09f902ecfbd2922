using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Meetings;

public sealed class ResultsModel(MeetingResults results, MeetingQueries queries, MeetingPapers papers, IStringLocalizer<UiText> localizer) : PageModel
{
    public string? Message { get; private set; }

    public string? TalkError { get; private set; }

    public bool CanEdit => User.Allows(Policies.Editors);

    public async Task OnPostScheduleAsync(long id, long talkId, DateTime scheduledAt, [FromServices] ScheduleTalkHandler handler, CancellationToken ct)
    {
        await TalkAsync(() => handler.HandleAsync(talkId, new ScheduleTalk(DateTime.SpecifyKind(scheduledAt, DateTimeKind.Unspecified)), ct), localizer["约谈时间已安排。"]);
        await OnGetAsync(id, ct);
    }

    public async Task OnPostCompleteAsync(long id, long talkId, string? notes, [FromServices] CompleteTalkHandler handler, CancellationToken ct)
    {
        await TalkAsync(() => handler.HandleAsync(talkId, new CompleteTalk(notes ?? string.Empty), ct), localizer["约谈已完成。"]);
        await OnGetAsync(id, ct);
    }

    private async Task TalkAsync(Func<Task> action, string message)
    {
        try
        {
            await action();
            Message = message;
        }
        catch (RuleViolation e)
        {
            TalkError = e.Message;
        }
    }

    public long Id { get; private set; }

    public MeetingOutcome? Outcome { get; private set; }

    public IReadOnlyList<TalkSummary> Talks { get; private set; } = [];

    /// <summary>Opinions per reporter id: who gets an opinion feedback sheet.</summary>
    public IReadOnlyDictionary<long, int> Opinions { get; private set; } = new Dictionary<long, int>();

    /// <summary>The two-way result, when this is a published upward meeting and some reporter's downward meeting is published too.</summary>
    public CycleOutcome? Cycle { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(long id, CancellationToken ct)
    {
        Id = id;
        try
        {
            Outcome = await results.GetAsync(id, ct);
            Talks = await queries.TalksAsync(id, ct);
            Opinions = await papers.OpinionCountsAsync(id, ct);
            if (Outcome.Published && Outcome.Direction == MeetingDirection.Upward)
            {
                var cycle = await results.CycleAsync(id, ct);
                Cycle = cycle.Reporters.Any(r => r.Downward is not null) ? cycle : null;
            }
        }
        catch (RuleViolation e) when (e.StatusCode != StatusCodes.Status404NotFound)
        {
            Error = e.Message;
        }
    }
}
