using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Stationing;

/// <summary>
/// The stays the caller can see: those in a village of the caller's subtree, or sent by a unit of it (a county department
/// follows the cadres it sent); one outside both is 404.
/// </summary>
public sealed class StationingAccess(PingyiDbContext db, Scope scope)
{
    public async Task<IQueryable<StationAssignment>> VisibleAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.StationAssignments.Where(a => a.Village!.Path.StartsWith(path)
            || db.Organizations.Any(o => o.Id == a.SentByOrganizationId && o.Path.StartsWith(path)));
    }

    /// <summary>The stay and the path its audit entries are filed under (the village's).</summary>
    public async Task<(StationAssignment Assignment, string Path)> AssignmentAsync(long id, CancellationToken ct)
    {
        var found = await (await VisibleAsync(ct)).Where(a => a.Id == id).Select(a => new { Assignment = a, a.Village!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"驻村记录 {id} 不存在或不在您的管理范围内");
        return (found.Assignment, found.Path);
    }
}
