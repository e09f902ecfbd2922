using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Petitions;

public sealed record RoutePetition(long ToOrganizationId, PetitionRouting How, string? Notes);

public sealed record NotAcceptPetition(NotAcceptedGround Ground, string? Reason, string? EarlierNumber);

public sealed record ObjectToPetition(string? Reasons);

/// <summary>
/// The routing of a registered case within 15 days (§22, §23): accept it within the unit's remit (the 60-day handling clock
/// starts, §34), assign (交办) or transfer (转送) it to the competent unit (the petitioner is told where it went; the receiving
/// unit's own 15 days start and it may object within 5 working days, §23), or not accept it — not within the remit (the
/// petitioner told where to go, §23), the same matter being handled below within its limit (§19), or the same request after
/// a 复核 opinion (§36). An accusation is routed by the discipline body only and never to the accused unit (§30).
/// </summary>
public sealed class RoutePetitionHandler(PingyiDbContext db, TimeProvider clock, Calendar.WorkCalendars calendars, PetitionAccess access, Documents.DocumentRegister register)
{
    public async Task<Petition> AcceptAsync(long id, CancellationToken ct = default)
    {
        var (petition, path) = await access.StartAsync(id, PetitionAction.Accept, ct);
        var today = ChinaTime.Today(clock);
        petition.Status = PetitionStatus.Accepted;
        petition.AcceptedOn = today;
        petition.HandlingDue = PetitionPeriods.HandlingDue(await calendars.CurrentAsync(ct), today);
        petition.ObjectionDue = null;
        var unit = await UnitNameAsync(petition, ct);
        // The petitioner is told in writing (§22, §23): a numbered 受理告知书 of the accepting unit, issued with the acceptance.
        await using var work = await db.BeginWorkAsync(ct);
        var notice = await register.IssueAsync(petition.HandlingOrganizationId, HandlePetitionHandler.AcceptanceSubject(petition.Id), $"关于{petition.Number}号信访事项的受理告知书", today, path, ct);
        access.Log(petition, path, "accept", $"{unit}已受理，应于{ChinaTime.Date(petition.HandlingDue)}前办结（信访工作条例第三十四条），已出具受理告知书（{notice.Number}）", shown: true,
            new { document = notice.Number }, petition.HandlingDue);
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return petition;
    }

