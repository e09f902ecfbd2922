using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Ledger;

public sealed record YearEndOpenItem(long Id, string Organization, string Category, string Description, DateOnly? Deadline, bool Overdue);

/// <summary>A township's ledger year: items raised in the year, closed out in the year, overdue and still open at its end, and the township's own report.</summary>
public sealed record YearEndView(long OrganizationId, string Organization, int Year, DateOnly AsOf, int Raised, int ClosedInYear, int OpenAtEnd, int OverdueAtEnd,
    IReadOnlyList<LedgerCategoryCount> Categories, IReadOnlyList<YearEndOpenItem> OpenItems, string? Text, string? UpdatedBy, DateTime? UpdatedAt);

public sealed class YearEndQueries(PingyiDbContext db, Scope scope, TimeProvider clock)
{
    public async Task<YearEndView> GetAsync(long organizationId, int year, CancellationToken ct = default)
    {
        var org = await FindAsync(organizationId, ct);
        if (year is < 2000 or > 2100)
        {
            throw RuleViolation.Invalid("年份无效");
        }
        var today = ChinaTime.Today(clock);
        var yearEnd = new DateOnly(year, 12, 31);
        var asOf = yearEnd < today ? yearEnd : today;
        var start = ChinaTime.StartOfDayUtc(new DateOnly(year, 1, 1));
        var end = ChinaTime.EndOfDayUtc(asOf);
        var items = await db.LedgerItems.Where(i => i.ResponsibleOrganization!.Path.StartsWith(org.Path) && i.CreatedAt < end && (i.ClosedOutAt == null || i.ClosedOutAt >= start))
            .Select(i => new { i.Id, Organization = i.ResponsibleOrganization!.Name, i.Category, i.Description, i.Deadline, i.CreatedAt, i.ClosedOutAt })
            .ToListAsync(ct);
        bool OpenAtEnd(DateTime? closed) => LedgerOverdue.OpenAt(end, closed);
        bool OverdueAtEnd(DateTime? closed, DateOnly? deadline) => LedgerOverdue.AsOf(asOf, closed, deadline);
        var raised = items.Where(i => i.CreatedAt >= start).ToList();
        var open = items.Where(i => OpenAtEnd(i.ClosedOutAt)).OrderBy(i => i.Deadline ?? DateOnly.MaxValue).ThenBy(i => i.Id).ToList();
        var report = await db.YearEndReports.FirstOrDefaultAsync(r => r.OrganizationId == org.Id && r.Year == year, ct);
        return new YearEndView(org.Id, org.Name, year, asOf, raised.Count, items.Count(i => i.ClosedOutAt is { } c && c >= start && c < end),
            open.Count, open.Count(i => OverdueAtEnd(i.ClosedOutAt, i.Deadline)),
            raised.GroupBy(i => i.Category).Select(g => new LedgerCategoryCount(g.Key, g.Count(), g.Count(i => !OpenAtEnd(i.ClosedOutAt)), g.Count(i => OverdueAtEnd(i.ClosedOutAt, i.Deadline))))
                .OrderByDescending(c => c.Items).ToList(),
            open.Take(500).Select(i => new YearEndOpenItem(i.Id, i.Organization, i.Category, i.Description, i.Deadline, OverdueAtEnd(i.ClosedOutAt, i.Deadline))).ToList(),
            report?.Text, report?.UpdatedBy, report?.UpdatedAt);
    }

    /// <summary>
    /// The year-end report as an official document (GB/T 9704) of the reporting organization: under its formal name when
    /// it is an issuer, without a number — a report (汇报) to the superior, not a numbered issue.
    /// </summary>
    public static byte[] Document(YearEndView v, string issuer) =>
        OfficialDocument.Create(new OfficialHead(issuer, null, $"{v.Year}年整改落实情况专题汇报"), v.AsOf, body =>
    {
        static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        body.Text($"{v.Year}年（截至{ChinaTime.ChineseDate(v.AsOf)}），本单位整改台账新增事项 {v.Raised} 项，年内销号 {v.ClosedInYear} 项；"
            + $"年末未销号 {v.OpenAtEnd} 项，其中逾期 {v.OverdueAtEnd} 项。");
        foreach (var line in (v.Text ?? "（尚未撰写汇报内容）").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            body.Text(line);
        }
        if (v.OpenItems.Count > 0)
        {
            body.Heading("附：年末未销号事项");
            var rows = new List<string[]> { new[] { "序号", "责任单位", "类别", "问题", "时限" } };
            rows.AddRange(v.OpenItems.Select((o, i) => new[] { N(i + 1), o.Organization, o.Category, o.Description, (o.Deadline is { } d ? ChinaTime.ChineseDate(d) : "—") + (o.Overdue ? "（逾期）" : "") }));
            body.Table(rows, [700, 2200, 1200, 3600, 1700], leftColumn: 3);
        }
    });

    /// <summary>An organization in the caller's subtree, or 404.</summary>
    internal async Task<(long Id, string Name, string Path)> FindAsync(long organizationId, CancellationToken ct)
    {
        var org = await (await scope.OrganizationsAsync(ct)).Where(o => o.Id == organizationId).Select(o => new { o.Id, o.Name, o.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"组织 {organizationId} 不存在或不在您的管理范围内");
        return (org.Id, org.Name, org.Path);
    }
}
