using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Ledger;

/// <summary>
/// Which ledger items the caller can see: those whose responsible or supervising organization is in the caller's
/// subtree. Every use case and query of the module starts here.
/// </summary>
public sealed class LedgerAccess(PingyiDbContext db, Scope scope)
{
    /// <summary>Items whose responsible or supervising organization is in the caller's subtree.</summary>
    public async Task<IQueryable<LedgerItem>> VisibleAsync(CancellationToken ct)
    {
        // The items of the subtree's responsible organizations, then those it only supervises: each an index lookup on the
        // subtree's ids. Written as one test with an OR — a path test on the joined organization OR an IN over a subquery,
        // one EXISTS with an OR, or two ANYs OR-ed — PostgreSQL read every item of the database: 150 ms at a county's 20,000
        // items, 240–300 ms at a province's 227,000 (docs/query-plans.md).
        var organizations = await scope.OrganizationIdsAsync(ct);
        var responsible = db.LedgerItems.Where(i => organizations.Contains(i.ResponsibleOrganizationId));
        var supervisedOnly = db.LedgerItems.Where(i => i.SupervisingOrganizationId != null && organizations.Contains(i.SupervisingOrganizationId.Value)
            && !organizations.Contains(i.ResponsibleOrganizationId));
        return responsible.Concat(supervisedOnly);
    }

    /// <summary>An item the caller can see, and its responsible organization's path (the audit scope); 404 otherwise.</summary>
    public async Task<(LedgerItem Item, string Path)> ItemAsync(long id, CancellationToken ct)
    {
        var item = await (await VisibleAsync(ct)).FirstOrDefaultAsync(i => i.Id == id, ct)
            ?? throw RuleViolation.NotFound($"台账事项 {id} 不存在或不在您的管理范围内");
        var path = await db.Organizations.Where(o => o.Id == item.ResponsibleOrganizationId).Select(o => o.Path).SingleAsync(ct);
        return (item, path);
    }

    /// <summary>Whether the organization is in the caller's subtree.</summary>
    public async Task<bool> InScopeAsync(long? organizationId, CancellationToken ct) =>
        organizationId is { } id && await (await scope.OrganizationsAsync(ct)).AnyAsync(o => o.Id == id, ct);
}
