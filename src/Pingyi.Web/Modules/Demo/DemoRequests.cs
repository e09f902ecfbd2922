using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Requests;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's residents' requests (seed 003: about 700 grid groups at four levels, 10,336 requests answered and closed):
/// 10,336 closed over the past year from the villages' grid groups, each passed from its township to the village branch and
/// closed with its notes, and 120 still open this month, some past their expected answer; the grid groups they came from — 700
/// groups at four levels (the county's, one per township, one per village, the rest one per villagers' group) with 20,770 people.
/// </summary>
public sealed class DemoRequests(PingyiDbContext db, AuditLog audit, TimeProvider clock, RequestServices services)
{
    public const int Closed = 10_336;
    public const int Open = 120;
    public const int Groups = 700;
    public const int People = 20_770;

    private static readonly Dictionary<string, (string Request, string Result)[]> Texts = new()
    {
        ["ROAD"] = [("组里的生产路雨后泥泞，请求硬化", "已纳入今年村组道路硬化计划，完成铺设"), ("村口小桥护栏损坏", "已更换护栏")],
        ["WATER"] = [("自来水管破裂停水", "已更换破损水管，当天恢复供水"), ("水压低，高处农户用不上水", "加装增压泵后恢复正常")],
        ["LIGHT"] = [("主干道三盏路灯不亮", "已更换灯具"), ("广场路灯线路老化", "已更换线路")],
        ["SANITATION"] = [("垃圾收集点满溢无人清运", "已协调保洁公司每日清运"), ("沟渠淤堵污水外溢", "已组织清淤")],
        ["WELFARE"] = [("独居老人生活困难，请求帮扶", "已纳入临时救助并安排结对帮扶"), ("残疾人两项补贴未到账", "已补发")],
        ["DISPUTE"] = [("邻里因排水沟发生纠纷", "经村调委会调解达成协议"), ("土地边界纠纷", "经实地测量，双方签订协议")],
        ["POLICY"] = [("咨询城乡居民医保缴费", "已上门讲解缴费方式"), ("咨询农机购置补贴", "已告知申请流程")],
    };

