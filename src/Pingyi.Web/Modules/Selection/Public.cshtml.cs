using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pingyi.Web.Modules.Selection;

/// <summary>The public vacancy notices (职位空缺预告; no login, phone-first): the posts, their requirements, the channels and the window; never a nominee.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.PublicCache.Policy)]
public sealed class PublicModel(SelectionQueries queries, TimeProvider clock) : PageModel
{
    public IReadOnlyList<PublicNotice> Notices { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = Infrastructure.ChinaTime.Today(clock);
        Notices = await queries.PublicAsync(ct);
    }

    /// <summary>"28至45岁", "45岁以下", "不限".</summary>
    public static string Limit(int? min, int? max, string unit) => (min, max) switch
    {
        (null, null) => "不限",
        ({ } a, null) => $"{a}{unit}以上",
        (null, { } b) => $"{b}{unit}以下",
        ({ } a, { } b) => $"{a}至{b}{unit}",
    };
}
