using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Awards;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Awards;

/// <summary>The year's commendations: each award with its quota, stage and counts; the organization department opens awards here.</summary>
public sealed class IndexModel(AwardQueries queries, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<AwardView> Awards { get; private set; } = [];

    public int ThisYear { get; private set; }

    public string? Message { get; private set; }

    public bool CanOpen => User.Allows(Policies.Awarders);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Year ??= ThisYear;
        Awards = await queries.ListAsync(Year.Value, ct);
        Message ??= TempData["Message"] as string;
        return Page();
    }

    public Task<IActionResult> OnPostCustomaryAsync([FromServices] CreateAwardHandler create, CancellationToken ct) =>
        this.RunAsync(CanOpen, async () =>
        {
            var opened = await create.CustomaryAsync(Year ?? ChinaTime.Today(clock).Year, null, ct);
            return localizer["已设立 {0} 个表彰项目。", opened.Count];
        }, new { year = Year }, () => OnGetAsync(ct));

    public Task<IActionResult> OnPostCreateAsync(string? name, AwardSubject subject, int? quota, EligibilityRules[]? rules, [FromServices] CreateAwardHandler create,
        CancellationToken ct) =>
        this.RunAsync(CanOpen, async () =>
        {
            var award = await create.HandleAsync(new CreateAward(Year ?? ChinaTime.Today(clock).Year, name ?? "", subject, quota ?? 0,
                (rules ?? []).Aggregate(EligibilityRules.None, (all, r) => all | r)), ct);
            return localizer["已设立“{0}”，可以开始推荐提名。", award.Title];
        }, new { year = Year }, () => OnGetAsync(ct));
}
