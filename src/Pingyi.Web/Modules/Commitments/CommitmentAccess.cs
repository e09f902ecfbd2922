using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>
/// Which commitments the caller can see: those of organizations in the caller's subtree (the supervising organization is
/// the owner's parent, so it sees them too). Every use case and query of the module starts here.
/// </summary>
public sealed class CommitmentAccess(PingyiDbContext db, Scope scope)
{
    public async Task<IQueryable<Commitment>> VisibleAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.Commitments.Where(c => c.Organization!.Path.StartsWith(path));
    }

    /// <summary>A commitment the caller can see, with its items, and its organization's path (the audit scope); 404 otherwise.</summary>
    public async Task<(Commitment Commitment, string Path)> CommitmentAsync(long id, CancellationToken ct)
    {
        var commitment = await (await VisibleAsync(ct)).Include(c => c.Items.OrderBy(i => i.Order)).FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw RuleViolation.NotFound($"承诺 {id} 不存在或不在您的管理范围内");
        var path = await db.Organizations.Where(o => o.Id == commitment.OrganizationId).Select(o => o.Path).SingleAsync(ct);
        return (commitment, path);
    }

    /// <summary>Whether the organization is in the caller's subtree.</summary>
    public async Task<bool> InScopeAsync(long organizationId, CancellationToken ct) =>
        await (await scope.OrganizationsAsync(ct)).AnyAsync(o => o.Id == organizationId, ct);
}
