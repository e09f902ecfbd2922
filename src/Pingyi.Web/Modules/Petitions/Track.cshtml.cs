using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pingyi.Core.Petitions;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>
/// 信访查询 (no account): the tracking code (from the link's fragment, never in a logged URL, or typed) shows the case's public
/// steps and written answers; once answered the petitioner rates it, asks for 复查 or 复核 within 30 days, downloads the answer;
/// an open case can be withdrawn. Every action posts the code again.
/// </summary>
[AllowAnonymous]
public sealed class TrackModel(PetitionTracking tracking, Receptions receptions, Data.PingyiDbContext db) : FormPageModel
{
    public IReadOnlyList<SlotView> Slots { get; private set; } = [];

    public IReadOnlyList<Organizations.OrganizationChoice> Townships { get; private set; } = [];

    public TrackedPetition? Case { get; private set; }

    public string? Code { get; private set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(string? code, CancellationToken ct) => Show(code, () => tracking.ViewAsync(code, ct), null);

    public Task<IActionResult> OnPostRateAsync(string? code, PetitionRating? rating, CancellationToken ct) =>
        Show(code, () => tracking.RateAsync(code, rating, ct), "感谢您的评价。");

    public Task<IActionResult> OnPostReviewAsync(string? code, string? reasons, CancellationToken ct) =>
        Show(code, () => tracking.AskReviewAsync(code, new RequestReview(reasons), ct), "您的请求已提交上一级机关。");

    public Task<IActionResult> OnPostWithdrawAsync(string? code, CancellationToken ct) =>
        Show(code, () => tracking.WithdrawAsync(code, ct), "您已撤回该信访事项。");

    public Task<IActionResult> OnPostBookAsync(string? code, long slotId, long fromOrganizationId, CancellationToken ct) =>
        Show(code, async () =>
        {
            await receptions.BookAsync(await tracking.FindAsync(code, ct), new BookSlot(slotId, fromOrganizationId), "public", ct);
            return await tracking.ViewAsync(code, ct);
        }, "已预约视频接访，请按时到所选乡镇参加。");

    public Task<IActionResult> OnPostCancelAsync(string? code, long bookingId, CancellationToken ct) =>
        Show(code, async () =>
        {
            await receptions.CancelAsync(await tracking.FindAsync(code, ct), bookingId, "public", ct);
            return await tracking.ViewAsync(code, ct);
        }, "已取消预约。");

    public async Task<IActionResult> OnPostAcceptanceAsync(string? code, [FromServices] HandlingOpinion opinion, CancellationToken ct)
    {
        try
        {
            var paper = await opinion.AcceptanceAsync(await tracking.FindAsync(code, ct), ct);
            return File(paper.Content, Paper.WordType, paper.FileName);
        }
        catch (RuleViolation e)
        {
            Refuse(e);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostReplyAsync(string? code, int level, [FromServices] HandlingOpinion opinion, CancellationToken ct)
    {
        try
        {
            var paper = await opinion.DocumentAsync(await tracking.FindAsync(code, ct), level, ct);
            return File(paper.Content, Paper.WordType, paper.FileName);
        }
        catch (RuleViolation e)
        {
            Refuse(e);
            return Page();
        }
    }

    private async Task<IActionResult> Show(string? code, Func<Task<TrackedPetition>> action, string? done)
    {
        Code = code?.Trim();
        try
        {
            Case = await action();
            Message = done;
        }
        catch (RuleViolation e)
        {
            Refuse(e);
            if (e.StatusCode != StatusCodes.Status404NotFound && e.StatusCode != StatusCodes.Status422UnprocessableEntity)
            {
                // A step refused on a case that exists: show the case with the reason.
                Case = await tracking.ViewAsync(code, HttpContext.RequestAborted);
            }
        }
        if (Case is { CanBook: true })
        {
            Slots = await receptions.OpenAsync(HttpContext.RequestAborted);
            Townships = await Organizations.OrganizationChoices.TreeAsync(PetitionAccess.ReceivingUnits(db).Where(o => o.ParentId != null), HttpContext.RequestAborted);
        }
        return Page();
    }
}
