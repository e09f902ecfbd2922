using Microsoft.AspNetCore.Identity;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

/// <summary>An administrator sets a new password for an account in scope.</summary>
public sealed class ResetPasswordHandler(PingyiDbContext db, UserManager<AppUser> users, AuditLog audit, AccountAdministration accounts)
{
    public async Task HandleAsync(long id, string password, CancellationToken ct = default)
    {
        var (user, path) = await accounts.FindAsync(id, ct);
        await using var work = await db.BeginWorkAsync(ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password ?? string.Empty);
        if (!result.Succeeded)
        {
            throw RuleViolation.Invalid(string.Join("；", result.Errors.Select(AccountAdministration.Describe)));
        }
        audit.Record("account.password-reset", "Account", id, path, new { user = user.UserName });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
