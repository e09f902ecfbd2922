using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Selection;

/// <summary>
/// What of selection the caller can see and do: only the organization department (and the system administrator), and only the
/// batches of organizations in its subtree; one outside is 404. The public page reads published notices without this.
/// </summary>
public sealed class SelectionAccess(PingyiDbContext db, Scope scope)
{
    public async Task<IQueryable<SelectionBatch>> BatchesAsync(CancellationToken ct)
    {
        scope.User.Require(Policies.Selectors, "干部选任只由组织部门办理");
        var path = await scope.PathAsync(ct);
        return db.SelectionBatches.Where(b => b.Organization!.Path.StartsWith(path));
    }

    public async Task<(SelectionBatch Batch, string Path)> BatchAsync(long id, CancellationToken ct)
    {
        var found = await (await BatchesAsync(ct)).Where(b => b.Id == id).Include(b => b.Posts).Select(b => new { Batch = b, b.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"选任批次 {id} 不存在或不在您的管理范围内");
        return (found.Batch, found.Path);
    }

    /// <summary>A post with its batch, within the caller's batches.</summary>
    public async Task<(SelectionPost Post, SelectionBatch Batch, string Path)> PostAsync(long postId, CancellationToken ct)
    {
        var batches = await BatchesAsync(ct);
        var found = await db.SelectionPosts.Where(p => p.Id == postId)
            .Join(batches, p => p.BatchId, b => b.Id, (p, b) => new { Post = p, Batch = b, b.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"职位 {postId} 不存在或不在您的管理范围内");
        return (found.Post, found.Batch, found.Path);
    }
}
