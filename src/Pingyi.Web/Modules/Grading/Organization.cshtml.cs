using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Grading;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Grading;

/// <summary>
/// An organization's grading: its grade year by year, the chosen year's inputs (recorded here until the year is graded),
/// vetoes, the published result with its parts, changes during the year and the conversion plan of a lagging year.
/// </summary>
public sealed class OrganizationModel(GradingQueries queries, GradingAccess access, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public GradingOrganizationView? View { get; private set; }

    public GradingRules? Rules { get; private set; }

    public bool YearPublished { get; private set; }

    public string? Message { get; private set; }

    public int ThisYear { get; private set; }

    public bool CanRecord => User.Allows(Policies.GradingRecorders);

    /// <summary>The kinds of input the caller may record here: all for the recorders, the quarterly self-assessment for the branch itself.</summary>
    public IReadOnlyList<GradingInputKind> Kinds { get; private set; } = [];

    public bool CanGrade => User.Allows(Policies.Graders);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Year ??= ThisYear;
        View = await queries.OrganizationAsync(id, Year.Value, ct);
        Rules = (await access.SchemeAsync(View.Result?.SchemeVersion, ct)).Rules;
        YearPublished = await access.PublishedAsync(Year.Value, ct);
        Kinds = [.. Enum.GetValues<GradingInputKind>().Where(k => RecordGradingInputHandler.CanRecord(scope, id, k))];
        Message ??= TempData["Message"] as string;
        return Page();
    }

    private object Back(long id) => new { id, year = Year };

    public Task<IActionResult> OnPostInputAsync(long id, GradingInputKind kind, int period, decimal? score, string? note,
        [FromServices] RecordGradingInputHandler record, CancellationToken ct) =>
        this.RunAsync(RecordGradingInputHandler.CanRecord(scope, id, kind), async () =>
        {
            // The sheet's points per standard, when given (points.<key>); a score otherwise.
            var points = Request.Form.Keys.Where(k => k.StartsWith("points.", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(Request.Form[k]))
                .ToDictionary(k => k["points.".Length..], k => decimal.TryParse(Request.Form[k], System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : -1);
            var saved = await record.HandleAsync(new RecordGradingInput(id, Year ?? ThisYear, kind, period, score, points.Count > 0 ? points : null, note), ct);
            return localizer["已录入{0}{1}：{2} 分。", localizer[GradingText.Kind(kind)], localizer[GradingText.Period(kind, period)], saved.Score.ToString("0.##")];
        }, Back(id), () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostVetoAsync(long id, string? reason, [FromServices] RecordGradingVetoHandler vetoes, CancellationToken ct) =>
        this.RunAsync(CanGrade, async () =>
        {
            await vetoes.RecordAsync(new RecordGradingVeto(id, Year ?? ThisYear, reason ?? ""), ct);
            return localizer["已认定一票否决。"];
        }, Back(id), () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostWithdrawAsync(long id, long vetoId, [FromServices] RecordGradingVetoHandler vetoes, CancellationToken ct) =>
        this.RunAsync(CanGrade, async () =>
        {
            await vetoes.WithdrawAsync(vetoId, ct);
            return localizer["已撤销一票否决。"];
        }, Back(id), () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostGradeAsync(long id, OrganizationGrade grade, string? reason, [FromServices] ChangeGradeHandler change, CancellationToken ct) =>
        this.RunAsync(CanGrade, async () =>
        {
            await change.HandleAsync(id, Year ?? ThisYear, new ChangeGrade(grade, reason ?? ""), ct);
            return localizer["等次已调整为“{0}”。", localizer[GradingText.Grade(grade)]];
        }, Back(id), () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostMeasureAsync(long id, string? description, DateOnly? deadline, string? measures, string? person,
        [FromServices] AddConversionMeasureHandler add, CancellationToken ct) =>
        this.RunAsync(CanRecord, async () =>
        {
            var item = await add.HandleAsync(id, Year ?? ThisYear, new AddConversionMeasure(description ?? "", deadline, measures, person), ct);
            return localizer["整顿转化措施已列入整改台账（第 {0} 号）。", item.Id];
        }, Back(id), () => OnGetAsync(id, ct));
}
