using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Requests;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's 1 + (3 + X) service teams (seed 003: 197 teams paired with 618 households in difficulty): a team per village
/// (its township's villages in turn when there are fewer), formed last year, each with a leading cadre, a township cadre, a village
/// cadre, a work-team member and up to three specialists — four teams still without a work-team member; three or four households
/// each, visited every one to three months, a few not for over a quarter.
/// </summary>
public sealed class DemoServiceTeams(PingyiDbContext db, AuditLog audit, TimeProvider clock, PiiProtector pii)
{
    public const int Teams = 197;
    public const int Households = 618;

    private static readonly string[] Reasons = ["因病", "因残", "因学", "缺劳力", "缺技术", "缺资金", "因灾"];
    private static readonly string[] Specialists = ["县农业农村局农技站", "乡镇卫生院", "县人社局就业服务中心", "县教育局", "乡镇农业服务中心"];
    private static readonly (HelpKind Help, string Notes, decimal? Amount)[] Help =
    [
        (HelpKind.Policy, "宣讲医保、低保和产业奖补政策，帮助填写申请表", null),
        (HelpKind.Industry, "送去鸡苗 50 只，讲解养殖防疫", 800m),
        (HelpKind.Employment, "推荐到县城工业园区务工，已签劳动合同", null),
        (HelpKind.Relief, "送去米面油和过冬棉被", 500m),
        (HelpKind.Medical, "联系乡镇卫生院上门体检，办理慢病卡", null),
        (HelpKind.Education, "落实子女教育资助，联系学校减免住宿费", 1500m),
    ];

    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        if (await db.ServiceTeams.AnyAsync(ct))
        {
            return;
        }
        var villages = await Organizations.VillageOrganizations.Active(db.Organizations).Where(o => o.Parent!.Level == OrganizationLevel.TownshipCommittee)
            .OrderBy(o => o.Id).Select(o => new { o.Id, o.Name, o.Path, Township = o.Parent!.Name }).ToListAsync(ct);
        var county = await db.Organizations.Where(o => o.ParentId == null).Select(o => o.Path).FirstOrDefaultAsync(ct);
        if (villages.Count == 0 || county is null)
        {
            return;
        }
        var random = new Random(seed + 197);
        var today = ChinaTime.Today(clock);
        var formed = new DateOnly(today.Year - 1, 3, 1);
        await using var work = await db.BeginWorkAsync(ct);
        var teams = new List<(ServiceTeam Team, long Village)>();
        for (var i = 0; i < Teams; i++)
        {
            var village = villages[i % villages.Count];
            var place = village.Name.Replace("党支部", "", StringComparison.Ordinal).Replace("党总支", "", StringComparison.Ordinal);
            var team = new ServiceTeam { Name = i < villages.Count ? $"{place}服务团队" : $"{place}服务团队（{i / villages.Count + 1}）", OrganizationId = village.Id, FormedOn = formed, CreatedAt = clock.GetUtcNow().UtcDateTime };
            team.Members.Add(new ServiceTeamMember { Name = DemoCounty.PersonName(random), Role = TeamRole.Leader, Unit = "县直部门" });
            team.Members.Add(new ServiceTeamMember { Name = DemoCounty.PersonName(random), Role = TeamRole.TownshipCadre, Unit = village.Township });
            team.Members.Add(new ServiceTeamMember { Name = DemoCounty.PersonName(random), Role = TeamRole.VillageCadre, Unit = village.Name });
            if (i % 50 != 7)
            {
                team.Members.Add(new ServiceTeamMember { Name = DemoCounty.PersonName(random), Role = TeamRole.WorkTeamMember, Unit = "驻村工作队" });
            }
            for (var x = random.Next(0, 4); x > 0; x--)
            {
                team.Members.Add(new ServiceTeamMember { Name = DemoCounty.PersonName(random), Role = TeamRole.Specialist, Unit = Specialists[random.Next(Specialists.Length)] });
            }
            teams.Add((team, village.Id));
        }
        db.ServiceTeams.AddRange(teams.Select(t => t.Team));
        await db.SaveChangesAsync(ct);
        var households = new List<(PairedHousehold Household, ServiceTeam Team)>();
        for (var i = 0; i < Households; i++)
        {
            var (team, village) = teams[i % teams.Count];
            var name = DemoCounty.PersonName(random);
            households.Add((new PairedHousehold
            {
                TeamId = team.Id, OrganizationId = village, HeadName = pii.Encrypt(name), Phone = random.Next(4) == 0 ? null : pii.Encrypt($"1{"3578"[random.Next(4)]}{random.Next(0, 1_000_000_000):000000000}"),
                Address = pii.Encrypt($"{team.Name.Replace("服务团队", "", StringComparison.Ordinal)}{random.Next(1, 9)}组{random.Next(1, 60)}号"), Size = random.Next(1, 7),
                Reason = Reasons[random.Next(Reasons.Length)], PairedOn = formed.AddDays(random.Next(0, 30)),
            }, team));
        }
        db.PairedHouseholds.AddRange(households.Select(h => h.Household));
        await db.SaveChangesAsync(ct);
        var visits = 0;
        foreach (var (household, team) in households)
        {
            // Every one to three months; one household in twenty not since the spring.
            var until = household.Id % 20 == 3 ? today.AddDays(-QuarterAndMore(random)) : today;
            var leader = team.Members.First(m => m.Role == TeamRole.Leader).Name;
            for (var on = household.PairedOn.AddDays(random.Next(5, 30)); on <= until; on = on.AddDays(random.Next(30, 92)))
            {
                var (help, notes, amount) = Help[random.Next(Help.Length)];
                db.HouseholdVisits.Add(new HouseholdVisit
                {
                    HouseholdId = household.Id, On = on, Visitors = $"{leader}、{team.Members[random.Next(1, team.Members.Count)].Name}", Notes = notes, Help = help, Amount = amount,
                    UserName = "demo", At = ChinaTime.StartOfDayUtc(on).AddHours(10),
                });
                visits++;
            }
        }
        await db.SaveChangesAsync(ct);
        audit.Record("demo.teams", "Demo", null, county, new { teams = Teams, households = Households, visits });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static int QuarterAndMore(Random random) => ServiceTeamWork.QuarterDays + random.Next(5, 60);
}
