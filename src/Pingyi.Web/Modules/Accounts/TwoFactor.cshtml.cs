using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Accounts;

public sealed class TwoFactorModel(TwoFactor twoFactor, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public TwoFactorSetup? Setup { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Setup = await twoFactor.SetupAsync(user, twoFactor.RequiredFor(User));
        Message = TempData["Message"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? code, CancellationToken ct) => await RunAsync(async user =>
    {
        await twoFactor.EnableAsync(user, code, ct);
        return "两步验证已开启";
    });

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct) => await RunAsync(async user =>
    {
        await twoFactor.DisableAsync(user, twoFactor.RequiredFor(User), ct);
        return "两步验证已关闭";
    });

    private async Task<IActionResult> RunAsync(Func<AppUser, Task<string>> action)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        try
        {
            TempData["Message"] = await action(user);
            await signIn.RefreshSignInAsync(user);
            return RedirectToPage();
        }
        catch (RuleViolation e)
        {
            Error = e.Message;
            Setup = await twoFactor.SetupAsync(user, twoFactor.RequiredFor(User));
            return Page();
        }
    }
}
