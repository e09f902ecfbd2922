using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>
/// A petition as filed: the receiving unit, kind and channel, the petitioner's name, address and phone (§19), a group visit's
/// size and representatives (at most five, §20), the request and its facts and reasons (§19), an accusation's accused cadre and
/// unit (§30), the day it was received (staff entering a visit or letter; the public page files today).
/// </summary>
public sealed record FilePetition(long OrganizationId, PetitionKind Kind, PetitionChannel Channel, string? Name, string? Address, string? Phone,
    string? Request, string? Facts, int? GroupSize = null, IReadOnlyList<string>? Representatives = null, string? AccusedName = null,
    long? AccusedOrganizationId = null, DateOnly? ReceivedOn = null);

/// <summary>The registered case and the petitioner's tracking code, shown once.</summary>
public sealed record FiledPetition(Petition Petition, string TrackingCode);

/// <summary>
/// Registers a petition (登记, §22/§23) from the public page (anonymous, online, today) or from staff (a visit, letter or call at
/// their unit, an oral petition recorded as told, §19): validated field by field; the petitioner's details encrypted; a case
/// number and a one-time tracking code; the 15-day routing clock started. An accusation goes straight to the discipline body of
/// the unit above the accused's (§30) and is not held by the receiving unit. Audited without the petitioner or the content.
/// </summary>
public sealed class FilePetitionHandler(PingyiDbContext db, Scope scope, PiiProtector pii, TimeProvider clock, Calendar.WorkCalendars calendars,
    PetitionAccess access, FileStore store)
{
    public const int MostFiles = 5;

    public async Task<FiledPetition> HandleAsync(FilePetition request, IReadOnlyList<IFormFile>? attachments, bool fromPublicPage, CancellationToken ct = default)
    {
        if (!fromPublicPage)
        {
            scope.User.Require(Policies.PetitionStaff, "信访事项由各单位信访工作人员登记");
        }
        var today = ChinaTime.Today(clock);
        var name = (request.Name ?? string.Empty).Trim();
        var address = (request.Address ?? string.Empty).Trim();
        var phone = new string((request.Phone ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var text = (request.Request ?? string.Empty).Trim();
        var facts = (request.Facts ?? string.Empty).Trim();
        var representatives = (request.Representatives ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();
        var groupSize = request.GroupSize ?? 1;
        var accused = (request.AccusedName ?? string.Empty).Trim();
        var receivedOn = fromPublicPage ? today : request.ReceivedOn ?? today;
        var files = (attachments ?? []).Where(f => f.Length > 0).ToList();
        var receiving = await PetitionAccess.ReceivingUnits(db).Where(o => o.Id == request.OrganizationId).Select(o => new { o.Id, o.Path, o.Name }).FirstOrDefaultAsync(ct);
        new FieldErrors()
            .Check(receiving is not null, "organizationId", "请选择受理信访事项的乡镇或县直单位")
            .Check(Enum.IsDefined(request.Kind), "kind", "请选择信访事项类别（建议意见类、检举控告类、申诉求决类）")
            .Check(Enum.IsDefined(request.Channel) && (!fromPublicPage || request.Channel == PetitionChannel.Online), "channel", "请选择信访形式")
            .Check(name.Length is > 0 and <= Petition.NameMax, "name", $"请填写信访人姓名（不超过{Petition.NameMax}字，信访工作条例第十九条）")
            .Check(address.Length is > 0 and <= Petition.AddressMax, "address", $"请填写信访人住址（不超过{Petition.AddressMax}字）")
            .Check(phone.Length == 0 || (phone.Length is >= 7 and <= 20 && phone.All(c => char.IsAsciiDigit(c) || c == '+')), "phone", "联系电话只能是 7 到 20 位数字")
            .Check(!fromPublicPage || phone.Length > 0, "phone", "请留下联系电话，以便告知办理情况")
            .Check(text.Length is > 0 and <= Petition.RequestMax, "request", $"请写明信访请求（不超过{Petition.RequestMax}字）")
            .Check(facts.Length is > 0 and <= Petition.TextMax, "facts", $"请写明事实和理由（不超过{Petition.TextMax}字）")
            .Check(groupSize is >= 1 and <= 10000, "groupSize", "请填写来访人数")
            .Check(groupSize < 5 || request.Channel != PetitionChannel.Visit || representatives.Count > 0, "representatives",
                "多人走访提出共同信访事项，应当推选代表（信访工作条例第二十条）")
            .Check(representatives.Count <= Petition.MostRepresentatives, "representatives", $"代表人数不超过{Petition.MostRepresentatives}人（信访工作条例第二十条）")
            .Check(representatives.All(r => r.Length <= Petition.NameMax), "representatives", $"代表姓名不超过{Petition.NameMax}字")
            .Check(request.Kind != PetitionKind.Accusation || accused.Length is > 0 and <= Petition.NameMax, "accusedName", "检举控告类信访事项请写明被反映人姓名")
            .Check(request.Kind != PetitionKind.Accusation || request.AccusedOrganizationId is not null, "accusedOrganizationId", "请选择被反映人所在单位")
            .Check(Years.Valid(receivedOn.Year) && receivedOn <= today, "receivedOn", "请填写收到日期（不晚于今天）")
            .Check(files.Count <= MostFiles, "files", $"最多附 {MostFiles} 个材料")
            .ThrowIfAny();

        if (!fromPublicPage && !await scope.ContainsAsync(receiving!.Path, ct))
        {
            throw RuleViolation.Invalid("只能登记本单位及下级单位收到的信访事项", "organizationId");
        }
        long handling = receiving!.Id;
        string handlingPath = receiving.Path;
        long? accusedUnit = null;
        if (request.Kind == PetitionKind.Accusation)
        {
            // §30: to the discipline body with authority over the accused, the unit above the accused's; the accused unit never holds it.
            var unit = await db.Organizations.Where(o => o.Id == request.AccusedOrganizationId).Select(o => new { o.Id, o.ParentId }).FirstOrDefaultAsync(ct)
                ?? throw RuleViolation.Invalid("被反映人所在单位不存在", "accusedOrganizationId");
            if (unit.ParentId is not { } above)
            {
                throw RuleViolation.Invalid("检举控告县委及其领导班子成员的，请向上级纪检监察机关提出（信访工作条例第三十条）", "accusedOrganizationId");
            }
            accusedUnit = unit.Id;
            handling = above;
            handlingPath = await db.Organizations.Where(o => o.Id == above).Select(o => o.Path).FirstAsync(ct);
        }

        var calendar = await calendars.CurrentAsync(ct);
        var code = TrackingCodes.New();
        var petition = new Petition
        {
            TrackingHash = TrackingCodes.Hash(pii, "petition", code), Kind = request.Kind, Channel = request.Channel, Request = text, Facts = facts,
            PetitionerName = pii.Encrypt(name), Address = pii.Encrypt(address), Phone = phone.Length > 0 ? pii.Encrypt(phone) : null,
            Representatives = representatives.Count > 0 ? pii.Encrypt(string.Join("、", representatives)) : null, GroupSize = groupSize,
            IntakeOrganizationId = receiving.Id, HandlingOrganizationId = handling, AccusedOrganizationId = accusedUnit, AccusedName = accusedUnit is null ? null : accused,
            FirstReceivedOn = receivedOn, ReceivedOn = receivedOn, RoutingDue = PetitionPeriods.RoutingDue(calendar, receivedOn), Status = PetitionStatus.Registered,
            CreatedBy = scope.UserName ?? "public", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var stored = new List<StoredFile>();
        foreach (var file in files)
        {
            stored.Add(await store.SaveAsync(file, Ledger.ReportProgressHandler.EvidenceTypes, Ledger.ReportProgressHandler.MaxEvidenceBytes, ct));
        }
        await using var work = await db.BeginWorkAsync(ct);
        db.Petitions.Add(petition);
        await db.SaveChangesAsync(ct);
        petition.Number = $"XF{receivedOn.Year}{petition.Id:D6}";
        foreach (var s in stored)
        {
            db.PetitionFiles.Add(new PetitionFile { PetitionId = petition.Id, Path = s.Path, FileName = s.ShortName, Sha256 = s.Sha256, Length = s.Length });
        }
        var where = request.Kind == PetitionKind.Accusation ? "纪检监察机关" : receiving.Name;
        access.Log(petition, handlingPath, "file", $"{where}已登记，编号{petition.Number}，应于{ChinaTime.Date(petition.RoutingDue)}前决定是否受理", shown: true,
            new { channel = request.Channel.ToString(), files = stored.Count, groupSize }, petition.RoutingDue, scope.UserName ?? "public");
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return new FiledPetition(petition, code);
    }
}
