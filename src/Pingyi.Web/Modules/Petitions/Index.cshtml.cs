using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>阳光信访: the year's figures, the cases in sight (searched, filtered, paged), the staff's intake form, the accusations reported to the organization department.</summary>
[Authorize(Policy = Policies.PetitionStaff)]
public sealed class IndexModel(PetitionQueries queries, PetitionAccess access, PingyiDbContext db, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer)
    : FormPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true)] public PetitionStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)] public PetitionKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public int ThisYear { get; private set; }

    public DateOnly Today { get; private set; }

    public PetitionStatistics Figures { get; private set; } = null!;

    public Paged<PetitionRow> Cases { get; private set; } = null!;

    public IReadOnlyList<ReportedAccusation> Reported { get; private set; } = [];

    /// <summary>The receiving units in scope (the intake form's choices).</summary>
    public IReadOnlyList<OrganizationChoice> Units { get; private set; } = [];

    /// <summary>Every active organization in scope, for an accused cadre's unit.</summary>
    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        ThisYear = Today.Year;
        Year = Year is { } y && Years.Valid(y) ? y : ThisYear;
        Message ??= TempData["Message"] as string;
        Figures = await queries.StatisticsAsync(Year.Value, ct);
        Cases = await queries.ListAsync(new PetitionFilter(Q, Status, Kind, Overdue, PageNumber), ct);
        Reported = await queries.ReportedAccusationsAsync(ct);
        var organizations = (await scope.OrganizationsAsync(ct)).Where(o => o.Status == OrganizationStatus.Active);
        var receiving = PetitionAccess.ReceivingUnits(db).Select(o => o.Id);
        Units = await OrganizationChoices.TreeAsync(organizations.Where(o => receiving.Contains(o.Id)), ct);
        Organizations = await OrganizationChoices.TreeAsync(organizations, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFileAsync(long organizationId, PetitionKind kind, PetitionChannel channel, string? name, string? address, string? phone,
        string? request, string? facts, int? groupSize, string? representatives, string? accusedName, long? accusedOrganizationId, DateOnly? receivedOn,
        List<IFormFile>? files, [FromServices] FilePetitionHandler file, CancellationToken ct)
    {
        try
        {
            var names = (representatives ?? string.Empty).Split(['、', ',', '，', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var filed = await file.HandleAsync(new FilePetition(organizationId, kind, channel, name, address, phone, request, facts, groupSize, names,
                accusedName, kind == PetitionKind.Accusation ? accusedOrganizationId : null, receivedOn), files, false, ct);
            TempData["Message"] = (string)localizer["已登记信访事项 {0}，受理期限{1}。请把查询码 {2} 告知信访人（只显示这一次），凭码可在“信访查询”页查看办理进度并评价。",
                filed.Petition.Number, ChinaTime.Date(filed.Petition.RoutingDue), filed.TrackingCode];
            // An accusation goes to the discipline body: the unit that received it does not follow it (§30).
            return await (await access.VisibleAsync(ct)).AnyAsync(p => p.Id == filed.Petition.Id, ct)
                ? RedirectToPage("Details", new { id = filed.Petition.Id })
                : RedirectToPage();
        }
        catch (RuleViolation e)
        {
            Refuse(e);
            return await OnGetAsync(ct);
        }
    }
}
