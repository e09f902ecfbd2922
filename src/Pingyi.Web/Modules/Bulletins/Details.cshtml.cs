using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;


namespace Pingyi.Web.Modules.Bulletins;

public sealed class DetailsModel(BulletinQueries bulletins) : PageModel
{
    public BulletinSummary? Summary { get; private set; }

    public BulletinData? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        try
        {
            (Summary, Data) = await bulletins.GetAsync(id, ct);
            return Page();
        }
        catch (RuleViolation e) when (e.StatusCode == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
    }
}
