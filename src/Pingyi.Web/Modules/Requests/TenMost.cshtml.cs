using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Requests;

/// <summary>村级“十最”: a village's ten items of a year — the ones entered with their ledger state, the rest to enter.</summary>
[Authorize(Policy = Policies.RequestStaff)]
public sealed class TenMostModel(TenMostLists lists, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? OrganizationId { get; set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<OrganizationChoice> Villages { get; private set; } = [];

    public IReadOnlyList<TenMostView> Items { get; private set; } = [];

    public int ThisYear { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        ThisYear = ChinaTime.Today(clock).Year;
        Year = Year is { } y && y >= ThisYear - 1 && y <= ThisYear + 1 ? y : ThisYear;
        Villages = await OrganizationChoices.TreeAsync((await scope.OrganizationsAsync(ct))
            .Where(o => o.Status == OrganizationStatus.Active).Where(Organizations.VillageOrganizations.Is), ct);
        OrganizationId ??= Villages.FirstOrDefault()?.Id;
        Items = OrganizationId is { } id ? await lists.OfAsync(id, Year.Value, ct) : [];
        return Page();
    }

    public Task<IActionResult> OnPostAsync(long organizationId, int year, string?[] text, DateOnly?[] deadline, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            var entries = Enumerable.Range(0, Math.Min(10, text.Length)).Select(i => new TenMostEntry(i + 1, text[i], i < deadline.Length ? deadline[i] : null)).ToList();
            var saved = await lists.SaveAsync(new SaveTenMost(organizationId, year, entries), ct);
            return localizer["已填报 {0} 项，每项已进入整改台账跟踪。", saved];
        }, new { organizationId, year }, () => OnGetAsync(ct));
}
