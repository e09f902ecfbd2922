using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Pairing;

/// <summary>A pairing arranged: the helping branch on record or, outside the county, its name; the village (community) branch; the start; the help planned.</summary>
public sealed record PairBranches(long? UnitOrganizationId, string? Partner, long VillageOrganizationId, DateOnly? StartOn, string? Plan);

/// <summary>Help given or an activity held: the day, the kind, what was done, yuan for funding, the evidence.</summary>
public sealed record RecordPairingActivity(DateOnly? On, PairingHelp Help, string? Description, decimal? Amount, string? Evidence);

/// <summary>
/// Urban–rural pairing within the caller's scope: the organization department or a township arranges a pairing of a village in its
/// scope with a helping branch (not a village; one open pairing per pair) and ends it; the secretaries of either side record the help
/// and joint activities, dated within the pairing and not in the future. Audited with each change.
/// </summary>
public sealed class PairBranchesHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, FileStore files)
{
    public async Task<BranchPairing> PairAsync(PairBranches request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以安排结对共建");
        var plan = (request.Plan ?? string.Empty).Trim();
        var partner = string.IsNullOrWhiteSpace(request.Partner) ? null : request.Partner.Trim();
        var today = ChinaTime.Today(clock);
        new FieldErrors()
            .Check(request.UnitOrganizationId is not null ^ partner is not null, "unitOrganizationId", "请选择帮扶的党组织，或填写县外结对党组织的名称（二选一）")
            .Check(partner is null || partner.Length <= BranchPairing.PartnerMax, "partner", $"县外结对党组织的名称不超过{BranchPairing.PartnerMax}字")
            .Check(request.StartOn is { } s && Years.Valid(s.Year) && s <= today.AddYears(1), "startOn", "请填写结对开始日期")
            .Check(plan.Length is > 0 and <= BranchPairing.PlanMax, "plan", $"请填写帮扶计划：技术培训、信息、项目申报、资金等（不超过{BranchPairing.PlanMax}字）")
            .ThrowIfAny();
        var village = await scope.OrganizationAsync(request.VillageOrganizationId, ct);
        if (!await Organizations.VillageOrganizations.IsActiveAsync(db, village.Id, ct))
        {
            throw RuleViolation.Invalid($"{village.Name}不是村（社区）党组织：结对共建的受帮扶方是村（社区）党组织", "villageOrganizationId");
        }
        string unitName;
        if (request.UnitOrganizationId is { } unitId)
        {
            var unit = await db.Organizations.Where(o => o.Id == unitId && o.Status == OrganizationStatus.Active).Select(o => new { o.Name, o.Category }).FirstOrDefaultAsync(ct)
                ?? throw RuleViolation.Invalid("帮扶的党组织不存在或已撤销", "unitOrganizationId");
            if (unit.Category is OrganizationCategory.Village or OrganizationCategory.Community)
            {
                throw RuleViolation.Invalid($"{unit.Name}是村（社区）党组织：帮扶方应为机关、企事业单位等党组织", "unitOrganizationId");
            }
            unitName = unit.Name;
        }
        else
        {
            unitName = partner!;
        }
        if (await db.BranchPairings.AnyAsync(p => p.VillageOrganizationId == village.Id && p.EndOn == null
                && (request.UnitOrganizationId != null ? p.UnitOrganizationId == request.UnitOrganizationId : p.Partner == partner), ct))
        {
            throw new RuleViolation($"{unitName}与{village.Name}已经结对");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var pairing = new BranchPairing
        {
            UnitOrganizationId = request.UnitOrganizationId, Partner = partner, VillageOrganizationId = village.Id, StartOn = request.StartOn!.Value, Plan = plan,
            CreatedAt = now, UpdatedAt = now,
        };
        db.BranchPairings.Add(pairing);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("pairing.pair", nameof(BranchPairing), pairing.Id, village.Path, new { unit = unitName, village = village.Name, start = pairing.StartOn, plan });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return pairing;
    }

    public async Task<BranchPairing> EndAsync(long id, DateOnly? endOn, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以结束结对共建");
        var pairing = await FindAsync(id, ct);
        if (pairing.EndOn is not null)
        {
            throw new RuleViolation("这一结对已经结束");
        }
        var today = ChinaTime.Today(clock);
        var last = pairing.Activities.Count == 0 ? pairing.StartOn : pairing.Activities.Max(a => a.On);
        if (endOn is not { } end || end < last || end > today)
        {
            throw RuleViolation.Invalid($"请填写结束日期：不早于{ChinaTime.ChineseDate(last)}（开始或最近一次活动），不晚于今天", "endOn");
        }
        pairing.EndOn = end;
        pairing.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("pairing.end", nameof(BranchPairing), pairing.Id, pairing.Village!.Path, new { village = pairing.Village.Name, end });
        await db.SaveChangesAsync(ct);
        return pairing;
    }

    /// <summary>Records help given or a joint activity, with one evidence file (a photo, PDF or Office document under the ledger's rules) when given.</summary>
    public async Task<PairingActivity> RecordAsync(long id, RecordPairingActivity request, IFormFile? file = null, CancellationToken ct = default)
    {
        scope.User.Require(Policies.BranchWorkers, "只有组织部门、管理员和结对双方的书记可以登记帮扶和共建活动");
        var pairing = await FindAsync(id, ct);
        var description = (request.Description ?? string.Empty).Trim();
        var evidence = (request.Evidence ?? string.Empty).Trim();
        var today = ChinaTime.Today(clock);
        var until = pairing.EndOn ?? today;
        new FieldErrors()
            .Check(Enum.IsDefined(request.Help), "help", "请选择帮扶内容")
            .Check(request.On is { } on && on >= pairing.StartOn && on <= until, "on", $"活动日期应在结对期间：{ChinaTime.ChineseDate(pairing.StartOn)}至{ChinaTime.ChineseDate(until)}")
            .Check(description.Length is > 0 and <= PairingActivity.DescriptionMax, "description", $"请填写做了什么（不超过{PairingActivity.DescriptionMax}字）")
            .Check(request.Help != PairingHelp.Funding || request.Amount is > 0 and <= 100_000_000m, "amount", "资金帮扶请填写金额（元）")
            .Check(request.Help == PairingHelp.Funding || request.Amount is null, "amount", "只有资金帮扶填写金额")
            .Check((evidence.Length > 0 || file is not null) && evidence.Length <= PairingActivity.EvidenceMax, "evidence",
                $"请填写佐证材料，如签到表、照片、项目批复文号（不超过{PairingActivity.EvidenceMax}字），或上传佐证文件")
            .ThrowIfAny();
        var stored = file is null ? null : await files.SaveAsync(file, Ledger.ReportProgressHandler.EvidenceTypes, Ledger.ReportProgressHandler.MaxEvidenceBytes, ct);
        var activity = new PairingActivity
        {
            PairingId = pairing.Id, On = request.On!.Value, Help = request.Help, Description = description, Amount = request.Amount, Evidence = evidence,
            EvidenceFile = stored?.Path, EvidenceName = stored?.ShortName, EvidenceSha256 = stored?.Sha256,
            UserName = scope.UserName ?? "system", At = clock.GetUtcNow().UtcDateTime,
        };
        pairing.Activities.Add(activity);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("pairing.activity", nameof(BranchPairing), pairing.Id, pairing.Village!.Path,
            new { village = pairing.Village.Name, on = activity.On, help = PairingText.Help(activity.Help), description, amount = activity.Amount, evidence,
                file = stored is null ? null : new { stored.FileName, stored.Sha256, stored.Length } });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return activity;
    }

    private async Task<BranchPairing> FindAsync(long id, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return await db.BranchPairings.Include(p => p.Village).Include(p => p.Activities)
            .FirstOrDefaultAsync(p => p.Id == id && (p.Village!.Path.StartsWith(path) || (p.Unit != null && p.Unit.Path.StartsWith(path))), ct)
            ?? throw RuleViolation.NotFound("结对记录不存在或不在您的管理范围内");
    }
}
