using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Documents;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Supervision;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Bulletins;

/// <summary>One organization's line in a bulletin, ranked by ledger completion, then task completion, then fewer overdue items.</summary>
public sealed record BulletinRow(int Rank, long OrganizationId, string Organization, int Items, int Closed, int Overdue, decimal? LedgerRate,
    int Tasks, int TasksDone, decimal? TaskRate);

public sealed record BulletinOverdueItem(long Id, string Organization, string Category, string Description, DateOnly Deadline, int DaysOverdue);

public sealed record BulletinTrendPoint(string Month, int Items, int Closed, decimal? Rate);

/// <summary>
/// The figures of a monthly bulletin (通报) as of the month's last day (or today, for the running month).
/// No person is named: organizations, categories and item descriptions only.
/// </summary>
public sealed record BulletinData(long ScopeOrganizationId, string Scope, int Year, int Month, DateOnly AsOf, int Items, int Closed, int Overdue,
    decimal? Rate, IReadOnlyList<BulletinRow> Rows, IReadOnlyList<BulletinOverdueItem> OverdueItems, IReadOnlyList<LedgerCategoryCount> Categories,
    IReadOnlyList<BulletinTrendPoint> Trend);

public sealed record BulletinSummary(long Id, long ScopeOrganizationId, string Title, int Year, int Month, DateTime PublishedAt);

/// <summary>What the public chart board shows: the ranking, the trend and the categories; no item is listed.</summary>
public sealed record PublicBoard(long Id, string Title, string Scope, int Year, int Month, DateOnly AsOf, int Items, int Closed, int Overdue, decimal? Rate,
    IReadOnlyList<BulletinRow> Rows, IReadOnlyList<LedgerCategoryCount> Categories, IReadOnlyList<BulletinTrendPoint> Trend, DateTime PublishedAt);

public sealed class BulletinQueries(PingyiDbContext db, Scope scope, TimeProvider clock)
{
    public const int TrendMonths = 6;

    public const int ListedOverdue = 200;

