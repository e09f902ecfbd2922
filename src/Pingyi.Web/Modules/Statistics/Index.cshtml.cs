using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Statistics;

/// <summary>
/// The statistics board (统计) of an organization in scope: every section's numbers for it and for each organization directly
/// below it (a name opens that organization's board, a number the list behind it), the shares against their targets, a bar
/// chart and the map for a chosen number, and the year month by month.
/// </summary>
[Authorize(Policy = Policies.StatisticsReaders)]
public sealed class IndexModel(StatisticsQueries queries, TimeProvider clock, IStringLocalizer<UiText> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Org { get; set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public StatisticsBoard Board { get; private set; } = null!;

    public IReadOnlyList<Trend> Trends { get; private set; } = [];

    public int ThisYear { get; private set; }

    /// <summary>What the charts draw, localized: the organizations below, each number by them, the months.</summary>
    public string ChartData { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Board = await queries.BoardAsync(Org, Year, ct);
        Trends = await queries.TrendsAsync(Board.Root.Id, Board.Year, ct);
        ChartData = StatisticsView.Charts(Board, Trends, localizer);
    }
}

/// <summary>What the board's pages share: the link behind a number, a share as a percentage, the charts' data.</summary>
public static class StatisticsView
{
    public static string Link(string key, long org, int year) => $"/Statistics/List?key={Uri.EscapeDataString(key)}&org={org}&year={year}";

    public static string Percent(decimal? share) => share is { } s ? (s * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";

    public static string Charts(StatisticsBoard board, IReadOnlyList<Trend> trends, IStringLocalizer localizer) => JsonSerializer.Serialize(new
    {
        root = board.Root.Id,
        children = board.Children.Select(c => c.Name),
        shortNames = board.Children.Select(c => Core.Organizations.OrganizationNames.Short(c.Name)),
        figures = board.Sections.SelectMany(s => s.Figures.Select(f => new { key = f.Key, label = $"{localizer[s.Name]} · {localizer[f.Label]}", total = f.Total, byChild = f.ByChild })),
        ratios = board.Sections.SelectMany(s => s.Ratios.Select(r => new { label = localizer[r.Label].Value, target = r.Target, total = r.Total, byChild = r.ByChild })),
        months = Enumerable.Range(1, 12).Select(m => localizer["{0}月", m].Value),
        trends = trends.Select(t => new { label = localizer[t.Label].Value, months = t.Months }),
        labels = new { target = localizer["目标"].Value, noData = localizer["暂无数据"].Value },
    });
}
