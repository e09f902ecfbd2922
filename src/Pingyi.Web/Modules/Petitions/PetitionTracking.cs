using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Petitions;

public sealed record TrackedStep(DateOnly On, string Text);

public sealed record TrackedReply(int Level, string Name, string Opinion, DateOnly RepliedOn, string? Number);

/// <summary>What the petitioner sees with the tracking code (§21: query and evaluate online): never the staff's notes or names.</summary>
/// <summary>A booked video reception as the petitioner sees it.</summary>
public sealed record TrackedBooking(long Id, string Leader, DateTime StartsAt, int Minutes, string From, string? Link);

public sealed record TrackedPetition(string Number, string Kind, string Status, string Unit, DateOnly ReceivedOn, DateOnly? Due, IReadOnlyList<TrackedStep> Steps,
    IReadOnlyList<TrackedReply> Replies, bool CanRate, string? Rating, bool CanAskReview, string? ReviewName, DateOnly? ReviewUntil, bool CanWithdraw,
    TrackedBooking? Booking = null, bool CanBook = false, string? AcceptanceNumber = null);

public sealed record RequestReview(string? Reasons);

/// <summary>
/// The petitioner's side, by the tracking code alone (no account): the case's public steps and written answers, the rating of
/// the handling (满意 / 基本满意 / 不满意, §21) once it is answered or closed, a 复查 or 复核 request within 30 days of the written
/// answer to the unit above (§35, §36), a withdrawal. Staff record a review asked for by letter through <see cref="RequestReviewAsync"/>.
/// </summary>
public sealed class PetitionTracking(PingyiDbContext db, PiiProtector pii, TimeProvider clock, Calendar.WorkCalendars calendars, PetitionAccess access,
    Documents.DocumentRegister register)
{
    public async Task<Petition> FindAsync(string? code, CancellationToken ct)
    {
        var hash = TrackingCodes.Hash(pii, "petition", TrackingCodes.Clean(code));
        return await db.Petitions.FirstOrDefaultAsync(p => p.TrackingHash == hash, ct) ?? throw RuleViolation.NotFound("查询码不正确，请核对后重新输入");
    }

    public async Task<TrackedPetition> ViewAsync(string? code, CancellationToken ct = default) => await ViewAsync(await FindAsync(code, ct), ct);

    public async Task<TrackedPetition> ViewAsync(Petition p, CancellationToken ct)
    {
        var steps = await db.PetitionEvents.Where(e => e.PetitionId == p.Id && e.Public).OrderBy(e => e.Id).Select(e => new TrackedStep(e.On, e.Text)).ToListAsync(ct);
        var replies = new List<TrackedReply>();
        foreach (var r in await db.PetitionReplies.Where(r => r.PetitionId == p.Id).OrderBy(r => r.Level).ToListAsync(ct))
        {
            var issued = await register.IssuedAsync(HandlePetitionHandler.Subject(p.Id, r.Level), ct);
            replies.Add(new TrackedReply(r.Level, PetitionPeriods.ReplyName(r.Level), PetitionText.Opinion(r.Opinion), r.RepliedOn, issued?.Number));
        }
        var unit = p.Kind == PetitionKind.Accusation ? "纪检监察机关" : await db.Organizations.Where(o => o.Id == p.HandlingOrganizationId).Select(o => o.Name).FirstAsync(ct);
        var today = ChinaTime.Today(clock);
        var canReview = PetitionWorkflow.Refusal(p.Status, PetitionAction.RequestReview, p.Level) is null && p.ReviewRequestUntil >= today;
        var booking = await (from b in db.ReceptionBookings
                             join s in db.ReceptionSlots on b.SlotId equals s.Id
                             join o in db.Organizations on b.FromOrganizationId equals o.Id
                             where b.PetitionId == p.Id && b.Status == BookingStatus.Booked
                             select new TrackedBooking(b.Id, s.Leader, s.StartsAt, s.Minutes, o.Name, s.Link)).FirstOrDefaultAsync(ct);
        var open = p.Status is PetitionStatus.Registered or PetitionStatus.Accepted or PetitionStatus.InReview;
        return new TrackedPetition(p.Number, PetitionText.Kind(p.Kind), PetitionText.Status(p.Status, p.Level), unit, p.FirstReceivedOn, p.Due, steps, replies,
            p.Rating is null && PetitionWorkflow.Refusal(p.Status, PetitionAction.Rate) is null, p.Rating is { } rating ? PetitionText.Rating(rating) : null,
            canReview, canReview ? (p.Level == 0 ? "复查" : "复核") : null, canReview ? p.ReviewRequestUntil : null,
            PetitionWorkflow.Refusal(p.Status, PetitionAction.Withdraw) is null, booking, open && booking is null && p.Kind != PetitionKind.Accusation,
            (await register.IssuedAsync(HandlePetitionHandler.AcceptanceSubject(p.Id), ct))?.Number);
    }

    public async Task<TrackedPetition> RateAsync(string? code, PetitionRating? rating, CancellationToken ct = default)
    {
        var p = await FindAsync(code, ct);
        if (PetitionWorkflow.Refusal(p.Status, PetitionAction.Rate) is { } refusal)
        {
            throw new RuleViolation(refusal);
        }
        if (p.Rating is not null)
        {
            throw new RuleViolation("您已评价过该信访事项");
        }
        if (rating is not { } r || !Enum.IsDefined(r))
        {
            throw RuleViolation.Invalid("请选择满意、基本满意或不满意", "rating");
        }
        p.Rating = r;
        p.RatedAt = clock.GetUtcNow().UtcDateTime;
        access.Log(p, await PathAsync(p, ct), "rate", $"信访人评价：{PetitionText.Rating(r)}", shown: true, new { rating = r.ToString() }, userName: "public");
        await db.SaveChangesAsync(ct);
        return await ViewAsync(p, ct);
    }

    public async Task<TrackedPetition> AskReviewAsync(string? code, RequestReview request, CancellationToken ct = default)
    {
        var p = await FindAsync(code, ct);
        await ReviewAsync(p, request, "public", ct);
        return await ViewAsync(p, ct);
    }

    public async Task<TrackedPetition> WithdrawAsync(string? code, CancellationToken ct = default)
    {
        var p = await FindAsync(code, ct);
        if (PetitionWorkflow.Refusal(p.Status, PetitionAction.Withdraw) is { } refusal)
        {
            throw new RuleViolation(refusal);
        }
        HandlePetitionHandler.Withdraw(p, ChinaTime.Today(clock));
        access.Log(p, await PathAsync(p, ct), "withdraw", "信访人通过查询页面撤回", shown: true, userName: "public");
        await db.SaveChangesAsync(ct);
        return await ViewAsync(p, ct);
    }

    /// <summary>Staff record a review the petitioner asked for by letter or in person.</summary>
    public async Task<Petition> RequestReviewAsync(long id, RequestReview request, CancellationToken ct = default)
    {
        var (petition, _) = await access.StartAsync(id, PetitionAction.RequestReview, ct);
        await ReviewAsync(petition, request, null, ct);
        return petition;
    }

    private async Task ReviewAsync(Petition p, RequestReview request, string? userName, CancellationToken ct)
    {
        if (PetitionWorkflow.Refusal(p.Status, PetitionAction.RequestReview, p.Level) is { } refusal)
        {
            throw new RuleViolation(refusal);
        }
        var today = ChinaTime.Today(clock);
        if (p.ReviewRequestUntil is not { } until || today > until)
        {
            throw new RuleViolation($"请求{(p.Level == 0 ? "复查" : "复核")}的期限已于{ChinaTime.Date(p.ReviewRequestUntil)}届满（收到书面答复之日起30日）");
        }
        var reasons = (request.Reasons ?? string.Empty).Trim();
        new FieldErrors().Check(reasons.Length is > 0 and <= 900, "reasons", "请写明不服的理由（不超过900字）").ThrowIfAny();
        var above = await db.Organizations.Where(o => o.Id == p.HandlingOrganizationId).Select(o => o.ParentId).FirstAsync(ct);
        if (above is not { } parent)
        {
            throw new RuleViolation("县委的处理意见，请向上一级机关请求复查、复核");
        }
        var unit = await db.Organizations.Where(o => o.Id == parent).Select(o => new { o.Name, o.Path }).FirstAsync(ct);
        p.Level++;
        p.Status = PetitionStatus.InReview;
        p.HandlingOrganizationId = parent;
        p.FromOrganizationId = null;
        p.ReviewRequestedOn = today;
        p.ReviewDue = PetitionPeriods.ReviewDue(await calendars.CurrentAsync(ct), today);
        p.HearingDays = 0;
        p.RemindedFor = p.OverdueFor = null;
        var name = p.Level == 1 ? "复查" : "复核";
        var to = p.Kind == PetitionKind.Accusation ? "上一级纪检监察机关" : unit.Name;
        access.Log(p, unit.Path, "review", $"信访人请求{name}，由{to}办理，应于{ChinaTime.Date(p.ReviewDue)}前答复（信访工作条例第{(p.Level == 1 ? "三十五" : "三十六")}条）。理由：{reasons}",
            shown: true, new { level = p.Level }, p.ReviewDue, userName);
        await db.SaveChangesAsync(ct);
    }

    private Task<string> PathAsync(Petition p, CancellationToken ct) =>
        db.Organizations.Where(o => o.Id == p.HandlingOrganizationId).Select(o => o.Path).FirstAsync(ct);
}
