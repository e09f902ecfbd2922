using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.Stationing;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Stationing;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's stationed cadres (seed 001: "帮县、联乡、驻村"): members of the county units sent to one village in each of
/// the first townships, each with a log of good deeds and work, a check-in for every month — one cadre missed two months, as
/// a clerk would chase — and last year's evaluation by the village; one stay has ended.
/// </summary>
public sealed class DemoStationing(PingyiDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int Cadres = 12;

    private static readonly (string Text, int Beneficiaries)[] Deeds =
    [
        ("协调资金硬化通组路 1.2 公里", 320), ("帮助联系茶苗 2 万株，带动农户发展茶产业", 45), ("为留守老人代办医保和养老保险认证", 28),
        ("调解土地边界纠纷一起", 6), ("联系县医院开展义诊", 150), ("帮助修缮人饮水池，解决饮水难", 210), ("为困难学生联系助学金", 9),
        ("组织农民工技能培训", 60), ("帮助合作社打开县城超市销路", 80), ("排查危房并协助申报改造", 14),
    ];

    private static readonly string[] Logs = ["入户走访贫困户", "参加村支两委会议", "宣讲惠民政策", "收集群众意见建议", "督促产业项目进度"];

    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        if (await db.StationAssignments.AnyAsync(ct))
        {
            return;
        }
        var villages = await Organizations.VillageOrganizations.Active(db.Organizations).Where(o => o.Category == OrganizationCategory.Village)
            .OrderBy(o => o.Path).Select(o => new { o.Id, o.Path, o.Name }).ToListAsync(ct);
        // One member without a post from each of the first county units: the units send their own people.
        var cadres = (await db.People.Where(p => p.MemberStatus == Core.People.MemberStatus.Full && p.Organization!.Category == OrganizationCategory.GovernmentUnit
                && !db.CadrePositions.Any(c => c.PersonId == p.Id))
            .OrderBy(p => p.OrganizationId).ThenBy(p => p.Id).Select(p => new { p.Id, p.Name, p.OrganizationId }).ToListAsync(ct))
            .DistinctBy(p => p.OrganizationId).Take(Cadres).ToList();
        if (villages.Count == 0 || cadres.Count == 0)
        {
            return;
        }
        var random = new Random(seed + 53);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var step = Math.Max(1, villages.Count / cadres.Count);
        await using var work = await db.BeginWorkAsync(ct);
        for (var i = 0; i < cadres.Count; i++)
        {
            var cadre = cadres[i];
            var village = villages[i * step % villages.Count];
            var start = today.AddMonths(-(10 + i % 9)).AddDays(-random.Next(0, 20));
            DateOnly? end = i == cadres.Count - 1 ? today.AddMonths(-2) : null;
            var stay = new StationAssignment
            {
                PersonId = cadre.Id, VillageOrganizationId = village.Id, SentByOrganizationId = cadre.OrganizationId, Role = i % 4 == 0 ? "驻村第一书记" : "驻村工作队员",
                StartOn = start, EndOn = end, CreatedAt = now,
            };
            db.StationAssignments.Add(stay);
            await db.SaveChangesAsync(ct);
            audit.Record("station.assign", nameof(StationAssignment), stay.Id, village.Path, new { person = cadre.Name, village = village.Name, role = stay.Role, start, demo = true });
            var last = end ?? today;
            var days = last.DayNumber - start.DayNumber;
            foreach (var n in Enumerable.Range(0, 4 + random.Next(0, 6)))
            {
                var deed = Deeds[random.Next(Deeds.Length)];
                db.StationEntries.Add(new StationEntry
                {
                    AssignmentId = stay.Id, Kind = StationEntryKind.Deed, On = start.AddDays(random.Next(0, days + 1)), Text = deed.Text, Beneficiaries = deed.Beneficiaries,
                    UserName = "demo", At = now,
                });
            }
            foreach (var n in Enumerable.Range(0, 3))
            {
                db.StationEntries.Add(new StationEntry
                {
                    AssignmentId = stay.Id, Kind = StationEntryKind.WorkLog, On = last.AddDays(-random.Next(0, Math.Min(60, days) + 1)), Text = Logs[random.Next(Logs.Length)],
                    UserName = "demo", At = now,
                });
            }
            // Every month due is checked in, but the second cadre missed the last two.
            var due = StationRules.MonthsDue(start, end, today);
            foreach (var month in due.Where((m, k) => i != 1 || k < due.Count - 2))
            {
                db.StationCheckIns.Add(new StationCheckIn { AssignmentId = stay.Id, Month = month, DaysInVillage = 18 + random.Next(0, 8), UserName = "demo", At = now });
            }
            if (start.Year < today.Year)
            {
                var votes = 40 + random.Next(0, 30);
                var dissatisfied = i == 2 ? votes / 3 : random.Next(0, votes / 10 + 1);
                var basic = random.Next(0, (votes - dissatisfied) / 3 + 1);
                var satisfied = votes - dissatisfied - basic;
                db.StationEvaluations.Add(new StationEvaluation
                {
                    AssignmentId = stay.Id, Year = today.Year - 1, HeldOn = new DateOnly(today.Year - 1, 12, 20), Satisfied = satisfied, BasicallySatisfied = basic,
                    Dissatisfied = dissatisfied, Rating = StationRules.Rating(StationRules.SatisfactionRate(satisfied, basic, dissatisfied)!.Value), UserName = "demo", At = now,
                });
            }
            await db.SaveChangesAsync(ct);
        }
        await work.CommitAsync(ct);
    }
}
