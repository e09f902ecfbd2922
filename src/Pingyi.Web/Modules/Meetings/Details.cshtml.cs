using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Meetings;

public sealed class DetailsModel(MeetingQueries queries, IAntiforgery antiforgery, IStringLocalizer<UiText> localizer) : PageModel
{
    public MeetingConsole? Console { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string? Token => antiforgery.GetAndStoreTokens(HttpContext).RequestToken;

    public bool CanEdit => User.Allows(Policies.Editors);

    /// <summary>The page of the module the meeting was held for (a vote or a survey), if any.</summary>
    public MeetingOrigin? Origin { get; private set; }

    public async Task OnGetAsync(long id, [FromServices] IEnumerable<IMeetingOrigin> origins, CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        Console = await queries.ConsoleAsync(id, ct);
        if (Console.Kind != Core.Evaluation.MeetingKind.Evaluation)
        {
            foreach (var origin in origins)
            {
                Origin ??= await origin.FindAsync(id, ct);
            }
        }
    }

    public async Task<IActionResult> OnGetConsoleAsync(long id, CancellationToken ct)
    {
        Console = await queries.ConsoleAsync(id, ct);
        return Partial("_Console", this);
    }

    public Task<IActionResult> OnPostOpenAsync(long id, long? reporterId, [FromServices] ChangeScoringHandler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.OpenAsync(id, reporterId, ct), localizer["已开始评分。"], ct);

    public Task<IActionResult> OnPostCloseAsync(long id, long? reporterId, [FromServices] ChangeScoringHandler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.CloseAsync(id, reporterId, ct), localizer["已结束评分。"], ct);

    public Task<IActionResult> OnPostRehearsalAsync(long id, [FromServices] StartRehearsalHandler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, ct), localizer["已进入试运行：请生成测试评议码。"], ct);

    public Task<IActionResult> OnPostPurgeAsync(long id, [FromServices] PurgeRehearsalHandler handler, CancellationToken ct) =>
        ActAsync(id, async () => await handler.HandleAsync(id, ct), localizer["试运行已结束，试运行数据已全部清除。"], ct);

    public Task<IActionResult> OnPostPublishAsync(long id, [FromServices] PublishResultsHandler handler, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            var outcome = await handler.HandleAsync(id, ct);
            Message = outcome.Kind == Core.Evaluation.MeetingKind.Evaluation ? localizer["结果已发布，约谈记录和整改台账已生成。"] : localizer["结果已发布，已交回发起的功能。"];
        }, null, ct);

    public Task<IActionResult> OnPostVetoAsync(long id, long reporterId, string? reason, [FromServices] SetVetoHandler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, reporterId, new SetVeto(reason), ct), string.IsNullOrWhiteSpace(reason) ? localizer["已撤销一票否决。"] : localizer["已设置一票否决。"], ct);

    public Task<IActionResult> OnPostReportAsync(long id, long reporterId, IFormFile? slides, string? reportText, [FromServices] UpdateReportHandler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, reporterId, slides, string.IsNullOrWhiteSpace(reportText) ? null : reportText, ct), localizer["述职材料已保存。"], ct);

    public Task<IActionResult> OnPostVoidAsync(long id, string? code, [FromServices] VoidCodeHandler handler, CancellationToken ct) =>
        ActAsync(id, async () => Message = localizer["已作废{0}的一个未使用评议码。", await handler.HandleAsync(id, new VoidCode(code ?? string.Empty), ct)], null, ct);

    private async Task<IActionResult> ActAsync(long id, Func<Task> action, string? message, CancellationToken ct)
    {
        try
        {
            await action();
            // Post, redirect, get: refreshing the page does not send the action again.
            TempData["Message"] = message ?? Message;
            return RedirectToPage(new { id });
        }
        catch (RuleViolation e)
        {
            Error = e.Message;
        }
        Console = await queries.ConsoleAsync(id, ct);
        return Page();
    }
}
