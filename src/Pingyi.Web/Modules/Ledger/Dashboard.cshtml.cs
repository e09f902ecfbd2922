using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Ledger;

public sealed class DashboardModel(LedgerDashboard dashboard) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Root { get; set; }

    public LedgerDashboardView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            View = await dashboard.GetAsync(Root, ct);
            return Page();
        }
        catch (RuleViolation e) when (e.StatusCode == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
    }
}
