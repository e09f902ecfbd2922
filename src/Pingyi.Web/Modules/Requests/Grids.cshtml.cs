using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Requests;

/// <summary>网格群: the four-level grid groups in scope — groups and people per level, the list (searched, by level, paged) with the requests each brought, a group registered or changed.</summary>
[Authorize(Policy = Policies.RequestStaff)]
public sealed class GridsModel(GridGroups grids, Scope scope, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true)] public GridLevel? Level { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public GridSummary Summary { get; private set; } = null!;

    public Paged<GridGroupRow> Groups { get; private set; } = null!;

    public IReadOnlyList<GridChoice> Parents { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public bool CanEdit => User.Allows(Policies.Editors);

    /// <summary>Whether the caller's scope holds a county committee, the only one that runs a group without a parent.</summary>
    public bool CanMakeCounty { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Summary = await grids.SummaryAsync(ct);
        Groups = await grids.ListAsync(Q, Level, PageNumber, ct);
        if (CanEdit)
        {
            Parents = [.. (await grids.ChoicesAsync(ct)).Where(g => g.Level != GridLevel.Group)];
            Organizations = await OrganizationChoices.TreeAsync((await scope.OrganizationsAsync(ct)).Where(o => o.Status == Core.Organizations.OrganizationStatus.Active), ct);
            CanMakeCounty = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(await scope.OrganizationsAsync(ct),
                o => o.Level == Core.Organizations.OrganizationLevel.CountyCommittee, ct);
        }
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync(long? parentId, long organizationId, string? name, int? members, string? keeper, CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            var group = await grids.AddAsync(new SaveGridGroup(parentId, organizationId, name, members, keeper), ct);
            return localizer["已登记{0}“{1}”。", localizer[GridGroups.LevelName(group.Level)], group.Name];
        }, new { }, () => OnGetAsync(ct));

    public Task<IActionResult> OnPostUpdateAsync(long id, string? name, int? members, string? keeper, CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            var group = await grids.UpdateAsync(id, new SaveGridGroup(null, 0, name, members, keeper), ct);
            return localizer["已修改“{0}”：{1} 人。", group.Name, group.Members];
        }, new { Q, Level, page = PageNumber }, () => OnGetAsync(ct));
}
