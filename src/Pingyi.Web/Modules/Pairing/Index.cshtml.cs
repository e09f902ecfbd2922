using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Pairing;

/// <summary>结对共建: the year's pairings and what they gave per organization below, the pairings (filter, search, pages), and the form that pairs a village with a helping branch.</summary>
public sealed class IndexModel(PairingQueries queries, Scope scope, PingyiDbContext db, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public bool? Active { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public PairingSummary Summary { get; private set; } = null!;

    public Paged<PairingRow> Pairings { get; private set; } = null!;

    public IReadOnlyList<OrganizationChoice> Villages { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Units { get; private set; } = [];

    public bool CanPair => User.Allows(Policies.Editors);

    public string? Message { get; private set; }

    public Imports.ImportReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Summary = await queries.SummaryAsync(ChinaTime.Today(clock).Year, ct);
        Pairings = await queries.ListAsync(new PairingFilter(Active, Q, PageNumber), ct);
        if (CanPair)
        {
            Villages = await OpenAffairs.IndexModel.VillagesAsync(scope, ct);
            Units = await db.Organizations.Where(o => o.Status == OrganizationStatus.Active && o.Category != OrganizationCategory.Village && o.Category != OrganizationCategory.Community
                    && (o.Level == OrganizationLevel.Branch || o.Level == OrganizationLevel.GeneralBranch))
                .OrderBy(o => o.Path).Select(o => new OrganizationChoice(o.Id, (o.Parent == null ? "" : o.Parent.Name + " · ") + o.Name)).Take(3000).ToListAsync(ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostPairAsync(long? unitOrganizationId, string? partner, long villageOrganizationId, DateOnly? startOn, string? plan,
        [FromServices] PairBranchesHandler handler, CancellationToken ct)
    {
        if (!CanPair)
        {
            return Forbid();
        }
        try
        {
            var pairing = await handler.PairAsync(new PairBranches(unitOrganizationId, partner, villageOrganizationId, startOn, plan), ct);
            TempData["Message"] = localizer["已结对"].Value;
            return Redirect($"/Pairing/Details/{pairing.Id}");
        }
        catch (RuleViolation refusal)
        {
            db.ChangeTracker.Clear();
            Refuse(refusal);
            return await OnGetAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, bool dryRun, [FromServices] PairingImport import, CancellationToken ct)
    {
        if (!CanPair)
        {
            return Forbid();
        }
        Report = await Imports.ImportEndpoint.OnPageAsync(file, dryRun, localizer["请选择要导入的结对名单（.xlsx 或 .csv）"].Value, (stream, name) => import.RunAsync(stream, name, dryRun, ct));
        return await OnGetAsync(ct);
    }
}
