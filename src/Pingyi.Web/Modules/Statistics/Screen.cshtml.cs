using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Statistics;

/// <summary>The board for the county's 1920×1080 display: the headline numbers and targets, the map, the organizations below and the year by month, without scrolling.</summary>
[Authorize(Policy = Policies.StatisticsReaders)]
public sealed class ScreenModel(StatisticsQueries queries, IStringLocalizer<UiText> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Org { get; set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public StatisticsBoard Board { get; private set; } = null!;

    public string ChartData { get; private set; } = "{}";

    /// <summary>The numbers the screen leads with, by key.</summary>
    public static readonly string[] Headline = ["org.all", "mem.all", "mem.probationary", "ledger.all", "pet.received", "req.all"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Board = await queries.BoardAsync(Org, Year, ct);
        ChartData = StatisticsView.Charts(Board, await queries.TrendsAsync(Board.Root.Id, Board.Year, ct), localizer);
    }
}
