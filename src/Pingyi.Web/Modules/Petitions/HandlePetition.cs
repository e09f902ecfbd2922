using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Documents;

namespace Pingyi.Web.Modules.Petitions;

public sealed record ExtendPetition(int? Days, string? ApprovedBy, string? Reason);

public sealed record RecordHearing(DateOnly? From, DateOnly? To, string? Notes);

public sealed record AnswerPetition(PetitionOpinion? Opinion, string? Findings, string? Basis);

public sealed record SettlePetition(string? Agreement);

public sealed record WithdrawPetition(string? Reason);

/// <summary>
/// The handling of an accepted case and of a review: one extension of at most 30 days with the unit head's approval and the
/// reason told to the petitioner (§34); a 复核 hearing, whose days are not counted (§36: the clock stops and restarts); the
/// written answer — 处理意见书 (§32: 支持 / 解释说明 / 不予支持, the facts found and the basis), 复查意见书 (§35) or 复核意见书
/// (§36) — numbered by the unit's issuer in the same unit of work; a mediation or settlement agreement (§33); a withdrawal.
/// </summary>
public sealed class HandlePetitionHandler(PingyiDbContext db, Scope scope, TimeProvider clock, Calendar.WorkCalendars calendars, PetitionAccess access,
    DocumentRegister register)
{
    public async Task<Petition> ExtendAsync(long id, ExtendPetition request, CancellationToken ct = default)
    {
        var (petition, path) = await access.StartAsync(id, PetitionAction.Extend, ct);
        var approvedBy = (request.ApprovedBy ?? string.Empty).Trim();
        var reason = (request.Reason ?? string.Empty).Trim();
        if (petition.ExtensionDays > 0)
        {
            throw new RuleViolation("办理期限只能延长一次（信访工作条例第三十四条）");
        }
        new FieldErrors()
            .Check(request.Days is >= 1 and <= PetitionPeriods.MostExtensionDays, "days", $"延长期限为 1 到 {PetitionPeriods.MostExtensionDays} 日（信访工作条例第三十四条）")
            .Check(approvedBy.Length is > 0 and <= Petition.NameMax, "approvedBy", "请填写批准延期的本单位负责人")
            .Check(reason.Length is > 0 and <= 500, "reason", "请写明延期理由（将告知信访人，不超过500字）")
            .ThrowIfAny();
        petition.ExtensionDays = request.Days!.Value;
        petition.HandlingDue = PetitionPeriods.HandlingDue(await calendars.CurrentAsync(ct), petition.AcceptedOn!.Value, petition.ExtensionDays);
        petition.RemindedFor = petition.OverdueFor = null;
        access.Log(petition, path, "extend", $"经单位负责人批准，办理期限延长{petition.ExtensionDays}日至{ChinaTime.Date(petition.HandlingDue)}。延期理由：{reason}", shown: true,
            new { days = petition.ExtensionDays, approvedBy }, petition.HandlingDue);
        await db.SaveChangesAsync(ct);
        return petition;
    }

    public async Task<Petition> HearingAsync(long id, RecordHearing request, CancellationToken ct = default)
    {
        var (petition, path) = await access.StartAsync(id, PetitionAction.Answer, ct);
        var notes = (request.Notes ?? string.Empty).Trim();
        if (petition.Status != PetitionStatus.InReview || petition.Level != PetitionPeriods.FinalLevel)
        {
            throw new RuleViolation("只有复核可以举行听证（信访工作条例第三十六条）");
        }
        var today = ChinaTime.Today(clock);
        new FieldErrors()
            .Check(request.From is { } f && f >= petition.ReviewRequestedOn && f <= today, "from", "请填写听证开始日期（复核请求之后，不晚于今天）")
            .Check(request.To is { } t && request.From is { } f2 && t >= f2 && t <= today, "to", "请填写听证结束日期（不早于开始日期，不晚于今天）")
            .Check(notes.Length <= 500, "notes", "听证情况不超过500字")
            .ThrowIfAny();
        var days = request.To!.Value.DayNumber - request.From!.Value.DayNumber + 1;
        petition.HearingDays += days;
        var before = petition.ReviewDue;
        petition.ReviewDue = PetitionPeriods.ReviewDue(await calendars.CurrentAsync(ct), petition.ReviewRequestedOn!.Value, petition.HearingDays);
        petition.RemindedFor = petition.OverdueFor = null;
        access.Log(petition, path, "hearing",
            $"复核听证，期限于{ChinaTime.Date(request.From.Value)}中止、{ChinaTime.Date(request.To.Value)}后恢复计算，听证{days}日不计入复核期限，复核期限由{ChinaTime.Date(before)}顺延至{ChinaTime.Date(petition.ReviewDue)}"
            + (notes.Length > 0 ? $"。{notes}" : string.Empty), shown: true, new { from = request.From, to = request.To, days }, petition.ReviewDue);
        await db.SaveChangesAsync(ct);
        return petition;
    }

    public async Task<PetitionReply> AnswerAsync(long id, AnswerPetition request, CancellationToken ct = default)
    {
        var (petition, path) = await access.StartAsync(id, PetitionAction.Answer, ct);
        var findings = (request.Findings ?? string.Empty).Trim();
        var basis = (request.Basis ?? string.Empty).Trim();
        new FieldErrors()
            .Check(request.Opinion is { } o && Enum.IsDefined(o), "opinion", "请选择处理意见：予以支持、解释说明或不予支持（信访工作条例第三十二条）")
            .Check(findings.Length is > 0 and <= Petition.TextMax, "findings", $"请写明查明的事实（不超过{Petition.TextMax}字）")
            .Check(basis.Length is > 0 and <= Petition.RequestMax, "basis", $"请写明处理依据（法律、政策或规定，不超过{Petition.RequestMax}字）")
            .ThrowIfAny();
        var today = ChinaTime.Today(clock);
        var reply = new PetitionReply
        {
            PetitionId = petition.Id, Level = petition.Level, OrganizationId = petition.HandlingOrganizationId, Opinion = request.Opinion!.Value,
            Findings = findings, Basis = basis, RepliedOn = today, UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var work = await db.BeginWorkAsync(ct);
        db.PetitionReplies.Add(reply);
        petition.Status = PetitionStatus.Answered;
        petition.Opinion = reply.Opinion;
        petition.RepliedOn = today;
        petition.EndedOn(today);
        petition.ReviewRequestUntil = petition.Level < PetitionPeriods.FinalLevel ? PetitionPeriods.ReviewRequestUntil(await calendars.CurrentAsync(ct), today) : null;
        var name = PetitionPeriods.ReplyName(petition.Level);
        var issue = await register.IssueAsync(petition.HandlingOrganizationId, Subject(petition.Id, petition.Level), $"关于{petition.Number}号信访事项的{name}", today, path, ct);
        var next = petition.Level switch
        {
            0 => $"如不服，可自收到之日起30日内（{ChinaTime.Date(petition.ReviewRequestUntil)}前）请求上一级机关复查（信访工作条例第三十五条）",
            1 => $"如不服，可自收到之日起30日内（{ChinaTime.Date(petition.ReviewRequestUntil)}前）请求复核（信访工作条例第三十六条）",
            _ => "复核意见为最终意见，同一事实和理由不再受理（信访工作条例第三十六条）",
        };
        access.Log(petition, path, "answer", $"已出具{name}（{issue.Number}）：{PetitionText.Opinion(reply.Opinion)}。{next}", shown: true,
            new { level = petition.Level, opinion = reply.Opinion.ToString(), document = issue.Number }, petition.ReviewRequestUntil);
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return reply;
    }

    public async Task<Petition> SettleAsync(long id, SettlePetition request, CancellationToken ct = default)
    {
        var (petition, path) = await access.StartAsync(id, PetitionAction.Settle, ct);
        var agreement = (request.Agreement ?? string.Empty).Trim();
        new FieldErrors().Check(agreement.Length is > 0 and <= 900, "agreement", "请写明调解或和解协议的内容（不超过900字，信访工作条例第三十三条）").ThrowIfAny();
        petition.Status = PetitionStatus.Closed;
        petition.Closing = PetitionClosing.Settled;
        petition.ClosedOn = ChinaTime.Today(clock);
        petition.EndedOn(petition.ClosedOn.Value);
        access.Log(petition, path, "settle", $"经调解达成协议，办结（信访工作条例第三十三条）：{agreement}", shown: true);
        await db.SaveChangesAsync(ct);
        return petition;
    }

    public async Task<Petition> WithdrawAsync(long id, WithdrawPetition request, CancellationToken ct = default)
    {
        var (petition, path) = await access.StartAsync(id, PetitionAction.Withdraw, ct);
        var reason = (request.Reason ?? string.Empty).Trim();
        new FieldErrors().Check(reason.Length is > 0 and <= 500, "reason", "请记录信访人撤回的方式和说明（不超过500字）").ThrowIfAny();
        Withdraw(petition, ChinaTime.Today(clock));
        access.Log(petition, path, "withdraw", $"信访人撤回：{reason}", shown: true);
        await db.SaveChangesAsync(ct);
        return petition;
    }

    internal static void Withdraw(Petition petition, DateOnly today)
    {
        petition.Status = PetitionStatus.Closed;
        petition.Closing = PetitionClosing.Withdrawn;
        petition.ClosedOn = today;
        petition.EndedOn(today);
    }

    public static string Subject(long petitionId, int level) => $"petition:{petitionId}:{level}";

    /// <summary>The subject of the 受理告知书 issued when the case is accepted (§22, §23: the petitioner told in writing).</summary>
    public static string AcceptanceSubject(long petitionId) => $"petition:{petitionId}:accept";
}
