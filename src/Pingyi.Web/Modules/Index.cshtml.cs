using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules;

public sealed class IndexModel(Scope scope, PingyiDbContext db, Workbench workbench) : PageModel
{
    public sealed record CategoryRow(OrganizationCategory Category, int Organizations, int Members);

    public string ScopeName { get; private set; } = string.Empty;

    public int Organizations { get; private set; }

    public int Members { get; private set; }

    public int Townships { get; private set; }

    public int Villages { get; private set; }

    public IReadOnlyList<CategoryRow> ByCategory { get; private set; } = [];

    public IReadOnlyList<WaitingItem> Waiting { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Waiting = await workbench.WaitingAsync(ct);
        var path = await scope.PathAsync(ct);
        var active = db.Organizations.AsNoTracking().Where(o => o.Path.StartsWith(path) && o.Status == OrganizationStatus.Active);
        ScopeName = await active.OrderBy(o => o.Depth).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? string.Empty;
        var orgCounts = await active.GroupBy(o => new { o.Level, o.Category }).Select(g => new { g.Key.Level, g.Key.Category, Count = g.Count() }).ToListAsync(ct);
        var memberCounts = await db.People.AsNoTracking().Where(p => p.Organization!.Path.StartsWith(path) && p.MemberStatus != Core.People.MemberStatus.None)
            .GroupBy(p => p.Organization!.Category).Select(g => new { Category = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Category, g => g.Count, ct);
        Organizations = orgCounts.Sum(c => c.Count);
        Members = memberCounts.Values.Sum();
        Townships = orgCounts.Where(c => c.Level == OrganizationLevel.TownshipCommittee).Sum(c => c.Count);
        Villages = orgCounts.Where(c => c.Category == OrganizationCategory.Village && c.Level == OrganizationLevel.Branch).Sum(c => c.Count);
        ByCategory = orgCounts.GroupBy(c => c.Category).OrderBy(g => g.Key)
            .Select(g => new CategoryRow(g.Key, g.Sum(c => c.Count), memberCounts.GetValueOrDefault(g.Key))).ToList();
    }
}
