using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Core.People;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.People;

public sealed class IndexModel(PeopleQueries queries) : PageModel
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

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await queries.ListAsync(new PeopleFilter(Q, OrganizationId, MemberStatus, Representatives, PageNumber, 50), ct);
}
