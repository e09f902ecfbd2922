using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Bulletins;

public sealed record PublishBulletin(int Year, int Month);

/// <summary>Freezes a month's figures (<see cref="BulletinQueries.ComputeAsync"/>) as the bulletin of the caller's organization.</summary>
public sealed class PublishBulletinHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, BulletinQueries bulletins, Documents.DocumentRegister register)
{
    /// <summary>Publishes (or republishes, replacing the figures) the month's bulletin of the caller's organization.</summary>
    public async Task<BulletinSummary> HandleAsync(PublishBulletin request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.SupervisionPlanners, "只有督查或组织部门可以发布通报");
        return await PublishForAsync(null, request.Year, request.Month, scope.UserName ?? "system", ct);
    }

    /// <summary>Publishes without the role check: for the caller's organization (null) or, from the demo loader, any organization.</summary>
    internal async Task<BulletinSummary> PublishForAsync(long? rootId, int year, int month, string publishedBy, CancellationToken ct)
    {
        var data = await bulletins.ComputeAsync(year, month, rootId, ct);
        var title = $"{data.Scope}{year}年{month}月整改落实情况通报";
        var existing = await db.Bulletins.FirstOrDefaultAsync(b => b.ScopeOrganizationId == data.ScopeOrganizationId && b.Year == year && b.Month == month, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var bulletin = existing ?? new Bulletin { ScopeOrganizationId = data.ScopeOrganizationId, Year = year, Month = month, Title = title, Data = "", PublishedBy = "" };
        bulletin.Title = title;
        bulletin.Data = JsonSerializer.Serialize(data, BulletinQueries.Json);
        bulletin.PublishedBy = publishedBy;
        bulletin.PublishedAt = now;
        if (existing is null)
        {
            db.Bulletins.Add(bulletin);
        }
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        var path = await db.Organizations.Where(o => o.Id == data.ScopeOrganizationId).Select(o => o.Path).SingleAsync(ct);
        audit.Record(existing is null ? "bulletin.publish" : "bulletin.republish", nameof(Bulletin), bulletin.Id, path,
            new { year, month, items = data.Items, closed = data.Closed, overdue = data.Overdue });
        await register.IssueAsync(data.ScopeOrganizationId, BulletinQueries.DocumentSubject(bulletin.Id), $"关于{year}年{month}月整改落实情况的通报", ChinaTime.Today(clock), path, ct);
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return new BulletinSummary(bulletin.Id, bulletin.ScopeOrganizationId, bulletin.Title, year, month, now);
    }
}
