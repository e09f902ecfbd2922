using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Notifications;

public sealed record NotificationView(long Id, string Kind, string Title, string? Link, DateTime CreatedAt, bool Read);

/// <summary>
/// Writes notifications into the caller's unit of work (they commit with the change they are about)
/// and reads the signed-in account's own list.
/// </summary>
public sealed class Notifier(PingyiDbContext db, Scope scope, TimeProvider clock, Audit.AuditLog audit)
{
    /// <summary>
    /// The accounts of the organization holding one of <paramref name="roles"/> (comma-separated); when it
    /// has none, those of the nearest organization above it that has — a village branch without an
    /// account of its own is served by its township.
    /// </summary>
    public async Task<IReadOnlyList<long>> AccountsForAsync(long organizationId, string policy, CancellationToken ct = default)
    {
        var path = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Path).FirstOrDefaultAsync(ct);
        if (path is null)
        {
            return [];
        }
        var chain = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        var names = Accounts.Policies.RolesOf[policy];
        var now = clock.GetUtcNow();
        var found = (await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where chain.Contains(u.OrganizationId) && names.Contains(r.Name!)
            select new { u.Id, u.OrganizationId, u.LockoutEnd }).ToListAsync(ct))
            .Where(u => u.LockoutEnd is null || u.LockoutEnd < now) // a locked account is not told (SQLite cannot compare offsets in SQL)
            .DistinctBy(u => u.Id).ToList();
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var here = found.Where(f => f.OrganizationId == chain[i]).Select(f => f.Id).ToList();
            if (here.Count > 0)
            {
                return here;
            }
        }
        return [];
    }

    public void Add(IEnumerable<long> accounts, string kind, string title, string? link, long? ledgerItemId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var account in accounts.Distinct())
        {
            db.Notifications.Add(new Notification { UserId = account, Kind = kind, Title = title.Length > 300 ? title[..300] : title, Link = link, LedgerItemId = ledgerItemId, CreatedAt = now });
        }
    }

    /// <summary>Tells the accounts of <paramref name="organizationId"/> (or the nearest above with accounts) in the given roles.</summary>
    public async Task NotifyAsync(long? organizationId, string policy, string kind, string title, string? link, long? ledgerItemId, CancellationToken ct = default)
    {
        if (organizationId is { } id)
        {
            Add(await AccountsForAsync(id, policy, ct), kind, title, link, ledgerItemId);
        }
    }

    private long Me => scope.UserId ?? -1;

    public Task<int> UnreadCountAsync(CancellationToken ct = default) =>
        db.Notifications.CountAsync(n => n.UserId == Me && n.ReadAt == null, ct);

    public async Task<Paged<NotificationView>> ListAsync(bool unreadOnly, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, pageSize, 30);
        var me = Me;
        var query = db.Notifications.Where(n => n.UserId == me);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(n => n.Id).Skip((p - 1) * size).Take(size)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Title, n.Link, n.CreatedAt, n.ReadAt != null)).ToListAsync(ct);
        return new Paged<NotificationView>(rows, p, size, total);
    }

    /// <summary>Marks one (or, with null, every) notification of the signed-in account read; returns how many changed.</summary>
    public async Task<int> MarkReadAsync(long? id, CancellationToken ct = default)
    {
        var me = Me;
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Notifications.Where(n => n.UserId == me && n.ReadAt == null);
        if (id is { } one)
        {
            query = query.Where(n => n.Id == one);
        }
        await using var work = await db.BeginWorkAsync(ct);
        var marked = await query.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        if (marked > 0)
        {
            audit.Record("notification.read", nameof(Notification), id, await scope.PathAsync(ct), new { marked });
            await db.SaveChangesAsync(ct);
        }
        await work.CommitAsync(ct);
        return marked;
    }
}
