using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Meetings;

public sealed class DetailsModel(MeetingQueries queries, MeetingService service, MeetingResults results, MeetingBoard board, IAntiforgery antiforgery, IStringLocalizer<UiText> localizer) : PageModel
{
    public MeetingConsole? Console { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string? Token => antiforgery.GetAndStoreTokens(HttpContext).RequestToken;

    public bool CanEdit => User.Allows(Policies.Editors);

    public async Task OnGetAsync(long id, CancellationToken ct) => Console = await queries.ConsoleAsync(id, ct);

    public async Task<IActionResult> OnGetConsoleAsync(long id, CancellationToken ct)
    {
        Console = await queries.ConsoleAsync(id, ct);
        return Partial("_Console", this);
    }

    public Task<IActionResult> OnPostOpenAsync(long id, long? reporterId, CancellationToken ct) =>
        ActAsync(id, () => service.OpenAsync(id, reporterId, ct), localizer["已开始评分。"], ct);

    public Task<IActionResult> OnPostCloseAsync(long id, long? reporterId, CancellationToken ct) =>
        ActAsync(id, () => service.CloseAsync(id, reporterId, ct), localizer["已结束评分。"], ct);

    public Task<IActionResult> OnPostRehearsalAsync(long id, CancellationToken ct) =>
        ActAsync(id, () => service.StartRehearsalAsync(id, ct), localizer["已进入试运行：请生成测试评议码。"], ct);

    public Task<IActionResult> OnPostPurgeAsync(long id, CancellationToken ct) =>
        ActAsync(id, async () => await service.PurgeRehearsalAsync(id, ct), localizer["试运行已结束，试运行数据已全部清除。"], ct);

    public Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct) =>
        ActAsync(id, async () => await results.PublishAsync(id, ct), localizer["结果已发布，约谈记录和整改台账已生成。"], ct);

    public Task<IActionResult> OnPostVetoAsync(long id, long reporterId, string? reason, CancellationToken ct) =>
        ActAsync(id, () => service.SetVetoAsync(id, reporterId, reason, ct), string.IsNullOrWhiteSpace(reason) ? localizer["已撤销一票否决。"] : localizer["已设置一票否决。"], ct);

    public Task<IActionResult> OnPostReportAsync(long id, long reporterId, IFormFile? slides, string? reportText, CancellationToken ct) =>
        ActAsync(id, () => service.UpdateReportAsync(id, reporterId, slides, string.IsNullOrWhiteSpace(reportText) ? null : reportText, ct), localizer["述职材料已保存。"], ct);

    private async Task<IActionResult> ActAsync(long id, Func<Task> action, string message, CancellationToken ct)
    {
        try
        {
            await action();
            board.Changed(id);
            Message = message;
        }
        catch (RuleViolation e)
        {
            Error = e.Message;
        }
        Console = await queries.ConsoleAsync(id, ct);
        return Page();
    }

}
