using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Core.Ledger;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Ledger;

public sealed class IndexModel(LedgerService ledger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public LedgerState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public LedgerSource? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public Paged<LedgerItemView>? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await ledger.ListAsync(new LedgerFilter(Q, State, Category, Source, Overdue, null, PageNumber, 50), ct);
}
