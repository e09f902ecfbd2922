using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Delegates;

/// <summary>党代表履职 and 党员旁听: the year's duties by kind, the duties (filter, search, pages) with the form recording one, and the committee meetings members attended with the form recording one.</summary>
public sealed class IndexModel(DelegatesQueries queries, Scope scope, PingyiDbContext db, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public DutyKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)] public bool? Answered { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public DelegatesSummary Summary { get; private set; } = null!;

    public Paged<DutyView> Duties { get; private set; } = null!;

    public Paged<ObservationView> Observations { get; private set; } = null!;

    public IReadOnlyList<(long Id, string Name)> Delegates { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Units { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Mine { get; private set; } = [];

    public bool CanRecord => User.Allows(Policies.Editors);

    public bool CanObserve => User.Allows(Policies.BranchWorkers);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Summary = await queries.SummaryAsync(ChinaTime.Today(clock).Year, ct);
        Duties = await queries.ListAsync(new DutyFilter(Kind, Answered, Q, PageNumber), ct);
        Observations = await queries.ObservationsAsync(1, 20, ct);
        if (CanRecord)
        {
            var path = await scope.PathAsync(ct);
            Delegates = [.. (await db.People.Where(p => p.Organization!.Path.StartsWith(path) && (p.Representatives & RepresentativeRoles.PartyCongress) != 0)
                .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name, Organization = p.Organization!.Name }).Take(2000).ToListAsync(ct)).Select(p => (p.Id, $"{p.Name}（{p.Organization}）"))];
            Units = await OrganizationChoices.TreeAsync(db.Organizations.Where(o => o.Status == OrganizationStatus.Active).Committees(), ct);
        }
        if (CanObserve)
        {
            Mine = await OrganizationChoices.TreeAsync(await scope.OrganizationsAsync(ct), ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(DutyKind kind, long personId, long addressedOrganizationId, DateOnly? on, string? subject, string? content,
        [FromServices] DelegateDutiesHandler handler, CancellationToken ct)
    {
        if (!CanRecord)
        {
            return Forbid();
        }
        try
        {
            var duty = await handler.RecordAsync(new RecordDuty(kind, personId, addressedOrganizationId, on, subject, content), ct);
            TempData["Message"] = localizer["已登记：{0}", localizer[DelegatesText.Kind(kind)]].Value;
            return Redirect($"/Delegates/Details/{duty.Id}");
        }
        catch (RuleViolation refusal)
        {
            db.ChangeTracker.Clear();
            Refuse(refusal);
            return await OnGetAsync(ct);
        }
    }

    public Task<IActionResult> OnPostObserveAsync(long organizationId, DateOnly? on, string? meeting, int? observers, string? observerNames, string? matters, string? opinions,
        [FromServices] DelegateDutiesHandler handler, CancellationToken ct) =>
        this.RunAsync(CanObserve, async () =>
        {
            await handler.ObserveAsync(new RecordObservation(organizationId, on, meeting, observers, observerNames, matters, opinions), ct);
            return localizer["已登记党员旁听"].Value;
        }, new { }, async () =>
        {
            db.ChangeTracker.Clear();
            return await OnGetAsync(ct);
        });
}
