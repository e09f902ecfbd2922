using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Venues;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Venues;

/// <summary>阵地: per organization below, the villages' venues against the standard and the year's standardization against the target; the villages (those below the standard first to find) and the form for one (<c>?edit=</c>).</summary>
public sealed class IndexModel(VenueQueries queries, PingyiDbContext db, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public bool? Below { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    [BindProperty(SupportsGet = true)] public long? Edit { get; set; }

    public VenueSummary Summary { get; private set; } = null!;

    public Paged<VenueRow> Villages { get; private set; } = null!;

    public VenueRow? Editing { get; private set; }

    public bool CanEdit => User.Allows(Policies.Editors);

    public string? Message { get; private set; }

    public Imports.ImportReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Summary = await queries.SummaryAsync(ct);
        Villages = await queries.ListAsync(new VenueFilter(Below, Q, PageNumber), ct);
        if (Edit is { } id && CanEdit)
        {
            Editing = await queries.VillageAsync(id, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long organizationId, decimal? area, decimal? operatingFunds, VenueCentres[]? centres, DateOnly? standardizedOn, string? note,
        [FromServices] SaveVenueHandler handler, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        try
        {
            await handler.HandleAsync(new SaveVenue(organizationId, area, operatingFunds, (centres ?? []).Aggregate(VenueCentres.None, (all, c) => all | c), standardizedOn, note), ct);
            TempData["Message"] = localizer["已保存"].Value;
            return RedirectToPage(new { q = Q, below = Below });
        }
        catch (RuleViolation refusal)
        {
            db.ChangeTracker.Clear();
            Refuse(refusal);
            Edit = organizationId;
            return await OnGetAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, bool dryRun, [FromServices] VenueImport import, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        Report = await Imports.ImportEndpoint.OnPageAsync(file, dryRun, localizer["请选择要导入的活动场所登记表（.xlsx 或 .csv）"].Value, (stream, name) => import.RunAsync(stream, name, dryRun, ct));
        return await OnGetAsync(ct);
    }
}
