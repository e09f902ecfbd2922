using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Core.People;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.People;

public sealed class IndexModel(PeopleQueries queries, Scope scope, PingyiDbContext db) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? OrganizationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public MemberStatus? MemberStatus { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Representatives { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public Paged<PersonSummary>? Results { get; private set; }

    /// <summary>Where a new person can be registered: the active organizations in scope, in tree order.</summary>
    public IReadOnlyList<Organizations.OrganizationChoice> Organizations { get; private set; } = [];

    public bool CanEdit => User.Allows(Policies.Editors);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Results = await queries.ListAsync(new PeopleFilter(Q, OrganizationId, MemberStatus, Representatives, PageNumber, 50), ct);
        if (CanEdit)
        {
            var organizations = await scope.OrganizationsAsync(ct);
            Organizations = await Pingyi.Web.Modules.Organizations.OrganizationChoices.TreeAsync(
                organizations.Where(o => o.Status == Core.Organizations.OrganizationStatus.Active), ct);
        }
    }

    /// <param name="organization">The organization the person joins (a picker; named apart from the list's filter).</param>
    public async Task<IActionResult> OnPostCreateAsync(string name, string idNumber, string? phone, long organization, MemberStatus memberStatus,
        DateOnly? joinedOn, DateOnly? confirmedOn, EducationLevel? education, [FromServices] CreatePersonHandler handler, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        try
        {
            var person = await handler.HandleAsync(new CreatePerson(name, idNumber, phone, organization, memberStatus, joinedOn, confirmedOn, RepresentativeRoles.None, education), ct);
            TempData["Message"] = $"已登记{person.Name}";
            return RedirectToPage("Details", new { id = person.Id });
        }
        catch (RuleViolation e)
        {
            db.ChangeTracker.Clear();
            Refuse(e);
            // The form's member status is not the list's filter: the list keeps the filter of the address.
            MemberStatus = Enum.TryParse<MemberStatus>(Request.Query["memberStatus"], out var filter) ? filter : null;
            await OnGetAsync(ct);
            return Page();
        }
    }
}
