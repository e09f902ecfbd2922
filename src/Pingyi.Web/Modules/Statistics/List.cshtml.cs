using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Statistics;

/// <summary>The records behind one number of the board, as many as the number, a page at a time, with the Excel export.</summary>
[Authorize(Policy = Policies.StatisticsReaders)]
public sealed class ListModel(StatisticsQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }

    [BindProperty(SupportsGet = true)] public long? Org { get; set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public FigureList List { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => List = await queries.ListAsync(Key ?? string.Empty, Org, Year, PageNumber, 50, ct);
}
