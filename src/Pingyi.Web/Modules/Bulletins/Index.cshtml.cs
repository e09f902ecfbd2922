using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;


namespace Pingyi.Web.Modules.Bulletins;

public sealed class IndexModel(BulletinQueries bulletins, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Month { get; set; }

    public IReadOnlyList<BulletinSummary> Published { get; private set; } = [];

    public BulletinData? Preview { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Published = await bulletins.ListAsync(ct);
        if (Year is { } y && Month is { } m)
        {
            try
            {
                Preview = await bulletins.ComputeAsync(y, m, null, ct);
            }
            catch (RuleViolation e)
            {
                Error = e.Message;
            }
        }
        else
        {
            // Default to last month: bulletins are written at the start of the next one.
            var lastMonth = ChinaTime.Today(clock).AddMonths(-1);
            (Year, Month) = (lastMonth.Year, lastMonth.Month);
        }
    }

    public async Task<IActionResult> OnPostPublishAsync(int year, int month, [FromServices] PublishBulletinHandler publish, CancellationToken ct)
    {
        try
        {
            var published = await publish.HandleAsync(new PublishBulletin(year, month), ct);
            return Redirect($"/Bulletins/Details/{published.Id}");
        }
        catch (RuleViolation e) when (e.StatusCode != StatusCodes.Status404NotFound)
        {
            Error = e.Message;
            (Year, Month) = (year, month);
            await OnGetAsync(ct);
            return Page();
        }
    }
}