    /// <summary>How a bulletin's frozen figures are stored.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Computes the bulletin of the month for an organization's subtree (default: the caller's), without storing it.</summary>
    public async Task<BulletinData> ComputeAsync(int year, int month, long? rootId, CancellationToken ct = default)
    {
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
        {
            throw RuleViolation.Invalid("年月无效");
        }
        var today = ChinaTime.Today(clock);
        var first = new DateOnly(year, month, 1);
        if (first > today)
        {
            throw RuleViolation.Invalid("不能通报尚未开始的月份");
        }
        var last = first.AddMonths(1).AddDays(-1);
        var asOf = last < today ? last : today;
        var (root, children) = await scope.RootAndChildrenAsync(rootId, ct);

        var end = ChinaTime.EndOfDayUtc(asOf);
        var items = await db.LedgerItems.Where(i => i.ResponsibleOrganization!.Path.StartsWith(root.Path) && i.CreatedAt < end)
            .Select(i => new { i.Id, i.ResponsibleOrganization!.Path, Organization = i.ResponsibleOrganization.Name, i.Category, i.CreatedAt, i.ClosedOutAt, i.Deadline, i.Description })
            .ToListAsync(ct);
        var assignments = await (from a in db.TaskAssignments
                                 join t in db.WorkTasks on a.TaskId equals t.Id
                                 join o in db.Organizations on a.OrganizationId equals o.Id
                                 where o.Path.StartsWith(root.Path) && t.CreatedAt < end
                                 select new { o.Path, a.CompletedAt }).ToListAsync(ct);

        bool ClosedBy(DateTime? closedAt, DateTime at) => !LedgerOverdue.OpenAt(at, closedAt);
        bool OverdueAt(DateTime? closedAt, DateOnly? deadline, DateOnly day) => LedgerOverdue.AsOf(day, closedAt, deadline);
        var rows = children.Select(c =>
        {
            var mine = items.Where(i => i.Path.StartsWith(c.Path, StringComparison.Ordinal)).ToList();
            var tasks = assignments.Where(a => a.Path.StartsWith(c.Path, StringComparison.Ordinal)).ToList();
            var closed = mine.Count(i => ClosedBy(i.ClosedOutAt, end));
            var done = tasks.Count(a => ClosedBy(a.CompletedAt, end));
            return new BulletinRow(0, c.Id, c.Name, mine.Count, closed, mine.Count(i => OverdueAt(i.ClosedOutAt, i.Deadline, asOf)), Rate(closed, mine.Count),
                tasks.Count, done, Rate(done, tasks.Count));
        }).ToList();
        var ranked = Rank(rows);
        var overdue = items.Where(i => OverdueAt(i.ClosedOutAt, i.Deadline, asOf)).OrderBy(i => i.Deadline).ThenBy(i => i.Id).Take(ListedOverdue)
            .Select(i => new BulletinOverdueItem(i.Id, i.Organization, i.Category, i.Description, i.Deadline!.Value, asOf.DayNumber - i.Deadline!.Value.DayNumber)).ToList();
        var categories = items.GroupBy(i => i.Category).Select(g => new LedgerCategoryCount(g.Key, g.Count(), g.Count(i => ClosedBy(i.ClosedOutAt, end)),
            g.Count(i => OverdueAt(i.ClosedOutAt, i.Deadline, asOf)))).OrderByDescending(c => c.Items).ThenBy(c => c.Category, StringComparer.Ordinal).ToList();
        var trend = Enumerable.Range(0, TrendMonths).Select(k => first.AddMonths(k - TrendMonths + 1)).Select(m =>
        {
            var monthEnd = m.AddMonths(1).AddDays(-1);
            var at = ChinaTime.EndOfDayUtc(monthEnd < asOf ? monthEnd : asOf);
            var existing = items.Where(i => i.CreatedAt < at).ToList();
            var closed = existing.Count(i => ClosedBy(i.ClosedOutAt, at));
            return new BulletinTrendPoint($"{m.Year}-{m.Month:00}", existing.Count, closed, Rate(closed, existing.Count));
        }).ToList();
        var totalClosed = items.Count(i => ClosedBy(i.ClosedOutAt, end));
        return new BulletinData(root.Id, root.Name, year, month, asOf, items.Count, totalClosed, items.Count(i => OverdueAt(i.ClosedOutAt, i.Deadline, asOf)),
            Rate(totalClosed, items.Count), ranked, overdue, categories, trend);
    }

