using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, PingyiDbContext db) : PageModel
{
    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string current, string next, string again, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (next != again)
        {
            Error = "两次输入的新密码不一致";
            return Page();
        }
        // The new password and its audit entry commit together (UserManager saves on its own).
        await using var work = await db.BeginWorkAsync(ct);
        var result = await users.ChangePasswordAsync(user, current ?? string.Empty, next ?? string.Empty);
        if (!result.Succeeded)
        {
            Error = string.Join("；", result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "当前密码不正确" : AccountAdministration.Describe(e)));
            return Page();
        }
        var path = await db.Organizations.Where(o => o.Id == user.OrganizationId).Select(o => o.Path).FirstOrDefaultAsync(ct);
        audit.Record("account.password-change", "Account", user.Id, path, new { user = user.UserName });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        await signIn.RefreshSignInAsync(user);
        Message = "密码已修改";
        return Page();
    }
}
