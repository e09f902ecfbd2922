using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Core.Ledger;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Ledger;

public sealed class DetailsModel(LedgerQueries ledger, IStringLocalizer<UiText> localizer) : PageModel
{
    public LedgerItemView? Item { get; private set; }

    public string? MeetingTitle { get; private set; }

    public IReadOnlyList<EvidenceView> Evidence { get; private set; } = [];

    public string? Message { get; private set; }

    public bool CanWork { get; private set; }

    public bool CanSupervise { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Item = await ledger.GetAsync(id, ct);
        if (Item is null)
        {
            return NotFound();
        }
        Message ??= TempData["Message"] as string;
        MeetingTitle = Item.MeetingId is { } meeting ? await ledger.MeetingTitleAsync(meeting, ct) : null;
        Evidence = await ledger.EvidenceAsync(id, ct);
        (CanWork, CanSupervise) = await ledger.PermissionsAsync(Item, ct);
        return Page();
    }

    public Task<IActionResult> OnPostActAsync(long id, LedgerAction action, string? text, [FromServices] ActOnLedgerItemHandler act, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            await act.HandleAsync(id, action, text, ct);
            return localizer["已"] + localizer[LedgerWorkflow.Chinese(action)] + "。";
        }, ct);

    public Task<IActionResult> OnPostProgressAsync(long id, string? text, List<IFormFile>? files, [FromServices] ReportProgressHandler progress, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            await progress.HandleAsync(id, text, files ?? [], ct);
            return localizer["进展已报告。"];
        }, ct);

    public Task<IActionResult> OnPostExtendAsync(long id, DateOnly deadline, string? reason, [FromServices] ExtendDeadlineHandler extend, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var item = await extend.HandleAsync(id, new ExtendDeadline(deadline, reason ?? string.Empty), ct);
            return item.Deadline == deadline ? localizer["时限已延期。"]
                : localizer["时限已延期至{0}：{1}不是工作日，顺延至其后第一个工作日。", ChinaTime.Date(item.Deadline), ChinaTime.Date(deadline)];
        }, ct);

    private async Task<IActionResult> RunAsync(long id, Func<Task<string>> action, CancellationToken ct)
    {
        try
        {
            Message = await action();
        }
        catch (RuleViolation e) when (e.StatusCode != StatusCodes.Status404NotFound)
        {
            Error = e.Message;
        }
        return await OnGetAsync(id, ct);
    }
}
