using Microsoft.AspNetCore.Mvc;
using Pingyi.Core.Commitments;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>The commitments in scope with their progress, by year, state and owner.</summary>
public sealed class IndexModel(CommitmentQueries queries, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true)] public CommitmentState? State { get; set; }

    [BindProperty(SupportsGet = true)] public CommitmentOwner? Owner { get; set; }

    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<CommitmentView>? Results { get; private set; }

    public bool CanMake => User.Allows(Policies.CommitmentMakers);

    public bool CanReview => User.Allows(Policies.CommitmentReviewers);

    public string? Message { get; private set; }

    public int ThisYear { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Message ??= TempData["Message"] as string;
        Results = await queries.ListAsync(new CommitmentFilter(Q, Year, State, Owner, null, Overdue, PageNumber, 50), ct);
        return Page();
    }

    /// <summary>三评 of the year's published commitments below the user's organization: the evaluation meeting opens next.</summary>
    public async Task<IActionResult> OnPostEvaluateAsync(int? year, DateOnly? heldOn, [FromServices] EvaluateCommitmentsHandler evaluate, [FromServices] Scope scope,
        CancellationToken ct)
    {
        if (!CanReview)
        {
            return Forbid();
        }
        try
        {
            var meeting = await evaluate.HandleAsync(new EvaluateCommitments(scope.OrganizationId ?? 0, year ?? ChinaTime.Today(clock).Year, heldOn), ct);
            TempData["Message"] = localizer["已为 {0} 项承诺建立“三评”测评会：请生成评议码、开始评分。", meeting.Reporters.Count].Value;
            return Redirect($"/Meetings/Details/{meeting.Id}");
        }
        catch (RuleViolation refusal)
        {
            Refuse(refusal);
            return await OnGetAsync(ct);
        }
    }

    /// <summary>任期承诺回头看: the term commitments below the user's organization reported on at a meeting; the meeting opens next.</summary>
    public async Task<IActionResult> OnPostLookBackAsync(int? year, DateOnly? heldOn, [FromServices] LookBackHandler lookBack, [FromServices] Scope scope, CancellationToken ct)
    {
        if (!CanReview)
        {
            return Forbid();
        }
        try
        {
            var started = await lookBack.HandleAsync(new LookBackOnTerms(scope.OrganizationId ?? 0, year ?? ChinaTime.Today(clock).Year, heldOn), ct);
            TempData["Message"] = localizer["已为 {0} 项任期承诺建立“回头看”会议：请生成评议码、请书记逐一报告。", started.Commitments].Value;
            return Redirect($"/Meetings/Details/{started.MeetingId}");
        }
        catch (RuleViolation refusal)
        {
            Refuse(refusal);
            return await OnGetAsync(ct);
        }
    }

    /// <summary>十佳: the year's three-star-and-above commitments below the user's organization are put to a vote; the vote's meeting opens next.</summary>
    public async Task<IActionResult> OnPostTopTenAsync(int? year, CommitmentOwner owner, DateOnly? heldOn, [FromServices] VoteTopTenHandler vote, [FromServices] Scope scope,
        CancellationToken ct)
    {
        if (!CanReview)
        {
            return Forbid();
        }
        try
        {
            var meeting = await vote.HandleAsync(new VoteTopTen(scope.OrganizationId ?? 0, year ?? ChinaTime.Today(clock).Year, owner, heldOn), ct);
            TempData["Message"] = localizer["已为 {0} 项三星及以上的承诺建立“十佳”评选：请生成评议码、开始投票。", meeting.Reporters.Count].Value;
            return Redirect($"/Meetings/Details/{meeting.Id}");
        }
        catch (RuleViolation refusal)
        {
            Refuse(refusal);
            return await OnGetAsync(ct);
        }
    }
}
