using Microsoft.AspNetCore.Identity;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

/// <summary>Locks an account (until unlocked) or unlocks it, clearing its failed sign-ins; never one's own.</summary>
public sealed class LockAccountHandler(PingyiDbContext db, UserManager<AppUser> users, Scope scope, AuditLog audit, AccountAdministration accounts)
{
    public async Task HandleAsync(long id, bool locked, CancellationToken ct = default)
    {
        var (user, path) = await accounts.FindAsync(id, ct);
        if (user.UserName == scope.UserName)
        {
            throw new RuleViolation("不能锁定自己的账号");
        }
        await using var work = await db.BeginWorkAsync(ct);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(user);
        }
        audit.Record(locked ? "account.lock" : "account.unlock", "Account", id, path, new { user = user.UserName });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
