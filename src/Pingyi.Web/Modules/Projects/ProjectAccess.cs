using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Projects;

/// <summary>The projects the caller can see: those carried by organizations of the caller's subtree; one outside it is 404.</summary>
public sealed class ProjectAccess(PingyiDbContext db, Scope scope)
{
    public async Task<IQueryable<Project>> VisibleAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.Projects.Where(p => p.Organization!.Path.StartsWith(path));
    }

    public async Task<(Project Project, string Path)> ProjectAsync(long id, CancellationToken ct)
    {
        var found = await (await VisibleAsync(ct)).Where(p => p.Id == id).Select(p => new { Project = p, p.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"项目 {id} 不存在或不在您的管理范围内");
        return (found.Project, found.Path);
    }
}
