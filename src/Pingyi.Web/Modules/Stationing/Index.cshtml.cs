using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Stationing;

/// <summary>驻村干部: the year's figures per township, the stays (current or all, searched, paged) and the form that stations a cadre.</summary>
public sealed class IndexModel(StationingQueries queries, PingyiDbContext db, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public static readonly string[] Roles = ["驻村第一书记", "驻村工作队队长", "驻村工作队员", "包村干部"];

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public int ThisYear { get; private set; }

    public IReadOnlyList<StationSummary> Summary { get; private set; } = [];

    public Paged<StationView> Stays { get; private set; } = null!;

    public IReadOnlyList<OrganizationChoice> Units { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Villages { get; private set; } = [];

    public bool CanEdit => User.Allows(Policies.Editors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Year = Year is { } y && Years.Valid(y) ? y : ThisYear;
        Message ??= TempData["Message"] as string;
        Summary = await queries.SummaryAsync(Year.Value, ct);
        Stays = await queries.ListAsync(new StationFilter(!All, null, Q, PageNumber), ct);
        if (CanEdit)
        {
            var organizations = (await scope.OrganizationsAsync(ct)).Where(o => o.Status == OrganizationStatus.Active);
            Units = await OrganizationChoices.TreeAsync(organizations, ct);
            Villages = await OrganizationChoices.TreeAsync(organizations.Where(VillageOrganizations.Is), ct);
        }
        return Page();
    }

    public Task<IActionResult> OnPostAsync(long sentByOrganizationId, string? personName, long villageOrganizationId, string? role, DateOnly? startOn,
        [FromServices] StationCadreHandler station, CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            var person = await People.MemberByName.FindAsync(db, scope, sentByOrganizationId, personName, "personName", ct)
                ?? throw RuleViolation.Invalid("请填写驻村干部的姓名", "personName");
            var stay = await station.HandleAsync(new StationCadre(person, villageOrganizationId, sentByOrganizationId, role, startOn), ct);
            TempData["Stay"] = stay.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return localizer["{0}已登记为驻村干部。请按月登记报到，记录好事实事。", personName!.Trim()];
        }, new { }, () => OnGetAsync(ct));
}
