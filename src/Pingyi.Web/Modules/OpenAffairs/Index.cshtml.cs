using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.OpenAffairs;

/// <summary>
/// 村务公开: the year's village decisions per organization below the caller's, the decisions with their progress (filter, search,
/// pages), the form proposing a matter, and the villages' openness ratings with the form that starts one.
/// </summary>
public sealed class IndexModel(OpenAffairsQueries queries, Scope scope, PingyiDbContext db, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public DecisionState? State { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public DecisionSummary Summary { get; private set; } = null!;

    public Paged<DecisionRow> Decisions { get; private set; } = null!;

    public IReadOnlyList<OpennessView> Ratings { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Villages { get; private set; } = [];

    public IReadOnlyList<PowerRow> Powers { get; private set; } = [];

    public bool CanKeep => User.Allows(Policies.OpenAffairsKeepers);

    public int Year { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Year = ChinaTime.Today(clock).Year;
        Summary = await queries.SummaryAsync(Year, ct);
        Decisions = await queries.ListAsync(new DecisionFilter(State, Q, PageNumber), ct);
        Ratings = await queries.RatingsAsync(ct);
        if (CanKeep)
        {
            Villages = await VillagesAsync(scope, ct);
            Powers = await queries.PowersAsync(false, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostProposeAsync(long organizationId, string? title, string? matter, long? powerId, DateOnly? on, string? minutes,
        [FromServices] DecideVillageMatterHandler handler, CancellationToken ct)
    {
        if (!CanKeep)
        {
            return Forbid();
        }
        try
        {
            var decision = await handler.ProposeAsync(new ProposeDecision(organizationId, title, matter, powerId, on, minutes), ct);
            TempData["Message"] = localizer["已登记提议：{0}", decision.Title].Value;
            return Redirect($"/OpenAffairs/Details/{decision.Id}");
        }
        catch (RuleViolation refusal)
        {
            db.ChangeTracker.Clear();
            Refuse(refusal);
            return await OnGetAsync(ct);
        }
    }

    public Task<IActionResult> OnPostRatingAsync(long organizationId, int? year, DateOnly? heldOn, int? respondents, [FromServices] StartOpennessRatingHandler handler,
        CancellationToken ct) =>
        this.RunAsync(CanKeep, async () =>
        {
            var rating = await handler.HandleAsync(new StartOpennessRating(organizationId, year ?? 0, heldOn, respondents), ct);
            return localizer["已安排公开效果评议，请在评议会议页面生成测评码"].Value;
        }, new { }, async () =>
        {
            db.ChangeTracker.Clear();
            return await OnGetAsync(ct);
        });

    /// <summary>The active villages and communities of the scope, each with the organization above it, in tree order.</summary>
    internal static async Task<IReadOnlyList<OrganizationChoice>> VillagesAsync(Scope scope, CancellationToken ct) =>
        await (await scope.OrganizationsAsync(ct))
            .Where(o => o.Status == OrganizationStatus.Active).Where(Organizations.VillageOrganizations.Is)
            .OrderBy(o => o.Path).Select(o => new OrganizationChoice(o.Id, (o.Parent == null ? "" : o.Parent.Name + " · ") + o.Name)).ToListAsync(ct);
}
