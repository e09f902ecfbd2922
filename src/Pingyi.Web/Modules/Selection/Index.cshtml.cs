using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Selection;

/// <summary>干部选任: the batches, and the form that drafts a vacancy notice with its posts.</summary>
[Authorize(Policy = Policies.Selectors)]
public sealed class IndexModel(SelectionQueries queries, SatisfactionQueries surveys, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public const int PostRows = 3;

    public IReadOnlyList<BatchSummary> Batches { get; private set; } = [];

    public IReadOnlyList<SatisfactionView> Surveys { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Committees { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public int ThisYear { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Message ??= TempData["Message"] as string;
        Batches = await queries.BatchesAsync(null, ct);
        Surveys = await surveys.ListAsync(ct);
        var organizations = (await scope.OrganizationsAsync(ct)).Where(o => o.Status == OrganizationStatus.Active);
        Committees = await OrganizationChoices.TreeAsync(organizations.Committees(), ct);
        Organizations = await OrganizationChoices.TreeAsync(organizations, ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string? title, int year, long organizationId, DateOnly? nominationFrom, DateOnly? nominationUntil,
        string?[] postTitle, long[] postOrganizationId, string?[] postRank, int?[] postPlaces, int?[] postMinAge, int?[] postMaxAge, int?[] postMinYears,
        string?[] postEducation, string?[] postField, [FromServices] CreateSelectionBatchHandler create, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            T? At<T>(T[] values, int i) => i < values.Length ? values[i] : default;
            var posts = postTitle.Select((t, i) => new NewPost(t, At(postOrganizationId, i), At(postRank, i), At(postPlaces, i), At(postMinAge, i), At(postMaxAge, i),
                At(postMinYears, i), At(postEducation, i), At(postField, i))).ToList();
            var batch = await create.HandleAsync(new CreateSelectionBatch(title, year, organizationId, nominationFrom, nominationUntil, posts), ct);
            TempData["Batch"] = batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return localizer["“{0}”已保存为草稿，{1} 个职位。核对后发布职位空缺预告。", batch.Title, batch.Posts.Count];
        }, new { }, () => OnGetAsync(ct));

    public Task<IActionResult> OnPostSurveyAsync(long organizationId, int year, DateOnly? heldOn, int? respondents, [FromServices] StartSatisfactionSurveyHandler start, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            await start.HandleAsync(new StartSatisfactionSurvey(organizationId, year, heldOn, respondents), ct);
            return localizer["{0}年度选人用人满意度测评已安排：请在评议会议中发放一次性测评码，测评人在手机上作答。", year];
        }, new { }, () => OnGetAsync(ct));
}
