using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Awards;

/// <summary>
/// What of the commendations the caller sees: the awards conferred above or within their subtree (a township sees the
/// county's awards), and of their nominations those whose nominee is in the subtree. Every use case and query starts here.
/// </summary>
public sealed class AwardAccess(PingyiDbContext db, Scope scope)
{
    /// <summary>The awards the caller sees: conferred by an organization at or above their subtree's root, or within it.</summary>
    public async Task<IQueryable<Award>> AwardsAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var above = Above(path);
        return db.Awards.Where(a => above.Contains(a.Organization!.Path) || a.Organization!.Path.StartsWith(path));
    }

    /// <summary>The nominations the caller sees: nominees in their subtree.</summary>
    public async Task<IQueryable<AwardNomination>> NominationsAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.AwardNominations.Where(n => n.Organization!.Path.StartsWith(path));
    }

    public async Task<(Award Award, string Path)> AwardAsync(long id, CancellationToken ct)
    {
        var found = await (await AwardsAsync(ct)).Where(a => a.Id == id).Select(a => new { Award = a, a.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"表彰项目 {id} 不存在或不在您的管理范围内");
        return (found.Award, found.Path);
    }

    public async Task<(AwardNomination Nomination, Award Award, string Path)> NominationAsync(long id, CancellationToken ct)
    {
        var found = await (await NominationsAsync(ct)).Where(n => n.Id == id).Select(n => new { Nomination = n, n.Award, n.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"提名 {id} 不存在或不在您的管理范围内");
        return (found.Nomination, found.Award!, found.Path);
    }

    /// <summary>The conferring organization is in the caller's subtree: they run the award (review, publicity, approval); a township
    /// sees the county's awards and nominates for them, and no more.</summary>
    public async Task<bool> RunsAsync(string awardPath, CancellationToken ct) => awardPath.StartsWith(await scope.PathAsync(ct), StringComparison.Ordinal);

    /// <summary>"/1/5/" → "/", "/1/", "/1/5/": the paths of a path's organization and its ancestors.</summary>
    public static List<string> Above(string path)
    {
        var paths = new List<string> { "/" };
        for (var i = path.IndexOf('/', 1); i > 0; i = path.IndexOf('/', i + 1))
        {
            paths.Add(path[..(i + 1)]);
        }
        return paths;
    }
}
