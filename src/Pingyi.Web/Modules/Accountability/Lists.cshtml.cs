using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Accountability;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>The lists of situations and measures in force, and the form that publishes the next version (one item a line; a measure "名称，月数").</summary>
[Authorize(Policy = Policies.CadreSupervisors)]
public sealed class ListsModel(AccountabilityAccess access, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public AccountabilityAccess.Lists Lists { get; private set; } = null!;

    public bool CanPublish => User.Allows(Policies.Selectors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Lists = await access.CurrentAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string? document, string? situations, string? measures, [FromServices] PublishAccountabilityListsHandler publish, CancellationToken ct) =>
        this.RunAsync(CanPublish, async () =>
        {
            static string[] Lines(string? text) => (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var parsed = new List<Measure>();
            foreach (var (line, i) in Lines(measures).Select((l, i) => (l, i)))
            {
                var parts = line.Split([',', '，', '\t'], 2, StringSplitOptions.TrimEntries);
                parsed.Add(new Measure(parts[0], parts.Length == 1 ? 0 : int.TryParse(parts[1], out var months) ? months : -1));
            }
            var list = await publish.HandleAsync(new PublishAccountabilityLists(document, Lines(situations), parsed), ct);
            return localizer["第 {0} 版清单已发布，新的问责记录按此版选择。", list.Version];
        }, new { }, () => OnGetAsync(ct));
}