    public async Task GenerateAsync(int seed, CancellationToken ct = default)
    {
        if (await db.ServiceRequests.AnyAsync(ct))
        {
            return;
        }
        var villages = await db.Organizations.Where(o => o.Status == OrganizationStatus.Active && o.Level == OrganizationLevel.Branch
                && (o.Category == OrganizationCategory.Village || o.Category == OrganizationCategory.Community) && o.Parent!.Level == OrganizationLevel.TownshipCommittee)
            .Select(o => new { o.Id, o.Name, TownshipId = o.ParentId!.Value, Township = o.Parent!.Name }).ToListAsync(ct);
        var county = await db.Organizations.Where(o => o.ParentId == null).Select(o => o.Path).FirstOrDefaultAsync(ct);
        if (villages.Count == 0 || county is null)
        {
            return;
        }
        var random = new Random(seed + 3);
        var now = clock.GetUtcNow().UtcDateTime;
        var all = services.All;
        await using var work = await db.BeginWorkAsync(ct);
        var groupsOf = await GridGroupsAsync(random, villages.Select(v => (v.Id, v.Name, v.TownshipId)).ToList(), now, ct);
        for (var batch = 0; batch * 2000 < Closed + Open; batch++)
        {
            var made = new List<(ServiceRequest Request, string Village, string Result)>();
            for (var i = batch * 2000; i < Math.Min((batch + 1) * 2000, Closed + Open); i++)
            {
                var village = villages[random.Next(villages.Count)];
                var service = all[random.Next(all.Count)];
                var (text, result) = Texts.GetValueOrDefault(service.Code) is { } texts ? texts[random.Next(texts.Length)] : ("诉求", "已办结");
                var open = i >= Closed;
                var at = open ? now.AddHours(-random.Next(2, 24 * (service.ExpectedDays + 2))) : now.AddDays(-random.Next(8, 365)).AddMinutes(-random.Next(0, 1440));
                var groups = groupsOf[village.Id];
                var group = groups[random.Next(groups.Count)];
                var request = new ServiceRequest
                {
                    ServiceCode = service.Code, Description = text, Address = $"{village.Name.Replace("党支部", "", StringComparison.Ordinal)}{random.Next(1, 9)}组",
                    Attributes = $"{{\"township\":\"{village.TownshipId}\"}}", Source = RequestSource.GridGroup,
                    GridGroup = group.Name, GridGroupId = group.Id, OrganizationId = village.Id,
                    Status = open ? RequestStatus.Open : RequestStatus.Closed, StatusNotes = open ? null : result, ServiceNotice = FileRequestHandler.Notice(village.Township, service.ExpectedDays),
                    RequestedAt = at, UpdatedAt = open ? at : at.AddDays(random.Next(1, service.ExpectedDays + 2)), ExpectedAt = at.AddDays(service.ExpectedDays),
                    ClosedAt = open ? null : at.AddDays(random.Next(1, service.ExpectedDays + 2)), Rating = open ? null : DemoRating(random), Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), CreatedBy = "demo",
                };
                request.RatedAt = request.Rating is null ? null : request.ClosedAt!.Value.AddDays(1);
                made.Add((request, village.Name, result));
            }
            db.ServiceRequests.AddRange(made.Select(m => m.Request));
            await db.SaveChangesAsync(ct);
            foreach (var (request, village, result) in made)
            {
                db.ServiceRequestEvents.Add(new ServiceRequestEvent { RequestId = request.Id, Kind = "file", Text = request.ServiceNotice!, UserName = "demo", At = request.RequestedAt });
                db.ServiceRequestEvents.Add(new ServiceRequestEvent { RequestId = request.Id, Kind = "assign", Text = $"转{village}办理", OrganizationId = request.OrganizationId, UserName = "demo", At = request.RequestedAt.AddHours(2) });
                if (request.ClosedAt is { } closed)
                {
                    db.ServiceRequestEvents.Add(new ServiceRequestEvent { RequestId = request.Id, Kind = "close", Text = result, OrganizationId = request.OrganizationId, UserName = "demo", At = closed });
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        audit.Record("demo.requests", "Demo", null, county, new { closed = Closed, open = Open, groups = Groups, people = People });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }

    /// <summary>The grid groups, by village: the village's own group and its villagers' groups (requests come from any of them).</summary>
    private async Task<Dictionary<long, List<GridGroup>>> GridGroupsAsync(Random random, List<(long Id, string Name, long TownshipId)> villages, DateTime now, CancellationToken ct)
    {
        var county = await db.Organizations.Where(o => o.ParentId == null && o.Level == OrganizationLevel.CountyCommittee).Select(o => new { o.Id, o.Name }).FirstAsync(ct);
        var townships = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee && o.Status == OrganizationStatus.Active)
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var made = new List<GridGroup>();
        GridGroup Add(string name, GridLevel level, long organizationId, long? parentId)
        {
            var group = new GridGroup { Name = name, Level = level, OrganizationId = organizationId, ParentId = parentId, Keeper = DemoCounty.PersonName(random), CreatedAt = now, UpdatedAt = now };
            made.Add(group);
            return group;
        }
        async Task SaveAsync()
        {
            db.GridGroups.AddRange(made.Where(g => g.Id == 0));
            await db.SaveChangesAsync(ct);
        }
        var top = Add($"{county.Name.Replace("委员会", "", StringComparison.Ordinal)}党群服务群", GridLevel.County, county.Id, null);
        await SaveAsync();
        var townshipGroups = townships.ToDictionary(t => t.Id, t => Add($"{t.Name.Replace("委员会", "", StringComparison.Ordinal)}党群服务群", GridLevel.Township, t.Id, top.Id));
        await SaveAsync();
        var byVillage = new Dictionary<long, List<GridGroup>>();
        foreach (var v in villages.Where(v => townshipGroups.ContainsKey(v.TownshipId)))
        {
            byVillage[v.Id] = [Add($"{v.Name.Replace("党支部", "", StringComparison.Ordinal)}党群群", GridLevel.Village, v.Id, townshipGroups[v.TownshipId].Id)];
        }
        await SaveAsync();
        var left = Groups - made.Count;
        var owners = byVillage.Keys.ToList();
        for (var i = 0; i < left && owners.Count > 0; i++)
        {
            var village = owners[i % owners.Count];
            var parent = byVillage[village][0];
            byVillage[village].Add(Add($"{parent.Name.Replace("党群群", "", StringComparison.Ordinal)}{byVillage[village].Count}组群", GridLevel.Group, village, parent.Id));
        }
        // The county's 20,770 people over the groups: about 30 a group, within a chat group's limit, adding up exactly.
        foreach (var g in made)
        {
            g.Members = g.Level switch { GridLevel.County => 260, GridLevel.Township => random.Next(60, 120), _ => random.Next(18, 42) };
        }
        var difference = People - made.Sum(g => g.Members);
        for (var i = 0; difference != 0; i = (i + 1) % made.Count)
        {
            var g = made[i];
            if (g.Level is GridLevel.Village or GridLevel.Group && (difference > 0 ? g.Members < GridGroup.MostMembers : g.Members > 5))
            {
                var step = Math.Sign(difference);
                g.Members += step;
                difference -= step;
            }
        }
        await SaveAsync();
        return villages.ToDictionary(v => v.Id, v => byVillage.TryGetValue(v.Id, out var list) ? list : [top]);
    }

    /// <summary>About two in three residents rate a closed request: mostly 满意, some 基本满意, a few 不满意.</summary>
    private static Core.Petitions.PetitionRating? DemoRating(Random random) => random.Next(100) switch
    {
        < 50 => Core.Petitions.PetitionRating.Satisfied,
        < 62 => Core.Petitions.PetitionRating.FairlySatisfied,
        < 65 => Core.Petitions.PetitionRating.Dissatisfied,
        _ => null,
    };
}
