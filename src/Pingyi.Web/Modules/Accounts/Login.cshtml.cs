using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountsModule.SignInLimit)]
public sealed class LoginModel(SignInManager<AppUser> signIn, AuditLog audit, PingyiDbContext db, IStringLocalizer<UiText> localizer) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The failed-attempt count (or its reset) and the audit entry commit together.
        await using var work = await db.BeginWorkAsync();
        var result = await signIn.PasswordSignInAsync(UserName ?? string.Empty, Password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("LoginCode", new { ReturnUrl });
        }
        audit.Record(result.Succeeded ? "account.signin" : result.IsLockedOut ? "account.lockout" : "account.signin-failed", "Account", null, null,
            new { user = UserName }, userName: UserName);
        await db.SaveChangesAsync();
        await work.CommitAsync();
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        Error = result.IsLockedOut ? localizer["失败次数过多，账号已锁定，请稍后再试"] : localizer["用户名或密码错误"];
        return Page();
    }
}
