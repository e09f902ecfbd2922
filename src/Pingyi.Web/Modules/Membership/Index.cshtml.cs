using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Membership;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Membership;

/// <summary>
/// Member development in scope: how many are at each stage and the year's admissions, the records by stage, and the form that
/// registers an application of a person on record (found by name in the chosen branch) who is not a member.
/// </summary>
public sealed class IndexModel(MembershipQueries queries, Scope scope, PingyiDbContext db, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public DevelopmentStage? Stage { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Pipeline Pipeline { get; private set; } = null!;

    public Paged<DevelopmentRow> Records { get; private set; } = null!;

    public IReadOnlyList<OrganizationChoice> Branches { get; private set; } = [];

    public bool CanKeep => User.Allows(Policies.MembershipKeepers);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Pipeline = await queries.PipelineAsync(ChinaTime.Today(clock).Year, ct);
        Records = await queries.ListAsync(new DevelopmentFilter(Stage, Q, PageNumber), ct);
        if (CanKeep)
        {
            Branches = await OrganizationChoices.TreeAsync(await scope.OrganizationsAsync(ct), ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(long organizationId, string? name, DateOnly? appliedOn, string? document, string? approvedBy, PriorityGroups[]? groups,
        [FromServices] RecordDevelopmentHandler handler, CancellationToken ct)
    {
        if (!CanKeep)
        {
            return Forbid();
        }
        try
        {
            var trimmed = name?.Trim() ?? string.Empty;
            var organizations = await scope.OrganizationsAsync(ct);
            var matches = await db.People.Where(p => p.OrganizationId == organizationId && organizations.Any(o => o.Id == p.OrganizationId) && p.Name == trimmed)
                .Select(p => p.Id).Take(2).ToListAsync(ct);
            if (matches.Count != 1)
            {
                throw RuleViolation.Invalid(trimmed.Length == 0 ? localizer["请填写申请人姓名"] : matches.Count == 0
                    ? localizer["所选党组织没有名为“{0}”的人员：请先在“人员”中登记", trimmed] : localizer["所选党组织有不止一人叫“{0}”，请从其人员页面登记", trimmed], "name");
            }
            var record = await handler.StartAsync(new StartDevelopment(matches[0], appliedOn, document, approvedBy,
                (groups ?? []).Aggregate(PriorityGroups.None, (all, g) => all | g)), ct);
            TempData["Message"] = localizer["已登记入党申请"].Value;
            return Redirect($"/Membership/Details/{record.Id}");
        }
        catch (RuleViolation refusal)
        {
            db.ChangeTracker.Clear();
            Refuse(refusal);
            return await OnGetAsync(ct);
        }
    }
}
