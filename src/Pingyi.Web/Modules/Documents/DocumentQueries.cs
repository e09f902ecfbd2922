using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Documents;

public sealed record IssuerView(long OrganizationId, string Organization, string Name, string Prefix);

public sealed record IssuedView(string Number, string Issuer, string Title, DateOnly IssuedOn);

/// <summary>The issuers and the register of issued documents, within the caller's organization subtree.</summary>
public sealed class DocumentQueries(PingyiDbContext db, Scope scope)
{
    public async Task<IReadOnlyList<IssuerView>> IssuersAsync(CancellationToken ct = default)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var rows = await db.DocumentIssuers.Join(organizations, i => i.OrganizationId, o => o.Id, (i, o) => new { o.Id, o.Name, o.Path, Issuer = i.Name, i.Prefix, o.SortOrder })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Path.Length).ThenBy(r => r.SortOrder).Select(r => new IssuerView(r.Id, r.Name, r.Issuer, r.Prefix))];
    }

    /// <summary>The register, newest first, a page at a time.</summary>
    public async Task<Paged<IssuedView>> IssuedAsync(int? page, int? pageSize, CancellationToken ct = default)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        var organizations = await scope.OrganizationsAsync(ct);
        var query = db.IssuedDocuments.Join(organizations, d => d.IssuerOrganizationId, o => o.Id, (d, o) => d);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(d => d.Id).Skip((number - 1) * size).Take(size)
            .Select(d => new IssuedView(d.Number, d.Issuer, d.Title, d.IssuedOn)).ToListAsync(ct);
        return new Paged<IssuedView>(items, number, size, total);
    }
}
