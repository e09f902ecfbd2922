using Microsoft.AspNetCore.Mvc;
using Pingyi.Web.Modules.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Grading;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Grading;

/// <summary>
/// The grading board: the year per township against the targets (table and chart), the three tracks (扛旗帜, 争位置,
/// 摘帽子) as lists, and — before the year is graded — the preview and the button that publishes it.
/// </summary>
public sealed class IndexModel(GradingQueries queries, PingyiDbContext db, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true)] public OrganizationGrade? Track { get; set; }

    [BindProperty(SupportsGet = true)] public bool? Exemplary { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public GradingSummary? Summary { get; private set; }

    public Paged<GradeResultView>? Results { get; private set; }

    public string? Message { get; private set; }

    public int ThisYear { get; private set; }

    public bool CanGrade => User.Allows(Policies.Graders);

    public bool CanRecord => User.Allows(Policies.GradingRecorders);

    /// <summary>Where a monthly evaluation can be held: the committees of the caller's subtree.</summary>
    public IReadOnlyList<Organizations.OrganizationChoice> Hosts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        if (Year is null)
        {
            // The latest year graded in scope, or this year's preview.
            var path = await scope.PathAsync(ct);
            Year = await db.GradeResults.Where(r => r.Organization!.Path.StartsWith(path)).MaxAsync(r => (int?)r.Year, ct) ?? ThisYear;
        }
        Message ??= TempData["Message"] as string;
        Summary = await queries.SummaryAsync(Year.Value, ct);
        if (CanRecord && !Summary.Published)
        {
            Hosts = await Organizations.OrganizationChoices.TreeAsync((await scope.OrganizationsAsync(ct)).Committees(), ct);
        }
        if (Summary.Published)
        {
            Results = await queries.ResultsAsync(Year.Value, new GradeFilter(Track, Exemplary, null, Q, PageNumber, 50), ct);
        }
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(int year, [FromServices] PublishGradesHandler publish, CancellationToken ct) =>
        this.RunAsync(CanGrade, async () =>
        {
            var summary = await publish.HandleAsync(new PublishGrades(year, null), queries, ct);
            return localizer["{0} 年度定级已发布：先进 {1} 个、一般 {2} 个、后进 {3} 个。", year, summary.Total.Advanced, summary.Total.Average, summary.Total.Lagging];
        }, new { year }, () => { Year = year; return OnGetAsync(ct); });

    public Task<IActionResult> OnPostMonthlyAsync(int year, long hostOrganizationId, int month, DateOnly? heldOn, [FromServices] EvaluateMonthHandler evaluate,
        CancellationToken ct) =>
        this.RunAsync(CanRecord, async () =>
        {
            var started = await evaluate.HandleAsync(new EvaluateMonth(hostOrganizationId, year, month, heldOn), ct);
            TempData["MonthlyMeeting"] = started.MeetingId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return localizer["月评会已创建：{0} 个基层党组织。请在评议会页面生成评议码，发给党员和群众代表用手机测评；结果发布后自动计入月评。", started.Organizations];
        }, new { year }, () => { Year = year; return OnGetAsync(ct); });
}
