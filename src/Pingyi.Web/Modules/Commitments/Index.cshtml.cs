using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Core.Commitments;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>The commitments in scope with their progress, by year, state and owner.</summary>
public sealed class IndexModel(CommitmentQueries queries, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true)] public CommitmentState? State { get; set; }

    [BindProperty(SupportsGet = true)] public CommitmentOwner? Owner { get; set; }

    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<CommitmentView>? Results { get; private set; }

    public bool CanMake => User.Allows(Policies.CommitmentMakers);

    public int ThisYear { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Results = await queries.ListAsync(new CommitmentFilter(Q, Year, State, Owner, null, Overdue, PageNumber, 50), ct);
    }
}
