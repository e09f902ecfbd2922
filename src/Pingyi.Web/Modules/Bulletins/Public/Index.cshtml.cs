using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;


namespace Pingyi.Web.Modules.Bulletins.Public;

/// <summary>The public list of published bulletins; no login.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.PublicCache.Policy)]
public sealed class IndexModel(BulletinQueries bulletins) : PageModel
{
    public IReadOnlyList<BulletinSummary> Published { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Published = await bulletins.PublishedAsync(ct);
}
