using Microsoft.AspNetCore.Identity;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

public sealed class UpdateAccountHandler(PingyiDbContext db, UserManager<AppUser> users, Scope scope, AuditLog audit, AccountAdministration accounts)
{
    /// <summary>Changes an account's organization and roles, both within what the caller may grant.</summary>
    public async Task HandleAsync(long id, long organizationId, string[] roles, CancellationToken ct = default)
    {
        var (user, _) = await accounts.FindAsync(id, ct);
        var wanted = (roles ?? []).Distinct().ToArray();
        if (wanted.Length == 0)
        {
            throw RuleViolation.Invalid("请至少选择一个角色");
        }
        var grantable = accounts.GrantableRoles().ToHashSet();
        var current = await users.GetRolesAsync(user);
        // A caller may neither grant nor take away a role it cannot grant.
        if (wanted.Concat(current).Where(r => wanted.Contains(r) != current.Contains(r)).FirstOrDefault(r => !grantable.Contains(r)) is { } refused)
        {
            throw RuleViolation.Forbidden($"您不能授予或收回“{AccountAdministration.RoleNames.GetValueOrDefault(refused, refused)}”角色");
        }
        var path = await scope.PathAsync(ct);
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId && o.Path.StartsWith(path), ct)
            ?? throw RuleViolation.NotFound($"组织 {organizationId} 不存在或不在您的管理范围内");
        if (user.UserName == scope.UserName && current.Any(r => !wanted.Contains(r)))
        {
            throw new RuleViolation("不能收回自己的角色");
        }
        await using var tx = await db.BeginWorkAsync(ct);
        var before = new { organization = user.OrganizationId, roles = current.OrderBy(r => r).ToArray() };
        user.OrganizationId = organization.Id;
        await users.UpdateAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        // The account's sign-in cookie carries its roles: make it sign in again.
        await users.UpdateSecurityStampAsync(user);
        audit.Record("account.update", "Account", id, organization.Path, new { user = user.UserName, before, after = new { organization = organization.Id, roles = wanted.OrderBy(r => r).ToArray() } });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
