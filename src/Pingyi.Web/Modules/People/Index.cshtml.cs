using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Core.People;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.People;

public sealed class IndexModel(PeopleQueries queries, Scope scope, PingyiDbContext db) : PageModel
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

    public string? Error { get; private set; }

    public bool CanEdit => User.Allows(Policies.Editors);

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await queries.ListAsync(new PeopleFilter(Q, OrganizationId, MemberStatus, Representatives, PageNumber, 50), ct);

    public async Task<IActionResult> OnPostCreateAsync(string name, string idNumber, string? phone, string organizationCode, MemberStatus memberStatus,
        DateOnly? joinedOn, DateOnly? confirmedOn, [FromServices] CreatePersonHandler handler, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        try
        {
            var orgId = await scope.OrganizationIdAsync(organizationCode, ct);
            var person = await handler.HandleAsync(new CreatePerson(name, idNumber, phone, orgId, memberStatus, joinedOn, confirmedOn, RepresentativeRoles.None), ct);
            TempData["Message"] = $"已登记{person.Name}";
            return RedirectToPage("Details", new { id = person.Id });
        }
        catch (RuleViolation e)
        {
            db.ChangeTracker.Clear();
            Error = e.Message;
            await OnGetAsync(ct);
            return Page();
        }
    }
}
