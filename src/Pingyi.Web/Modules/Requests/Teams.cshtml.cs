using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Requests;

/// <summary>服务团队: the 1 + (3 + X) teams in scope with what each lacks, households, visits; a team formed.</summary>
[Authorize(Policy = Policies.RequestStaff)]
public sealed class TeamsModel(ServiceTeamWork work, Scope scope, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true)] public bool Incomplete { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public TeamsSummary Summary { get; private set; } = null!;

    public Paged<TeamRow> Teams { get; private set; } = null!;

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public bool CanEdit => User.Allows(Policies.Editors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Summary = await work.SummaryAsync(ct);
        Teams = await work.ListAsync(Q, Incomplete, PageNumber, ct);
        if (CanEdit)
        {
            Organizations = await OrganizationChoices.TreeAsync((await scope.OrganizationsAsync(ct)).Where(o => o.Status == Core.Organizations.OrganizationStatus.Active
                && (o.Level == Core.Organizations.OrganizationLevel.TownshipCommittee || o.Level == Core.Organizations.OrganizationLevel.Branch || o.Level == Core.Organizations.OrganizationLevel.GeneralBranch)), ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long organizationId, string? name, DateOnly? formedOn, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        try
        {
            var team = await work.FormAsync(new FormTeam(organizationId, name, formedOn), ct);
            TempData["Message"] = localizer["已组建“{0}”，请添加成员和结对户。", team.Name].Value;
            return RedirectToPage("TeamDetails", new { id = team.Id });
        }
        catch (RuleViolation e)
        {
            Refuse(e);
            return await OnGetAsync(ct);
        }
    }
}
