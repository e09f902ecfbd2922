using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Coverage;

/// <summary>
/// 两新覆盖: coverage per township against the target (enterprises and social organizations apart, work coverage beside), the
/// registry with its filters, and the form that registers one or — with <c>?edit=</c> — changes it.
/// </summary>
public sealed class IndexModel(CoverageQueries queries, Scope scope, PingyiDbContext db, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public NewOrganizationKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)] public bool? Covered { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    [BindProperty(SupportsGet = true)] public long? Edit { get; set; }

    public CoverageSummary Summary { get; private set; } = null!;

    public Paged<NewOrganizationRow> Units { get; private set; } = null!;

    public NewOrganizationRow? Editing { get; private set; }

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public IReadOnlyList<(long Id, string Name)> Leaders { get; private set; } = [];

    public bool CanEdit => User.Allows(Policies.Editors);

    public string? Message { get; private set; }

    public Imports.ImportReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Summary = await queries.SummaryAsync(ct);
        Units = await queries.ListAsync(new CoverageFilter(Kind, Covered, Q, PageNumber), ct);
        if (Edit is { } id)
        {
            Editing = await queries.DetailsAsync(id, ct);
        }
        if (CanEdit)
        {
            Organizations = await OrganizationChoices.TreeAsync(await scope.OrganizationsAsync(ct), ct);
            var leaders = CountyLeaders.Ids(db);
            Leaders = [.. (await db.People.Where(p => leaders.Contains(p.Id)).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct)).Select(p => (p.Id, p.Name))];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long? id, string? name, NewOrganizationKind kind, long organizationId, int? employees, int? members, CoverageMode mode,
        long? partyOrganizationId, DateOnly? coveredOn, string? instructor, long? leaderPersonId, [FromServices] SaveNewOrganizationHandler handler, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        try
        {
            var unit = await handler.HandleAsync(new SaveNewOrganization(id, name, kind, organizationId, employees ?? 0, members ?? 0, mode,
                mode == CoverageMode.None ? null : partyOrganizationId, mode == CoverageMode.None ? null : coveredOn, instructor, leaderPersonId), ct);
            TempData["Message"] = localizer["已保存：{0}", unit.Name].Value;
            return RedirectToPage(new { q = unit.Name });
        }
        catch (RuleViolation refusal)
        {
            db.ChangeTracker.Clear();
            Refuse(refusal);
            Edit = id;
            return await OnGetAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, bool dryRun, [FromServices] CoverageImport import, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        Report = await Imports.ImportEndpoint.OnPageAsync(file, dryRun, localizer["请选择要导入的两新组织登记表（.xlsx 或 .csv）"].Value, (stream, name) => import.RunAsync(stream, name, dryRun, ct));
        return await OnGetAsync(ct);
    }
}
