using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Organizations;

public sealed record OrganizationNode(
    long Id, string Code, string Name, OrganizationLevel Level, OrganizationCategory Category, OrganizationStatus Status,
    int ChildCount, int MemberCount, IReadOnlyList<OrganizationNode>? Children);

public sealed record OrganizationSummary(
    long Id, string Code, string Name, OrganizationLevel Level, OrganizationCategory Category, OrganizationStatus Status,
    long? ParentId, string? ParentName, int Depth, DateOnly EstablishedOn, DateOnly? EndedOn);

public sealed record OrganizationFilter(string? Q, OrganizationLevel? Level, OrganizationCategory? Category, long? ParentId, OrganizationStatus? Status, int? Page, int? PageSize);

public sealed record SecretaryInfo(long PersonId, string Name, DateOnly TermStart);

public sealed record OrganizationDetails(
    OrganizationSummary Organization, string? ParentCode, SecretaryInfo? Secretary, IReadOnlyList<OrganizationSummary> Ancestors,
    int MemberCount, int SubtreeMemberCount, IReadOnlyList<OrganizationNode> Children, IReadOnlyList<OrganizationEvent> History);

/// <summary>Read side of organizations, always within the caller's scope.</summary>
public sealed class OrganizationQueries(PingyiDbContext db, Scope scope)
{
    /// <summary>The scope root and its descendants to <paramref name="depth"/> levels, with direct counts.</summary>
    public async Task<OrganizationNode?> TreeAsync(long? rootId, int depth, bool includeInactive, CancellationToken ct = default)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var scopePath = await scope.PathAsync(ct);
        var root = rootId is { } id
            ? await organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct)
            : await organizations.AsNoTracking().OrderBy(o => o.Depth).FirstOrDefaultAsync(ct);
        if (root is null || !root.Path.StartsWith(scopePath, StringComparison.Ordinal))
        {
            return null;
        }
        depth = Math.Clamp(depth, 0, 6);
        var maxDepth = root.Depth + depth;
        var rows = await db.Organizations.AsNoTracking()
            .Where(o => o.Path.StartsWith(root.Path) && o.Depth <= maxDepth && (includeInactive || o.Status == OrganizationStatus.Active))
            .OrderBy(o => o.Depth).ThenBy(o => o.SortOrder).ThenBy(o => o.Code)
            .Select(o => new { o.Id, o.Code, o.Name, o.Level, o.Category, o.Status, o.ParentId, o.Depth })
            .ToListAsync(ct);
        var childCounts = await db.Organizations.AsNoTracking()
            .Where(o => o.Path.StartsWith(root.Path) && o.Depth <= maxDepth + 1 && o.ParentId != null && (includeInactive || o.Status == OrganizationStatus.Active))
            .GroupBy(o => o.ParentId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        // Counted by organization id (the people index leads with it) rather than through a join on paths.
        var ids = rows.Select(r => (long?)r.Id).ToList();
        var memberCounts = await db.People.AsNoTracking()
            .Where(p => ids.Contains(p.OrganizationId))
            .GroupBy(p => p.OrganizationId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byParent = rows.Where(r => r.Id != root.Id).ToLookup(r => r.ParentId);

        OrganizationNode Build(long nodeId, string code, string name, OrganizationLevel level, OrganizationCategory category, OrganizationStatus status, int nodeDepth)
        {
            var children = nodeDepth < maxDepth
                ? byParent[nodeId].Select(c => Build(c.Id, c.Code, c.Name, c.Level, c.Category, c.Status, c.Depth)).ToList()
                : null;
            return new OrganizationNode(nodeId, code, name, level, category, status,
                childCounts.GetValueOrDefault(nodeId), memberCounts.GetValueOrDefault(nodeId), children);
        }
        return Build(root.Id, root.Code, root.Name, root.Level, root.Category, root.Status, root.Depth);
    }

    public async Task<Paged<OrganizationSummary>> ListAsync(OrganizationFilter filter, CancellationToken ct = default)
    {
        var (page, pageSize) = Paging.Normalize(filter.Page, filter.PageSize);
        var query = (await scope.OrganizationsAsync(ct)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(o => o.Name.Contains(q) || o.Code.Contains(q));
        }
        if (filter.Level is { } level)
        {
            query = query.Where(o => o.Level == level);
        }
        if (filter.Category is { } category)
        {
            query = query.Where(o => o.Category == category);
        }
        if (filter.ParentId is { } parentId)
        {
            query = query.Where(o => o.ParentId == parentId);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(o => o.Path.Length).ThenBy(o => o.SortOrder).ThenBy(o => o.Code)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(o => new OrganizationSummary(o.Id, o.Code, o.Name, o.Level, o.Category, o.Status, o.ParentId,
                o.Parent == null ? null : o.Parent.Name, o.Depth, o.EstablishedOn, o.EndedOn))
            .ToListAsync(ct);
        return new Paged<OrganizationSummary>(items, page, pageSize, total);
    }

    public async Task<OrganizationDetails?> DetailsAsync(long id, CancellationToken ct = default)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var o = await organizations.AsNoTracking().Include(x => x.Parent).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null)
        {
            return null;
        }
        var scopePath = await scope.PathAsync(ct);
        var ancestorIds = o.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).Where(a => a != id).ToList();
        var ancestors = await db.Organizations.AsNoTracking()
            .Where(a => ancestorIds.Contains(a.Id) && a.Path.StartsWith(scopePath))
            .OrderBy(a => a.Depth).Select(a => Summary(a)).ToListAsync(ct);
        var secretary = await db.CadrePositions.AsNoTracking()
            .Where(c => c.OrganizationId == id && c.Title == PositionTitle.Secretary && c.TermEnd == null)
            .OrderByDescending(c => c.TermStart)
            .Select(c => new SecretaryInfo(c.PersonId, c.Person!.Name, c.TermStart)).FirstOrDefaultAsync(ct);
        var memberCount = await db.People.CountAsync(p => p.OrganizationId == id, ct);
        var subtreeCount = await db.People.CountAsync(p => p.Organization!.Path.StartsWith(o.Path), ct);
        var tree = await TreeAsync(id, 1, includeInactive: true, ct);
        var history = await db.OrganizationEvents.AsNoTracking().Where(e => e.OrganizationId == id)
            .OrderByDescending(e => e.EffectiveOn).ThenByDescending(e => e.Id).ToListAsync(ct);
        return new OrganizationDetails(Summary(o), o.Parent?.Code, secretary, ancestors, memberCount, subtreeCount,
            tree?.Children ?? [], history);
    }

    private static OrganizationSummary Summary(Organization o) =>
        new(o.Id, o.Code, o.Name, o.Level, o.Category, o.Status, o.ParentId, o.Parent?.Name, o.Depth, o.EstablishedOn, o.EndedOn);
}
