using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>"三五"分析研判: the plans with their progress and the form that makes one.</summary>
[Authorize(Policy = Policies.CadreSupervisors)]
public sealed class AnalysisModel(AnalysisQueries queries, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public IReadOnlyList<AnalysisPlanView> Plans { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Committees { get; private set; } = [];

    public int ThisYear { get; private set; }

    public bool CanPlan => User.Allows(Policies.Selectors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        ThisYear = ChinaTime.Today(clock).Year;
        Plans = await queries.PlansAsync(ct);
        Committees = await OrganizationChoices.TreeAsync((await scope.OrganizationsAsync(ct)).Where(o => o.Status == OrganizationStatus.Active).Committees(), ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string? title, int year, long organizationId, int letters, int interviews, int interviewGroups, int visits, int reviews, int heartTalks,
        [FromServices] AnalysisWork work, CancellationToken ct) =>
        this.RunAsync(CanPlan, async () =>
        {
            var plan = await work.CreatePlanAsync(new CreateAnalysisPlan(title, year, organizationId, letters, interviews, interviewGroups, visits, reviews, heartTalks), ct);
            TempData["Plan"] = plan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return localizer["“{0}”已制定。", plan.Title];
        }, new { }, () => OnGetAsync(ct));
}
