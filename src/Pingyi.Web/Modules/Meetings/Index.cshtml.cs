using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Meetings;

public sealed class IndexModel(MeetingQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public MeetingStage? Stage { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public Paged<MeetingSummary>? Results { get; private set; }

    public bool CanEdit => User.Allows(Policies.Editors);

    public async Task OnGetAsync(CancellationToken ct) => Results = await queries.ListAsync(Q, Stage, PageNumber, 20, ct);
}
