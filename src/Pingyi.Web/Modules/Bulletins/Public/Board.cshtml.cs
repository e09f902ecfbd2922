using Microsoft.Extensions.Localization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;


namespace Pingyi.Web.Modules.Bulletins.Public;

/// <summary>The public chart board of one bulletin: ranking, completion trend, categories. No login, no people, no items.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.PublicCache.Policy)]
public sealed class BoardModel(BulletinQueries bulletins, IStringLocalizer<UiText> localizer) : PageModel
{
    public PublicBoard? Board { get; private set; }

    public string Json { get; private set; } = "{}";

    public string Labels { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Board = await bulletins.PublicAsync(id, ct);
        if (Board is null)
        {
            return NotFound();
        }
        Json = JsonSerializer.Serialize(Board, JsonSerializerOptions.Web);
        string[] keys = ["销号率", "任务完成率", "事项", "已销号", "逾期", "各单位排名", "销号率走势", "按类别"];
        Labels = localizer.LabelsJson(keys);
        return Page();
    }
}
