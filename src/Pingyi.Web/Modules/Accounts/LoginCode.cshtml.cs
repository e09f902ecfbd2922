using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

/// <summary>The second step of signing in, after the password, for accounts with two-factor on.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountsModule.SignInLimit)]
public sealed class LoginCodeModel(SignInManager<AppUser> signIn, AuditLog audit, PingyiDbContext db, IStringLocalizer<UiText> localizer) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("Login");
        }
        // The failed-attempt count (or its reset) and the audit entry commit together.
        await using var work = await db.BeginWorkAsync();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactor.Normalize(Code), isPersistent: false, rememberClient: false);
        audit.Record(result.Succeeded ? "account.signin" : result.IsLockedOut ? "account.lockout" : "account.2fa-failed", "Account", user.Id, null,
            new { user = user.UserName }, userName: user.UserName);
        await db.SaveChangesAsync();
        await work.CommitAsync();
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        Error = result.IsLockedOut ? localizer["失败次数过多，账号已锁定，请稍后再试"] : localizer["验证码不正确"];
        return Page();
    }
}
