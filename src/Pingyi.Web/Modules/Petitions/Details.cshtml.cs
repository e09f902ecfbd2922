using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>A case: what was asked, where it is and its limit, every step, the written answers (Word), the files, and the steps the unit holding it may take.</summary>
[Authorize(Policy = Policies.PetitionStaff)]
public sealed class DetailsModel(PetitionQueries queries, PetitionAccess access, PingyiDbContext db, TimeProvider clock, IStringLocalizer<UiText> localizer)
    : FormPageModel
{
    public PetitionDetails Case { get; private set; } = null!;

    /// <summary>The unit holding the case is in the caller's scope (and an accusation's steps are the discipline body's).</summary>
    public bool CanAct { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>Where a case may be assigned or transferred: receiving units and the organizations below the unit holding it.</summary>
    public IReadOnlyList<OrganizationChoice> Targets { get; private set; } = [];

    public PetitionContact? Contact { get; private set; }

    /// <summary>Open video reception slots and the townships to attend from, for booking a petitioner without a phone.</summary>
    public IReadOnlyList<SlotView> Slots { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Townships { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Today = ChinaTime.Today(clock);
        Case = await queries.DetailsAsync(id, ct);
        try
        {
            await access.ActAsync(id, ct);
            CanAct = Case.Kind != PetitionKind.Accusation || User.Allows(Policies.AccusationHandlers);
        }
        catch (RuleViolation)
        {
            CanAct = false;
        }
        if (CanAct && Case.Kind != PetitionKind.Accusation && Case.Status is PetitionStatus.Registered or PetitionStatus.Accepted or PetitionStatus.InReview
            && !await db.ReceptionBookings.AnyAsync(b => b.PetitionId == id && b.Status == BookingStatus.Booked, ct))
        {
            Slots = await HttpContext.RequestServices.GetRequiredService<Receptions>().OpenAsync(ct);
            Townships = await OrganizationChoices.TreeAsync(PetitionAccess.ReceivingUnits(db).Where(o => o.ParentId != null), ct);
        }
        if (CanAct && Case.Status == PetitionStatus.Registered)
        {
            var holder = await db.Organizations.Where(o => o.Id == Case.HandlingOrganizationId).Select(o => o.Path).FirstAsync(ct);
            var receiving = PetitionAccess.ReceivingUnits(db).Select(o => o.Id);
            Targets = await OrganizationChoices.TreeAsync(db.Organizations.Where(o => o.Status == Core.Organizations.OrganizationStatus.Active && o.Id != Case.HandlingOrganizationId
                && (receiving.Contains(o.Id) || o.Path.StartsWith(holder))), ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostContactAsync(long id, CancellationToken ct)
    {
        try
        {
            Contact = await queries.ContactAsync(id, ct);
        }
        catch (RuleViolation e)
        {
            Refuse(e);
        }
        return await OnGetAsync(id, ct);
    }

    public Task<IActionResult> OnPostAcceptAsync(long id, [FromServices] RoutePetitionHandler route, CancellationToken ct) =>
        Run(id, async () =>
        {
            var p = await route.AcceptAsync(id, ct);
            return localizer["已受理，办理期限至{0}。", ChinaTime.Date(p.HandlingDue)];
        }, ct);

    public Task<IActionResult> OnPostRouteAsync(long id, long toOrganizationId, PetitionRouting how, string? notes, [FromServices] RoutePetitionHandler route, CancellationToken ct) =>
        RunAway(id, async () =>
        {
            await route.RouteAsync(id, new RoutePetition(toOrganizationId, how, notes), ct);
            return localizer["已{0}，接收单位可在5个工作日内提出异议。", localizer[PetitionText.Routing(how)]];
        }, ct);

    public Task<IActionResult> OnPostObjectAsync(long id, string? reasons, [FromServices] RoutePetitionHandler route, CancellationToken ct) =>
        RunAway(id, async () =>
        {
            await route.ObjectAsync(id, new ObjectToPetition(reasons), ct);
            return localizer["已提出异议，信访事项退回交办、转送单位。"];
        }, ct);

    public Task<IActionResult> OnPostNotAcceptAsync(long id, NotAcceptedGround ground, string? reason, string? earlierNumber, [FromServices] RoutePetitionHandler route, CancellationToken ct) =>
        Run(id, async () =>
        {
            await route.NotAcceptAsync(id, new NotAcceptPetition(ground, reason, earlierNumber), ct);
            return localizer["已决定不予受理，并在查询页告知信访人。"];
        }, ct);

    public Task<IActionResult> OnPostExtendAsync(long id, int? days, string? approvedBy, string? reason, [FromServices] HandlePetitionHandler handle, CancellationToken ct) =>
        Run(id, async () =>
        {
            var p = await handle.ExtendAsync(id, new ExtendPetition(days, approvedBy, reason), ct);
            return localizer["办理期限已延长至{0}，延期理由已告知信访人。", ChinaTime.Date(p.HandlingDue)];
        }, ct);

    public Task<IActionResult> OnPostHearingAsync(long id, DateOnly? from, DateOnly? to, string? notes, [FromServices] HandlePetitionHandler handle, CancellationToken ct) =>
        Run(id, async () =>
        {
            var p = await handle.HearingAsync(id, new RecordHearing(from, to, notes), ct);
            return localizer["已记录听证，复核期限顺延至{0}。", ChinaTime.Date(p.ReviewDue)];
        }, ct);

    public Task<IActionResult> OnPostAnswerAsync(long id, PetitionOpinion? opinion, string? findings, string? basis, [FromServices] HandlePetitionHandler handle, CancellationToken ct) =>
        Run(id, async () =>
        {
            var reply = await handle.AnswerAsync(id, new AnswerPetition(opinion, findings, basis), ct);
            return localizer["已出具{0}，可下载 Word 文档送达信访人。", localizer[PetitionPeriods.ReplyName(reply.Level)]];
        }, ct);

    public Task<IActionResult> OnPostSettleAsync(long id, string? agreement, [FromServices] HandlePetitionHandler handle, CancellationToken ct) =>
        Run(id, async () =>
        {
            await handle.SettleAsync(id, new SettlePetition(agreement), ct);
            return localizer["已按调解协议办结。"];
        }, ct);

    public Task<IActionResult> OnPostWithdrawAsync(long id, string? reason, [FromServices] HandlePetitionHandler handle, CancellationToken ct) =>
        Run(id, async () =>
        {
            await handle.WithdrawAsync(id, new WithdrawPetition(reason), ct);
            return localizer["已记录信访人撤回。"];
        }, ct);

    public Task<IActionResult> OnPostReviewAsync(long id, string? reasons, [FromServices] PetitionTracking tracking, CancellationToken ct) =>
        RunAway(id, async () =>
        {
            var p = await tracking.RequestReviewAsync(id, new RequestReview(reasons), ct);
            return localizer["已登记{0}请求，转上一级办理。", localizer[p.Level == 1 ? "复查" : "复核"]];
        }, ct);

    public Task<IActionResult> OnPostBookAsync(long id, long slotId, long fromOrganizationId, [FromServices] Receptions receptions, CancellationToken ct) =>
        Run(id, async () =>
        {
            var (petition, _) = await access.ActAsync(id, ct);
            await receptions.BookAsync(petition, new BookSlot(slotId, fromOrganizationId), access.UserName, ct);
            return localizer["已代为预约视频接访，接访前一天提醒参加的乡镇。"];
        }, ct);

    public async Task<IActionResult> OnGetAcceptanceAsync(long id, [FromServices] HandlingOpinion opinion, CancellationToken ct)
    {
        var paper = await opinion.AcceptanceAsync(await access.ReadAsync(id, ct), ct);
        return File(paper.Content, Paper.WordType, paper.FileName);
    }

    public async Task<IActionResult> OnGetReplyAsync(long id, int level, [FromServices] HandlingOpinion opinion, CancellationToken ct)
    {
        var paper = await opinion.DocumentAsync(await access.ReadAsync(id, ct), level, ct);
        return File(paper.Content, Paper.WordType, paper.FileName);
    }

    public async Task<IActionResult> OnGetFileAsync(long id, long fileId, [FromServices] FileStore files, CancellationToken ct)
    {
        var petition = await access.ReadAsync(id, ct);
        var file = await db.PetitionFiles.FirstOrDefaultAsync(f => f.Id == fileId && f.PetitionId == petition.Id, ct);
        return file is not null && files.Open(file.Path) is { } stream ? File(stream, FileStore.ContentTypeOf(file.FileName), file.FileName) : NotFound();
    }

    private Task<IActionResult> Run(long id, Func<Task<string>> action, CancellationToken ct) =>
        this.RunAsync(true, action, new { id }, () => OnGetAsync(id, ct));

    /// <summary>A step after which the case may leave the caller's sight (a transfer away, an objection, a review above): back to the list.</summary>
    private async Task<IActionResult> RunAway(long id, Func<Task<string>> action, CancellationToken ct)
    {
        try
        {
            TempData["Message"] = await action();
        }
        catch (RuleViolation e)
        {
            Refuse(e);
            return await OnGetAsync(id, ct);
        }
        return await (await access.VisibleAsync(ct)).AnyAsync(p => p.Id == id, ct) ? RedirectToPage(new { id }) : RedirectToPage("Index");
    }
}
