using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Coverage;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's new economic and social organizations (seed 004): the enterprises and social organizations whose party
/// branches the county already has, as covered, and more without a party organization — about 56% of the enterprises and 74%
/// of the social organizations covered, short of the 85% target; instructors sent to most of the rest; the county's leaders
/// each linking one to three key enterprises.
/// </summary>
public sealed class DemoCoverage(PingyiDbContext db, AuditLog audit, TimeProvider clock)
{
    private static readonly string[] Trades = ["建材", "食品", "物流", "电子", "纺织", "机械", "农业开发", "商贸", "文旅", "医药", "包装", "新能源"];

    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        if (await db.NewOrganizations.AnyAsync(ct))
        {
            return;
        }
        var townships = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee && o.Status == OrganizationStatus.Active)
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => new { o.Id, o.Name, o.Path }).ToListAsync(ct);
        if (townships.Count == 0)
        {
            return;
        }
        var branches = await db.Organizations.Where(o => o.Status == OrganizationStatus.Active
                && (o.Category == OrganizationCategory.NonPublicEnterprise || o.Category == OrganizationCategory.SocialOrganization)
                && (o.Level == OrganizationLevel.Branch || o.Level == OrganizationLevel.GeneralBranch))
            .OrderBy(o => o.Id).Select(o => new { o.Id, o.Name, o.Path, o.Category, o.EstablishedOn }).ToListAsync(ct);
        var leaders = (await CountyLeaders.Ids(db).ToListAsync(ct)).Order().Take(12).ToList();
        var random = new Random(seed + 91);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var units = new List<NewOrganization>();
        long TownshipId(string path) => townships.FirstOrDefault(t => path.StartsWith(t.Path, StringComparison.Ordinal))?.Id ?? townships[0].Id;
        // Those with a party branch on record: covered by it.
        foreach (var b in branches)
        {
            var kind = b.Category == OrganizationCategory.SocialOrganization ? NewOrganizationKind.SocialOrganization : NewOrganizationKind.Enterprise;
            var name = b.Name.Replace("党总支", string.Empty, StringComparison.Ordinal).Replace("党支部", string.Empty, StringComparison.Ordinal).Replace("中共", string.Empty, StringComparison.Ordinal);
            var employees = random.Next(30, 600);
            units.Add(new NewOrganization
            {
                Name = name.Length == 0 ? b.Name : name, Kind = kind, OrganizationId = TownshipId(b.Path), Employees = employees, Members = Math.Min(employees, random.Next(3, 40)),
                Mode = random.Next(10) < 7 ? CoverageMode.Alone : CoverageMode.Joint, PartyOrganizationId = b.Id, CoveredOn = b.EstablishedOn <= today ? b.EstablishedOn : today,
                CreatedAt = now, UpdatedAt = now,
            });
        }
        // Enough more to bring the rates near seed 004's 56% and 74%: some attached to a township's committee, the rest not covered.
        int Wanted(NewOrganizationKind kind, double rate) => (int)Math.Round(units.Count(u => u.Kind == kind) / rate);
        void AddMore(NewOrganizationKind kind, double rate, int minimum)
        {
            var covered = units.Count(u => u.Kind == kind);
            var total = Math.Max(Wanted(kind, rate), minimum);
            var attach = (int)Math.Round(total * rate) - covered;
            for (var i = units.Count(u => u.Kind == kind); i < total; i++)
            {
                var township = townships[random.Next(townships.Count)];
                var trade = Trades[random.Next(Trades.Length)];
                var name = kind == NewOrganizationKind.Enterprise ? $"{township.Name.Replace("中共", "").Replace("委员会", "")[..2]}{trade}有限公司{i + 1}号"
                    : $"{township.Name.Replace("中共", "").Replace("委员会", "")[..2]}{trade}协会";
                var attached = attach-- > 0;
                var employees = random.Next(5, 200);
                units.Add(new NewOrganization
                {
                    Name = name, Kind = kind, OrganizationId = township.Id, Employees = employees, Members = Math.Min(employees, random.Next(0, 4)),
                    Mode = attached ? CoverageMode.Attached : CoverageMode.None, PartyOrganizationId = attached ? township.Id : null,
                    CoveredOn = attached ? today.AddDays(-random.Next(30, 900)) : null,
                    Instructor = !attached && random.Next(10) < 7 ? DemoCounty.PersonName(random) : null, CreatedAt = now, UpdatedAt = now,
                });
            }
        }
        AddMore(NewOrganizationKind.Enterprise, 0.56, 60);
        AddMore(NewOrganizationKind.SocialOrganization, 0.74, 20);
        foreach (var (unit, i) in leaders.Count == 0 ? [] : units.Where(u => u.Kind == NewOrganizationKind.Enterprise).OrderByDescending(u => u.Employees).Take(leaders.Count * 2).Select((u, i) => (u, i)))
        {
            unit.LeaderPersonId = leaders[i % leaders.Count];
        }
        // Unique names per township.
        units = [.. units.GroupBy(u => (u.OrganizationId, u.Name)).Select(g => g.First())];
        await using var work = await db.BeginWorkAsync(ct);
        db.NewOrganizations.AddRange(units);
        await db.SaveChangesAsync(ct);
        audit.Record("coverage.register", nameof(NewOrganization), null, "/", new { demo = true, count = units.Count });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
