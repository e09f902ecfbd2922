using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>A "三五" plan: progress against its targets, the records of the work, the judgements; the forms that add them.</summary>
[Authorize(Policy = Policies.CadreSupervisors)]
public sealed class PlanModel(AnalysisQueries queries, PingyiDbContext db, Scope scope, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public AnalysisPlanDetails Details { get; private set; } = null!;

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public bool CanJudge => User.Allows(Policies.Selectors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Details = await queries.PlanAsync(id, ct);
        Organizations = await OrganizationChoices.TreeAsync((await scope.OrganizationsAsync(ct)).Where(o => o.Status == OrganizationStatus.Active), ct);
        return Page();
    }

    public Task<IActionResult> OnPostRecordAsync(long id, AnalysisMethod method, DateOnly? on, int? count, string? group, long organizationId, string? personName, string? notes,
        [FromServices] AnalysisWork work, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            var person = await People.MemberByName.FindAsync(db, scope, organizationId, personName, "personName", ct);
            await work.RecordAsync(id, new RecordAnalysis(method, on, count, group, person, notes), ct);
            return localizer["已记录{0}。", localizer[AccountabilityText.Method(method)]];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostJudgeAsync(long id, long organizationId, string? personName, JudgementCategory category, CadreDecision decision, string? reasons,
        [FromServices] AnalysisWork work, CancellationToken ct) =>
        this.RunAsync(CanJudge, async () =>
        {
            var person = await People.MemberByName.FindAsync(db, scope, organizationId, personName, "personName", ct) ?? throw RuleViolation.Invalid("请填写干部的姓名", "personName");
            await work.JudgeAsync(id, new JudgeCadre(person, category, decision, reasons), ct);
            return localizer["已记录{0}的研判结论：{1}。", personName!.Trim(), localizer[AccountabilityText.Decision(decision)]];
        }, new { id }, () => OnGetAsync(id, ct));
}
