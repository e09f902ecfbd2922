using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Commitments;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>One commitment: its items and progress, the steps open to the caller, progress reports while published, and its history.</summary>
public sealed class DetailsModel(CommitmentQueries queries, CommitmentAccess access, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public CommitmentView? Commitment { get; private set; }

    public IReadOnlyList<CommitmentEventView> Events { get; private set; } = [];

    public IReadOnlyList<CommitmentEvidenceView> Evidence { get; private set; } = [];

    public IReadOnlyList<LookBackView> LookBacks { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>The owner side: writes, submits and reports progress.</summary>
    public bool CanMake { get; private set; }

    /// <summary>The superior side: approves or sends back, publishes, closes out.</summary>
    public bool CanReview { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Commitment = await queries.GetAsync(id, ct);
        if (Commitment is null)
        {
            return NotFound();
        }
        Message ??= TempData["Message"] as string;
        Events = await queries.EventsAsync(id, ct);
        Evidence = await queries.EvidenceAsync(id, ct);
        LookBacks = await queries.LookBacksAsync(id, ct);
        CanMake = User.Allows(Policies.CommitmentMakers);
        CanReview = User.Allows(Policies.CommitmentReviewers) && await access.InScopeAsync(Commitment.SupervisingOrganizationId, ct);
        return Page();
    }

    public Task<IActionResult> OnPostStepAsync(long id, CommitmentAction step, string? text, [FromServices] ActOnCommitmentHandler act, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            await act.HandleAsync(id, step, text, ct);
            return localizer["已{0}。", localizer[CommitmentWorkflow.Chinese(step)]];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostProgressAsync(long id, long itemId, int? progress, string? note, List<IFormFile>? files,
        [FromServices] ReportCommitmentProgressHandler report, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            await report.HandleAsync(id, new ReportCommitmentProgress(itemId, progress, note), files ?? [], ct);
            return files is { Count: > 0 } ? localizer["进展已报告，附佐证材料 {0} 个。", files.Count] : localizer["进展已报告。"];
        }, new { id }, () => OnGetAsync(id, ct));
}
