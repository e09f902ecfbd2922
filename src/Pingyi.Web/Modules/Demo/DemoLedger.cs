using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Ledger;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Supervision;
using Pingyi.Web.Modules.Bulletins;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// A half year of rectification work for the demo county (and the benchmark's 20,000 items): items raised
/// over the last six months in the villages and units, most of the older ones closed out, some overdue,
/// a task for every township, and last month's bulletin published to the public board.
/// </summary>
public sealed class DemoLedger(PingyiDbContext db, AuditLog audit, TimeProvider clock, PublishBulletinHandler bulletins)
{
    private static readonly (string Category, string[] Problems)[] Problems =
    [
        ("思想建设", ["理论学习中心组学习流于形式", "党员学习教育记录不完整", "意识形态工作责任制落实不到位", "主题党日活动主题不鲜明"]),
        ("组织建设", ["“三会一课”记录不全", "党费收缴不及时", "发展党员程序不规范", "党员积分管理未公示", "软弱涣散党组织整顿进度慢"]),
        ("作风建设", ["值班制度未落实", "便民服务窗口时有空岗", "办事拖沓群众反映强烈", "村干部坐班制度执行不严"]),
        ("制度建设", ["村务公开栏未按月更新", "“四议两公开”程序不规范", "村务监督委员会未按月开会", "财务报销手续不全"]),
        ("发展与服务", ["村集体经济收入偏低", "村道路灯损坏未修复", "产业项目进度滞后", "为民办实事承诺未兑现", "人居环境整治不彻底"]),
    ];

    public async Task<int> GenerateAsync(int items, int seed = 1, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var county = await db.Organizations.Where(o => o.ParentId == null).OrderBy(o => o.Id).Select(o => new { o.Id, o.Path }).FirstAsync(ct);
        var units = await db.Organizations.Where(o => o.Status == OrganizationStatus.Active && o.Depth >= 2 && (o.Level == OrganizationLevel.Branch || o.Level == OrganizationLevel.GeneralBranch))
            .Select(o => new { o.Id, o.ParentId }).ToListAsync(ct);
        var townships = await db.Organizations.Where(o => o.ParentId == county.Id && o.Status == OrganizationStatus.Active).Select(o => o.Id).ToListAsync(ct);
        if (units.Count == 0)
        {
            return 0;
        }
        var previous = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.BeginWorkAsync(ct);
        var batch = new List<LedgerItem>(2000);
        for (var i = 0; i < items; i++)
        {
            var unit = units[random.Next(units.Count)];
            var (category, problems) = Problems[random.Next(Problems.Length)];
            var age = random.Next(0, 183);
            var created = now.AddDays(-age).AddMinutes(-random.Next(0, 600));
            var deadline = DateOnly.FromDateTime(ChinaTime.ToChina(created)).AddDays(random.Next(20, 91));
            // Older items are mostly closed; a few are still open past their deadline.
            var roll = random.NextDouble() * Math.Min(1.0, age / 90.0 + 0.15);
            var state = roll > 0.35 ? LedgerState.ClosedOut : roll > 0.28 ? LedgerState.AwaitingVerification : roll > 0.12 ? LedgerState.InProgress : LedgerState.ToRectify;
            var closed = state == LedgerState.ClosedOut ? created.AddDays(random.Next(3, Math.Max(4, Math.Min(age, 80)))) : (DateTime?)null;
            if (closed > now)
            {
                closed = now;
            }
            batch.Add(new LedgerItem
            {
                Source = random.Next(3) == 0 ? LedgerSource.Supervision : LedgerSource.MeetingOpinion,
                Category = category, Description = problems[random.Next(problems.Length)], ResponsibleOrganizationId = unit.Id, SupervisingOrganizationId = unit.ParentId,
                Measures = "制定整改方案，明确责任人，按期完成", Progress = state == LedgerState.ToRectify ? null : "正在按方案推进", Deadline = deadline, State = state,
                CreatedAt = created, ClosedOutAt = closed, OverdueMarkedAt = state != LedgerState.ClosedOut && deadline < today ? now : null,
                RemindedAt = deadline < today.AddDays(3) ? now : null,
            });
            if (batch.Count == batch.Capacity)
            {
                db.LedgerItems.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                batch.Clear();
            }
        }
        db.LedgerItems.AddRange(batch);
        var task = new WorkTask { Title = "开展软弱涣散村党组织集中整顿", Description = "各乡镇对照问题清单逐村整顿，按月报送进展", AssignedByOrganizationId = county.Id, Deadline = today.AddDays(30), CreatedBy = "demo", CreatedAt = now.AddDays(-40) };
        db.WorkTasks.Add(task);
        await db.SaveChangesAsync(ct);
        db.TaskAssignments.AddRange(townships.Select(t => new TaskAssignment { TaskId = task.Id, OrganizationId = t, CompletedAt = random.Next(3) > 0 ? now.AddDays(-random.Next(1, 35)) : null }));
        audit.Record("demo.ledger", nameof(LedgerItem), null, county.Path, new { items, seed });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = previous;
        db.ChangeTracker.Clear();
        var lastMonth = today.AddMonths(-1);
        await bulletins.PublishForAsync(county.Id, lastMonth.Year, lastMonth.Month, "demo", ct);
        return items;
    }
}