    /// <summary>Bulletins of organizations in the caller's subtree, newest first.</summary>
    public async Task<IReadOnlyList<BulletinSummary>> ListAsync(CancellationToken ct = default)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        return await db.Bulletins.Where(b => organizations.Any(o => o.Id == b.ScopeOrganizationId))
            .OrderByDescending(b => b.Year).ThenByDescending(b => b.Month).ThenBy(b => b.Id)
            .Select(b => new BulletinSummary(b.Id, b.ScopeOrganizationId, b.Title, b.Year, b.Month, b.PublishedAt)).Take(500).ToListAsync(ct);
    }

    public async Task<(BulletinSummary Summary, BulletinData Data)> GetAsync(long id, CancellationToken ct = default)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var bulletin = await db.Bulletins.Where(b => b.Id == id && organizations.Any(o => o.Id == b.ScopeOrganizationId)).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"通报 {id} 不存在或不在您的管理范围内");
        return (new BulletinSummary(bulletin.Id, bulletin.ScopeOrganizationId, bulletin.Title, bulletin.Year, bulletin.Month, bulletin.PublishedAt),
            JsonSerializer.Deserialize<BulletinData>(bulletin.Data, Json)!);
    }

    /// <summary>Every published bulletin, for the public board (no login).</summary>
    public Task<List<BulletinSummary>> PublishedAsync(CancellationToken ct = default) =>
        db.Bulletins.OrderByDescending(b => b.Year).ThenByDescending(b => b.Month).ThenBy(b => b.Id)
            .Select(b => new BulletinSummary(b.Id, b.ScopeOrganizationId, b.Title, b.Year, b.Month, b.PublishedAt)).Take(200).ToListAsync(ct);

    public async Task<PublicBoard?> PublicAsync(long id, CancellationToken ct = default)
    {
        var bulletin = await db.Bulletins.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (bulletin is null)
        {
            return null;
        }
        var d = JsonSerializer.Deserialize<BulletinData>(bulletin.Data, Json)!;
        return new PublicBoard(bulletin.Id, bulletin.Title, d.Scope, d.Year, d.Month, d.AsOf, d.Items, d.Closed, d.Overdue, d.Rate, d.Rows, d.Categories, d.Trend, bulletin.PublishedAt);
    }

    public static string DocumentSubject(long bulletinId) => $"bulletin:{bulletinId}";

    /// <summary>The bulletin as an official document (GB/T 9704) under the number it was issued with.</summary>
    public static byte[] Document(BulletinData d, DocumentIssue issue) =>
        OfficialDocument.Create(new OfficialHead(issue.Issuer, issue.Number, $"关于{d.Year}年{d.Month}月整改落实情况的通报"), issue.IssuedOn, body =>
    {
        string P(decimal? rate) => rate is { } r ? r.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
        body.Text($"截至{ChinaTime.ChineseDate(d.AsOf)}，{d.Scope}整改台账共有事项 {d.Items} 项，已销号 {d.Closed} 项，销号率 {P(d.Rate)}；"
            + $"逾期未销号 {d.Overdue} 项。现将各单位整改落实和任务完成情况通报如下。");
        body.Heading("一、各单位完成情况排名");
        var rows = new List<string[]> { new[] { "排名", "单位", "事项", "已销号", "销号率", "逾期", "任务完成率" } };
        rows.AddRange(d.Rows.Select(r => new[]
        {
            r.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Organization, N(r.Items), N(r.Closed), P(r.LedgerRate), N(r.Overdue),
            r.Tasks == 0 ? "—" : $"{P(r.TaskRate)}（{r.TasksDone}/{r.Tasks}）",
        }));
        body.Table(rows, [800, 2700, 900, 1000, 1100, 800, 1900], leftColumn: 1);
        body.Heading("二、按类别");
        body.Text(d.Categories.Count == 0 ? "本月无台账事项。"
            : string.Join("；", d.Categories.Select(c => $"{c.Category} {c.Items} 项、已销号 {c.Closed} 项、逾期 {c.Overdue} 项")) + "。");
        body.Heading("三、逾期未销号事项");
        if (d.OverdueItems.Count == 0)
        {
            body.Text("无逾期未销号事项。");
        }
        else
        {
            var overdue = new List<string[]> { new[] { "序号", "责任单位", "类别", "问题", "时限", "逾期天数" } };
            overdue.AddRange(d.OverdueItems.Select((o, i) => new[]
            {
                N(i + 1), o.Organization, o.Category, o.Description, ChinaTime.ChineseDate(o.Deadline), N(o.DaysOverdue),
            }));
            body.Table(overdue, [700, 2000, 1100, 3300, 1500, 900], leftColumn: 3);
            if (d.Overdue > d.OverdueItems.Count)
            {
                body.Text($"（另有 {d.Overdue - d.OverdueItems.Count} 项逾期事项，详见整改台账。）");
            }
        }
        body.Text("请逾期事项的责任单位抓紧整改，按期销号；排名靠后的单位要认真查找原因，限期提升。");
    });

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);


    private static decimal? Rate(int done, int all) => all == 0 ? null : Math.Round(100m * done / all, 1, MidpointRounding.AwayFromZero);

    /// <summary>Highest completion first; equal standing shares a rank and the next rank skips (1, 2, 2, 4).</summary>
    private static List<BulletinRow> Rank(List<BulletinRow> rows)
    {
        var ordered = rows.OrderByDescending(r => r.LedgerRate ?? -1).ThenByDescending(r => r.TaskRate ?? -1).ThenBy(r => r.Overdue).ThenBy(r => r.OrganizationId).ToList();
        var result = new List<BulletinRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var r = ordered[i];
            var tied = i > 0 && (r.LedgerRate, r.TaskRate, r.Overdue) == (ordered[i - 1].LedgerRate, ordered[i - 1].TaskRate, ordered[i - 1].Overdue);
            result.Add(r with { Rank = tied ? result[i - 1].Rank : i + 1 });
        }
        return result;
    }
}
