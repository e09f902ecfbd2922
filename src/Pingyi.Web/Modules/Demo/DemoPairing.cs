using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Pairing;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's urban–rural pairing (seed 000): each county unit's branch (up to 104) paired with a village branch since two
/// years ago, one village also with a ministry department's branch outside the county, and the help and joint activities of last
/// year and this — training, information, project applications, funding (seed 004) — each with its evidence.
/// </summary>
public sealed class DemoPairing(PingyiDbContext db, AuditLog audit, TimeProvider clock)
{
    private static readonly (PairingHelp Help, string Description, string Evidence)[] Activities =
    [
        (PairingHelp.Training, "组织农技人员到村开展果树修剪和病虫害防治培训", "签到表、培训照片"),
        (PairingHelp.Information, "提供农产品销售信息，对接超市和电商平台", "对接记录"),
        (PairingHelp.ProjectApplication, "协助申报高标准农田建设项目", "项目申报书、批复文号"),
        (PairingHelp.Funding, "帮扶资金用于村级活动场所修缮", "资金拨付凭证"),
        (PairingHelp.JointActivity, "两个支部联合开展主题党日活动", "活动记录、照片"),
    ];

    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        if (await db.BranchPairings.AnyAsync(ct))
        {
            return;
        }
        var units = await db.Organizations.Where(o => o.Status == OrganizationStatus.Active && o.Category == OrganizationCategory.GovernmentUnit && o.Level == OrganizationLevel.Branch)
            .OrderBy(o => o.Id).Select(o => o.Id).Take(104).ToListAsync(ct);
        var villages = await Organizations.VillageOrganizations.Active(db.Organizations).Where(o => o.Category == OrganizationCategory.Village)
            .OrderBy(o => o.Id).Select(o => new { o.Id, o.Path }).ToListAsync(ct);
        if (villages.Count == 0)
        {
            return;
        }
        var random = new Random(seed + 171);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var start = new DateOnly(today.Year - 2, 3, 1);
        var pairings = new List<BranchPairing>();
        // Spread over the villages: the i-th unit with every (villages / units)-th village.
        var step = Math.Max(1, villages.Count / Math.Max(1, units.Count));
        for (var i = 0; i < units.Count && i * step < villages.Count; i++)
        {
            pairings.Add(New(units[i], null, villages[i * step].Id));
        }
        pairings.Add(New(null, "科技部农村司党支部", villages[0].Id));
        BranchPairing New(long? unit, string? partner, long village)
        {
            var pairing = new BranchPairing
            {
                UnitOrganizationId = unit, Partner = partner, VillageOrganizationId = village, StartOn = start, CreatedAt = now, UpdatedAt = now,
                Plan = "每年开展技术培训不少于 2 次，提供市场和政策信息，协助申报项目 1 个以上，落实帮扶资金，每季度联合开展一次主题党日活动。",
            };
            foreach (var year in new[] { today.Year - 1, today.Year })
            {
                var last = year == today.Year ? today : new DateOnly(year, 12, 31);
                for (var k = random.Next(1, 5); k > 0; k--)
                {
                    var (help, description, evidence) = Activities[random.Next(Activities.Length)];
                    var on = new DateOnly(year, 1, 1).AddDays(random.Next(last.DayOfYear));
                    pairing.Activities.Add(new PairingActivity
                    {
                        On = on, Help = help, Description = description, Evidence = evidence, Amount = help == PairingHelp.Funding ? random.Next(1, 11) * 5000m : null,
                        UserName = "admin", At = now,
                    });
                }
            }
            return pairing;
        }
        await using var work = await db.BeginWorkAsync(ct);
        db.BranchPairings.AddRange(pairings);
        await db.SaveChangesAsync(ct);
        audit.Record("pairing.pair", nameof(BranchPairing), null, "/", new { demo = true, count = pairings.Count, activities = pairings.Sum(p => p.Activities.Count) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