    public async Task<Petition> RouteAsync(long id, RoutePetition request, CancellationToken ct = default)
    {
        var (petition, path) = await access.StartAsync(id, PetitionAction.Route, ct);
        var notes = (request.Notes ?? string.Empty).Trim();
        new FieldErrors()
            .Check(Enum.IsDefined(request.How), "how", "请选择交办或转送")
            .Check(notes.Length <= PetitionEvent.TextMax - 100, "notes", $"说明不超过{PetitionEvent.TextMax - 100}字")
            .ThrowIfAny();
        var target = await db.Organizations.Where(o => o.Id == request.ToOrganizationId && o.Status == Core.Organizations.OrganizationStatus.Active)
            .Select(o => new { o.Id, o.Name, o.Path }).FirstOrDefaultAsync(ct);
        var receiving = target is not null && (await PetitionAccess.ReceivingUnits(db).AnyAsync(o => o.Id == target.Id, ct) || target.Path.StartsWith(path, StringComparison.Ordinal));
        if (target is null || !receiving || target.Id == petition.HandlingOrganizationId)
        {
            throw RuleViolation.Invalid("请选择有权处理的乡镇、县直单位或本单位的下级单位", "toOrganizationId");
        }
        if (petition.AccusedOrganizationId is { } accused && target.Path.Split('/').Contains(accused.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            throw RuleViolation.Invalid("检举控告材料不得转送给被检举控告的人员和单位（信访工作条例第三十条）", "toOrganizationId");
        }
        var calendar = await calendars.CurrentAsync(ct);
        var today = ChinaTime.Today(clock);
        var from = petition.HandlingOrganizationId;
        petition.FromOrganizationId = from;
        petition.RoutedAs = request.How;
        petition.HandlingOrganizationId = target.Id;
        petition.ReceivedOn = today;
        petition.RoutingDue = PetitionPeriods.RoutingDue(calendar, today);
        petition.ObjectionDue = PetitionPeriods.ObjectionDue(calendar, today);
        petition.RemindedFor = petition.OverdueFor = null;
        var verb = request.How == PetitionRouting.Assign ? $"已交办{target.Name}办理" : $"已转送{target.Name}处理";
        access.Log(petition, target.Path, request.How == PetitionRouting.Assign ? "assign" : "transfer", verb + (notes.Length > 0 ? $"。{notes}" : string.Empty), shown: true,
            new { how = request.How.ToString(), from, to = target.Id }, petition.RoutingDue);
        await db.SaveChangesAsync(ct);
        return petition;
    }

    public async Task<Petition> ObjectAsync(long id, ObjectToPetition request, CancellationToken ct = default)
    {
        var (petition, path) = await access.StartAsync(id, PetitionAction.Object, ct);
        var reasons = (request.Reasons ?? string.Empty).Trim();
        var today = ChinaTime.Today(clock);
        if (petition.FromOrganizationId is not { } from || petition.ObjectionDue is not { } due)
        {
            throw new RuleViolation("只有交办、转送来的信访事项才能提出异议");
        }
        if (today > due)
        {
            throw new RuleViolation($"提出异议的期限已于{ChinaTime.Date(due)}届满（收到之日起5个工作日，信访工作条例第二十三条）");
        }
        new FieldErrors().Check(reasons.Length is > 0 and <= PetitionEvent.TextMax - 100, "reasons", "请详细说明不属于本单位职权范围的理由").ThrowIfAny();
        var back = await db.Organizations.Where(o => o.Id == from).Select(o => new { o.Id, o.Name, o.Path }).FirstAsync(ct);
        var unit = await UnitNameAsync(petition, ct);
        petition.HandlingOrganizationId = back.Id;
        petition.FromOrganizationId = null;
        petition.RoutedAs = null;
        petition.ObjectionDue = null;
        petition.ReceivedOn = today;
        petition.RoutingDue = PetitionPeriods.RoutingDue(await calendars.CurrentAsync(ct), today);
        petition.RemindedFor = petition.OverdueFor = null;
        access.Log(petition, back.Path, "object", $"{unit}提出异议，退回{back.Name}：{reasons}", shown: false, new { from = path, to = back.Id }, petition.RoutingDue);
        await db.SaveChangesAsync(ct);
        return petition;
    }

    public async Task<Petition> NotAcceptAsync(long id, NotAcceptPetition request, CancellationToken ct = default)
    {
        var (petition, path) = await access.StartAsync(id, PetitionAction.NotAccept, ct);
        var reason = (request.Reason ?? string.Empty).Trim();
        new FieldErrors()
            .Check(Enum.IsDefined(request.Ground), "ground", "请选择不予受理的理由")
            .Check(reason.Length is > 0 and <= PetitionEvent.TextMax - 200, "reason",
                request.Ground == NotAcceptedGround.OutOfRemit ? "请告知信访人向哪个有权处理的机关、单位提出（信访工作条例第二十三条）" : "请写明不予受理的说明")
            .ThrowIfAny();
        string article;
        if (request.Ground == NotAcceptedGround.OutOfRemit)
        {
            article = "第二十三条";
        }
        else
        {
            var number = (request.EarlierNumber ?? string.Empty).Trim().ToUpperInvariant();
            var earlier = await db.Petitions.Where(p => p.Number == number && p.Id != petition.Id)
                .Select(p => new { p.Id, p.Status, p.Level, p.RoutingDue, p.HandlingDue, p.ReviewDue, p.HandlingOrganization!.Path }).FirstOrDefaultAsync(ct)
                ?? throw RuleViolation.Invalid("请填写此前同一信访事项的编号", "earlierNumber");
            var today = ChinaTime.Today(clock);
            if (request.Ground == NotAcceptedGround.BeingHandled)
            {
                var due = earlier.Status switch
                {
                    PetitionStatus.Registered => earlier.RoutingDue,
                    PetitionStatus.Accepted => earlier.HandlingDue,
                    PetitionStatus.InReview => earlier.ReviewDue,
                    _ => null,
                };
                if (due is null || due < today || !earlier.Path.StartsWith(path, StringComparison.Ordinal) || earlier.Path == path)
                {
                    throw RuleViolation.Invalid("只有下级单位正在规定期限内办理的同一信访事项，上级才不予受理（信访工作条例第十九条）", "earlierNumber");
                }
                article = "第十九条";
            }
            else
            {
                if (earlier.Level < PetitionPeriods.FinalLevel || earlier.Status != PetitionStatus.Answered)
                {
                    throw RuleViolation.Invalid("该编号的信访事项尚无复核意见，不能以此不予受理（信访工作条例第三十六条）", "earlierNumber");
                }
                article = "第三十六条";
            }
            petition.EarlierPetitionId = earlier.Id;
        }
        petition.Status = PetitionStatus.Closed;
        petition.Closing = PetitionClosing.NotAccepted;
        petition.ClosedOn = ChinaTime.Today(clock);
        petition.EndedOn(petition.ClosedOn.Value);
        petition.ObjectionDue = null;
        access.Log(petition, path, "not-accept", $"不予受理（信访工作条例{article}）：{reason}", shown: true, new { ground = request.Ground.ToString(), earlier = petition.EarlierPetitionId });
        await db.SaveChangesAsync(ct);
        return petition;
    }

    private Task<string> UnitNameAsync(Petition petition, CancellationToken ct) =>
        petition.Kind == PetitionKind.Accusation ? Task.FromResult("纪检监察机关")
            : db.Organizations.Where(o => o.Id == petition.HandlingOrganizationId).Select(o => o.Name).FirstAsync(ct);
}
