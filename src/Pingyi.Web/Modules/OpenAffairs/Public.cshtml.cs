using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pingyi.Web.Modules.OpenAffairs;

/// <summary>The public board of open affairs (no login, phone-first): published resolutions by village with their votes as numbers and results, openness ratings, the micro-power list.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.PublicCache.Policy)]
public sealed class PublicModel(OpenAffairsQueries queries) : PageModel
{
    public PublicOpenAffairs Board { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Board = await queries.PublicAsync(ct);
}
