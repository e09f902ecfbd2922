using Microsoft.AspNetCore.Identity;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

/// <summary>Locks an account (until unlocked) or unlocks it, clearing its failed sign-ins; never one's own.</summary>
public sealed class LockAccountHandler(PingyiDbContext db, UserManager<AppUser> users, Scope scope, AuditLog audit, AccountAdministration accounts)
{
    /// <summary>The end of an administrator's lock; a lock after failed sign-ins ends within minutes.</summary>
    public static readonly DateTimeOffset Indefinitely = DateTimeOffset.MaxValue;

    /// <summary>Locked by an administrator (not by failed sign-ins, which end by themselves).</summary>
    public static bool LockedByAdministrator(AppUser user) => user.LockoutEnd is { } end && end.UtcDateTime.Year >= 9999;

    public async Task HandleAsync(long id, bool locked, CancellationToken ct = default)
    {
        var (user, path) = await accounts.FindAsync(id, ct);
        if (user.UserName == scope.UserName)
        {
            throw new RuleViolation("不能锁定自己的账号");
        }
        await using var work = await db.BeginWorkAsync(ct);
        await users.SetLockoutEndDateAsync(user, locked ? Indefinitely : null);
        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(user);
        }
        audit.Record(locked ? "account.lock" : "account.unlock", "Account", id, path, new { user = user.UserName });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
