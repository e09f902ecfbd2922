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
/// closed with its notes, and 120 still open this month, some past their expected answer.
/// </summary>
public sealed class DemoRequests(PingyiDbContext db, AuditLog audit, TimeProvider clock, RequestServices services)
{
    public const int Closed = 10_336;
    public const int Open = 120;

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
            .Select(o => new { o.Id, o.Name, TownshipId = o.ParentId!.Value }).ToListAsync(ct);
        var county = await db.Organizations.Where(o => o.ParentId == null).Select(o => o.Path).FirstOrDefaultAsync(ct);
        if (villages.Count == 0 || county is null)
        {
            return;
        }
        var random = new Random(seed + 3);
        var now = clock.GetUtcNow().UtcDateTime;
        var all = services.All;
        await using var work = await db.BeginWorkAsync(ct);
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
                var request = new ServiceRequest
                {
                    ServiceCode = service.Code, Description = text, Address = $"{village.Name.Replace("党支部", "", StringComparison.Ordinal)}{random.Next(1, 9)}组",
                    Attributes = $"{{\"township\":\"{village.TownshipId}\"}}", Source = RequestSource.GridGroup,
                    GridGroup = $"{village.Name.Replace("党支部", "", StringComparison.Ordinal)}{random.Next(1, 6)}组群", OrganizationId = village.Id,
                    Status = open ? RequestStatus.Open : RequestStatus.Closed, StatusNotes = open ? null : result, ServiceNotice = $"已交{service.Name}诉求所在乡镇办理，{service.ExpectedDays}日内答复",
                    RequestedAt = at, UpdatedAt = open ? at : at.AddDays(random.Next(1, service.ExpectedDays + 2)), ExpectedAt = at.AddDays(service.ExpectedDays),
                    ClosedAt = open ? null : at.AddDays(random.Next(1, service.ExpectedDays + 2)), Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), CreatedBy = "demo",
                };
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
        audit.Record("demo.requests", "Demo", null, county, new { closed = Closed, open = Open });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
