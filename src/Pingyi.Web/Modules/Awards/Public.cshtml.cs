using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Awards;

/// <summary>The public list of commendations (no login, phone-first): the lists in their publicity period and the published awards,
/// names and organizations only.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.PublicCache.Policy)]
public sealed class PublicModel(AwardQueries queries, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int ThisYear { get; private set; }

    public IReadOnlyList<PublicAward> Awards { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Year = Year is >= 2000 and <= 2100 ? Year : ThisYear;
        Awards = await queries.PublicAsync(Year.Value, ct);
    }
}
