using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Accounts;

public sealed class TokensModel(ApiTokens tokens, UserManager<AppUser> users, PingyiDbContext db) : PageModel
{
    public List<TokenInfo> Tokens { get; private set; } = [];

    public CreatedToken? Created { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Tokens = await tokens.ListAsync(user.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, int? days, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        try
        {
            Created = await tokens.CreateAsync(user, name, days, ct);
        }
        catch (RuleViolation e)
        {
            db.ChangeTracker.Clear();
            Error = e.Message;
        }
        Tokens = await tokens.ListAsync(user.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await tokens.RevokeAsync(user, id, ct);
        return RedirectToPage();
    }
}
