using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Ledger;

/// <summary>Open, overdue and closed counts of one part of the ledger; the completion rate is closed over all.</summary>
public sealed record LedgerCounts(long? OrganizationId, string Name, int Open, int Overdue, int Closed)
{
    public int Total => Open + Closed;

    /// <summary>Closed out over all items, in percent with one decimal; null with no items.</summary>
    public decimal? CompletionRate => Total == 0 ? null : Math.Round(100m * Closed / Total, 1, MidpointRounding.AwayFromZero);
}

public sealed record LedgerDashboardView(long RootId, string RootName, LedgerCounts All, IReadOnlyList<LedgerCounts> ByOrganization, IReadOnlyList<LedgerCounts> ByCategory);

/// <summary>
/// The organization department's view of the ledger: counts for an organization's subtree, split by the
/// organizations directly below it (townships, for the county) and by category. One grouped query, on the read replica
/// when there is one (<see cref="ReadDatabase"/>).
/// </summary>
public sealed class LedgerDashboard(ReadDatabase reads, Scope scope, TimeProvider clock)
{
    private readonly PingyiDbContext _db = reads.Context;

    public async Task<LedgerDashboardView> GetAsync(long? rootId, CancellationToken ct = default)
    {
        var (root, children) = await scope.RootAndChildrenAsync(rootId, ct);
        var today = ChinaTime.Today(clock);
        var groups = await _db.LedgerItems.Where(i => i.ResponsibleOrganization!.Path.StartsWith(root.Path))
            .GroupBy(LedgerOverdue.Project((i, overdue) => new
            {
                i.ResponsibleOrganization!.Path,
                i.Category,
                Closed = i.State == LedgerState.ClosedOut,
                Overdue = overdue,
            }, today))
            .Select(g => new { g.Key.Path, g.Key.Category, g.Key.Closed, g.Key.Overdue, Count = g.Count() })
            .ToListAsync(ct);

        LedgerCounts Sum(long? orgId, string name, IEnumerable<(bool Closed, bool Overdue, int Count)> rows)
        {
            int open = 0, overdue = 0, closed = 0;
            foreach (var (c, o, n) in rows)
            {
                if (c)
                {
                    closed += n;
                }
                else
                {
                    open += n;
                    overdue += o ? n : 0;
                }
            }
            return new LedgerCounts(orgId, name, open, overdue, closed);
        }
        var rows = groups.Select(g => (g.Path, g.Category, g.Closed, g.Overdue, g.Count)).ToList();
        var byOrganization = children.Select(c => Sum(c.Id, c.Name, rows.Where(r => r.Path.StartsWith(c.Path, StringComparison.Ordinal)).Select(r => (r.Closed, r.Overdue, r.Count)))).ToList();
        var own = rows.Where(r => r.Path == root.Path).ToList();
        if (own.Count > 0)
        {
            byOrganization.Insert(0, Sum(root.Id, root.Name + "（本级）", own.Select(r => (r.Closed, r.Overdue, r.Count))));
        }
        var byCategory = rows.GroupBy(r => r.Category).Select(g => Sum(null, g.Key, g.Select(r => (r.Closed, r.Overdue, r.Count))))
            .OrderByDescending(c => c.Total).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        return new LedgerDashboardView(root.Id, root.Name, Sum(root.Id, root.Name, rows.Select(r => (r.Closed, r.Overdue, r.Count))), byOrganization, byCategory);
    }
}

/// <summary>Items of one category: raised, closed out, overdue (bulletins and year-end reports).</summary>
public sealed record LedgerCategoryCount(string Category, int Items, int Closed, int Overdue);
