using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pingyi.Web.Modules.Statistics;

/// <summary>The public subset of the statistics board: the county's and each township's numbers and the targets, counts only — no list, no name.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.PublicCache.Policy)]
public sealed class PublicModel(StatisticsQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public StatisticsBoard Board { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Board = await queries.PublicBoardAsync(Year, ct);
}
