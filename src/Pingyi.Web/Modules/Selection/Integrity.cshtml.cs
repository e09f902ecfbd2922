using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Selection;

/// <summary>任前廉政审查: the finalists in scope; the discipline body records its conclusion, the party and discipline secretaries sign.</summary>
[Authorize(Policy = Policies.IntegrityReviewers)]
public sealed class IntegrityModel(SelectionQueries queries, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public IReadOnlyList<ReviewView> Reviews { get; private set; } = [];

    public bool Discipline => User.IsInRole(Roles.DisciplineInspection);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Reviews = await queries.IntegrityQueueAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostReviewAsync(long nominationId, bool passed, string? conclusion, [FromServices] IntegrityReviewHandler review, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            await review.ReviewAsync(nominationId, new ReviewIntegrity(passed, conclusion), ct);
            return localizer["审查结论已记录，等待党委书记和纪委书记签署。"];
        }, new { }, () => OnGetAsync(ct));

    public Task<IActionResult> OnPostSignAsync(long nominationId, [FromServices] IntegrityReviewHandler review, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            await review.SignAsync(nominationId, ct);
            return localizer["已签署。"];
        }, new { }, () => OnGetAsync(ct));
}
