using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Projects;

/// <summary>包靠项目: the projects in scope with their standing, and the form that registers one with its milestones.</summary>
public sealed class IndexModel(ProjectQueries queries, PingyiDbContext db, Scope scope, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public const int MilestoneRows = 6;

    public IReadOnlyList<ProjectView> Projects { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    /// <summary>Leaders to choose from: the cadres of the committees in scope (county and township).</summary>
    public IReadOnlyList<(long Id, string Name, string Post)> Leaders { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> ProjectBranches { get; private set; } = [];

    public bool CanKeep => User.Allows(Policies.ProjectKeepers);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Projects = await queries.ListAsync(null, ct);
        if (CanKeep)
        {
            var organizations = await scope.OrganizationsAsync(ct);
            Organizations = await OrganizationChoices.TreeAsync(organizations.Where(o => o.Status == OrganizationStatus.Active), ct);
            ProjectBranches = await OrganizationChoices.TreeAsync(organizations.Where(o => o.Category == OrganizationCategory.TemporaryProject && o.Status == OrganizationStatus.Active), ct);
            Leaders = [.. (await db.CadrePositions.Where(p => p.TermEnd == null && organizations.Any(o => o.Id == p.OrganizationId)
                        && (p.Organization!.Level == OrganizationLevel.CountyCommittee || p.Organization.Level == OrganizationLevel.TownshipCommittee))
                    .OrderBy(p => p.Organization!.Path).ThenBy(p => p.Title).Take(500)
                    .Select(p => new { p.PersonId, p.Person!.Name, Organization = p.Organization!.Name, p.Title }).ToListAsync(ct))
                .DistinctBy(p => p.PersonId).Select(p => (p.PersonId, p.Name, p.Organization + People.PositionTitles.Chinese(p.Title)))];
        }
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string? name, long organizationId, long leaderPersonId, string? contacts, long? projectBranchId, DateOnly? startOn,
        string?[] milestoneName, DateOnly?[] milestoneDue, [FromServices] CreateProjectHandler create, CancellationToken ct) =>
        this.RunAsync(CanKeep, async () =>
        {
            var milestones = milestoneName.Select((n, i) => new NewMilestone(n, i < milestoneDue.Length ? milestoneDue[i] : null)).ToList();
            var project = await create.HandleAsync(new CreateProject(name, organizationId, leaderPersonId, contacts, projectBranchId, startOn, milestones), ct);
            return localizer["项目“{0}”已登记，{1} 个节点。节点逾期时自动列入整改台账，超过问责期限的记入包靠领导的问责记录。", project.Name, project.Milestones.Count];
        }, new { }, () => OnGetAsync(ct));
}
