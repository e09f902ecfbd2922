using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Accounts;

[Authorize(Policy = Policies.Editors)]
public sealed class IndexModel(AccountAdministration accounts, Scope scope, PingyiDbContext db) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public Paged<AccountSummary>? Results { get; private set; }

    public IReadOnlyList<string> Grantable { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>Where a new account can belong: the active organizations in scope, in tree order.</summary>
    public IReadOnlyList<Organizations.OrganizationChoice> Organizations { get; private set; } = [];

    private Dictionary<long, string> _codes = [];

    public string CodeOf(long organizationId) => _codes.GetValueOrDefault(organizationId, string.Empty);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Results = await accounts.ListAsync(Q, PageNumber, ct);
        var ids = Results.Items.Select(a => a.OrganizationId).Distinct().ToList();
        _codes = await db.Organizations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Code, ct);
        Grantable = accounts.GrantableRoles().ToList();
        Organizations = await Pingyi.Web.Modules.Organizations.OrganizationChoices.TreeAsync(
            (await scope.OrganizationsAsync(ct)).Where(o => o.Status == Core.Organizations.OrganizationStatus.Active), ct);
        Message ??= TempData["Message"] as string;
    }

    public async Task<IActionResult> OnPostCreateAsync(string userName, string? displayName, long organization, string password, string[] roles,
        [FromServices] CreateAccountHandler create, CancellationToken ct)
    {
        try
        {
            var user = await create.HandleAsync(new CreateAccount(userName, displayName ?? string.Empty, organization, roles, password), ct);
            TempData["Message"] = $"已新建账号 {user.UserName}";
            return RedirectToPage();
        }
        catch (RuleViolation e)
        {
            db.ChangeTracker.Clear();
            Refuse(e);
            await OnGetAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostUpdateAsync(long id, string organizationCode, string[] roles, string? password,
        [FromServices] UpdateAccountHandler update, [FromServices] ResetPasswordHandler reset, CancellationToken ct)
    {
        try
        {
            var orgId = await scope.OrganizationIdAsync(organizationCode, ct);
            await update.HandleAsync(id, orgId, roles, ct);
            if (!string.IsNullOrEmpty(password))
            {
                await reset.HandleAsync(id, password, ct);
            }
            TempData["Message"] = "已保存";
            return RedirectToPage();
        }
        catch (RuleViolation e)
        {
            db.ChangeTracker.Clear();
            Refuse(e);
            await OnGetAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostLockAsync(long id, bool locked, [FromServices] LockAccountHandler lockAccount, CancellationToken ct)
    {
        try
        {
            await lockAccount.HandleAsync(id, locked, ct);
            TempData["Message"] = locked ? "已锁定" : "已解锁";
            return RedirectToPage();
        }
        catch (RuleViolation e)
        {
            Refuse(e);
            await OnGetAsync(ct);
            return Page();
        }
    }
}
