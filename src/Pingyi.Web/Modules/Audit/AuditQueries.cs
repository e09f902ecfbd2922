using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Audit;

public sealed record AuditFilter(string? EntityType, string? EntityId, string? User, string? Action, DateOnly? From, DateOnly? To, int? Page, int? PageSize);

public sealed record AuditRow(long Id, DateTime OccurredAt, string? UserName, string Action, string EntityType, string? EntityId, string? Data, string? RequestId, string? RemoteAddress);

/// <summary>
/// The trail within the caller's scope: entries of organizations in the subtree; entries that belong
/// to no organization (sign-ins, say) only for callers whose scope is the whole county.
/// </summary>
public sealed class AuditQueries(PingyiDbContext db, Scope scope)
{
    public async Task<IQueryable<AuditEntry>> FilteredAsync(AuditFilter filter, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var wholeCounty = await db.Organizations.AnyAsync(o => o.Path == path && o.ParentId == null, ct);
        var query = db.AuditEntries.AsNoTracking()
            .Where(a => (a.OrganizationPath != null && a.OrganizationPath.StartsWith(path)) || (wholeCounty && a.OrganizationPath == null));
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            query = query.Where(a => a.EntityId == filter.EntityId.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            query = query.Where(a => a.UserName == filter.User.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(a => a.Action.StartsWith(action));
        }
        // Dates are China dates: a day runs from 16:00 UTC the day before.
        if (filter.From is { } from)
        {
            var start = ChinaTime.StartOfDayUtc(from);
            query = query.Where(a => a.OccurredAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = ChinaTime.EndOfDayUtc(to);
            query = query.Where(a => a.OccurredAt < end);
        }
        return query;
    }

    public async Task<Paged<AuditRow>> ListAsync(AuditFilter filter, CancellationToken ct)
    {
        var (page, pageSize) = Paging.Normalize(filter.Page, filter.PageSize);
        var query = await FilteredAsync(filter, ct);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new AuditRow(a.Id, a.OccurredAt, a.UserName, a.Action, a.EntityType, a.EntityId, a.Data, a.RequestId, a.RemoteAddress))
            .ToListAsync(ct);
        return new Paged<AuditRow>(items, page, pageSize, total);
    }
}
