using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Grading;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Grading;

/// <summary>The targets of the grading work (seed 004: 先进 ≥ 40% within one to two years, 5% 示范, every lagging organization converted).</summary>
public sealed class GradingOptions
{
    public decimal AdvancedTarget { get; set; } = 0.4m;

    public decimal ExemplaryTarget { get; set; } = 0.05m;

    public decimal ConversionTarget { get; set; } = 1m;
}

public sealed record GradingSchemeView(long Id, int Version, string Name, string? Note, GradingRules Rules, string UserName, DateTime CreatedAt)
{
    public static GradingSchemeView Of(GradingScheme s) => new(s.Id, s.Version, s.Name, s.Note, s.Rules, s.UserName, s.CreatedAt);
}

public sealed record GradingInputView(long Id, long OrganizationId, int Year, GradingInputKind Kind, int Period, decimal Score, string? Points, string? Note,
    string UserName, DateTime At)
{
    public static GradingInputView Of(GradingInputRecord r) => new(r.Id, r.OrganizationId, r.Year, r.Kind, r.Period, r.Score, r.Points, r.Note, r.UserName, r.At);
}

public sealed record GradingVetoView(long Id, long OrganizationId, int Year, string Reason, string UserName, DateTime At);

public sealed record GradeHistoryEntry(int Year, OrganizationGrade? FromGrade, OrganizationGrade ToGrade, string? Reason, string UserName, DateTime At);

/// <summary>One row of the year's table: a township (or the whole scope) with its counts.</summary>
/// <remarks>
/// <see cref="Lagging"/> counts the current grades; <see cref="ToConvert"/> the organizations graded 后进 when the year was
/// published, of which <see cref="Converted"/> have closed out every conversion measure.
/// </remarks>
public sealed record GradingSummaryRow(long OrganizationId, string Name, int Graded, int Advanced, int Average, int Lagging, int Exemplary,
    int Ungraded, int ToConvert, int Converted, int Upgraded, int Downgraded)
{
    public decimal Share(int count) => Graded == 0 ? 0 : (decimal)count / Graded;

    public decimal ConversionRate => ToConvert == 0 ? 1 : (decimal)Converted / ToConvert;
}

/// <summary>
/// A year's grading in the caller's scope: published (the frozen results and their current grades) or, before that, the
/// preview with the latest scheme; a row per organization directly below the scope's root and the total; the targets.
/// </summary>
public sealed record GradingSummary(int Year, bool Published, int SchemeVersion, GradingSummaryRow Total, IReadOnlyList<GradingSummaryRow> Rows,
    decimal AdvancedTarget, decimal ExemplaryTarget, decimal ConversionTarget);

public sealed record GradeResultView(long OrganizationId, string Code, string Name, int Year, int SchemeVersion, decimal? Composite,
    OrganizationGrade Grade, OrganizationGrade PublishedGrade, OrganizationGrade? ScoreGrade, int? Position, int Graded, bool Exemplary,
    GradeFlags Flags, string? VetoReason, OrganizationGrade? PreviousGrade, IReadOnlyList<GradingPart> Parts, int Measures, int MeasuresClosed)
{
    /// <summary>A lagging organization is converted when it has measures and every one is closed out.</summary>
    public bool Converted => Measures > 0 && MeasuresClosed == Measures;
}

public sealed record GradeFilter(OrganizationGrade? Grade = null, bool? Exemplary = null, long? Under = null, string? Q = null, int? Page = null, int? PageSize = null);

public sealed record ConversionMeasureView(long LedgerItemId, string Description, LedgerState State, DateOnly? Deadline);

/// <summary>An organization's grading: every year's result, the chosen year's inputs, vetoes, changes and conversion measures.</summary>
public sealed record GradingOrganizationView(long OrganizationId, string Code, string Name, int Year, IReadOnlyList<GradeResultView> Years,
    GradeResultView? Result, IReadOnlyList<GradingInputView> Inputs, IReadOnlyList<GradingVetoView> Vetoes, IReadOnlyList<GradeHistoryEntry> Changes,
    IReadOnlyList<ConversionMeasureView> Measures, GradingOutcome? Preview);

public sealed class GradingQueries(PingyiDbContext db, Scope scope, GradingAccess access, GradingCalculation calculation, IOptions<GradingOptions> options)
{
    public async Task<IReadOnlyList<GradingSchemeView>> SchemesAsync(CancellationToken ct = default) =>
        [.. (await db.GradingSchemes.OrderByDescending(s => s.Version).AsNoTracking().ToListAsync(ct)).Select(GradingSchemeView.Of)];

    public async Task<GradingSummary> SummaryAsync(int year, CancellationToken ct = default)
    {
        GradingAccess.CheckYear(year);
        var (root, children) = await scope.RootAndChildrenAsync(null, ct);
        var published = await access.PublishedAsync(year, ct);
        List<(string Path, OrganizationGrade? Grade, OrganizationGrade? Published, bool Exemplary, bool Converted, OrganizationGrade? Previous)> rows;
        int version;
        if (published)
        {
            var results = await ResultsQueryAsync(year, ct);
            var list = await results.Select(r => new
            {
                r.Organization!.Path, r.Grade, r.PublishedGrade, r.Exemplary, r.PreviousGrade, r.SchemeVersion,
                Measures = db.ConversionMeasures.Count(m => m.GradeResultId == r.Id),
                Closed = db.ConversionMeasures.Count(m => m.GradeResultId == r.Id && m.LedgerItem!.State == LedgerState.ClosedOut),
            }).ToListAsync(ct);
            version = list.Select(r => r.SchemeVersion).DefaultIfEmpty(0).Max();
            rows = [.. list.Select(r => (r.Path, (OrganizationGrade?)r.Grade, (OrganizationGrade?)r.PublishedGrade, r.Exemplary, r.Measures > 0 && r.Closed == r.Measures, r.PreviousGrade))];
        }
        else
        {
            var scheme = await access.SchemeAsync(null, ct);
            version = scheme.Version;
            rows = [.. (await calculation.RunAsync(year, scheme.Rules, ct)).Select(g => (g.Path, g.Outcome.Grade, g.Outcome.Grade, g.Outcome.Exemplary, false, (OrganizationGrade?)null))];
        }
        GradingSummaryRow Row(long id, string name, IEnumerable<(string Path, OrganizationGrade? Grade, OrganizationGrade? Published, bool Exemplary, bool Converted, OrganizationGrade? Previous)> of)
        {
            var r = of.ToList();
            var graded = r.Where(x => x.Grade is not null).ToList();
            return new(id, name, graded.Count, graded.Count(x => x.Grade == OrganizationGrade.Advanced), graded.Count(x => x.Grade == OrganizationGrade.Average),
                graded.Count(x => x.Grade == OrganizationGrade.Lagging), graded.Count(x => x.Exemplary), r.Count - graded.Count,
                graded.Count(x => x.Published == OrganizationGrade.Lagging), graded.Count(x => x.Published == OrganizationGrade.Lagging && x.Converted),
                graded.Count(x => x.Previous is { } p && x.Grade < p), graded.Count(x => x.Previous is { } p && x.Grade > p));
        }
        var o = options.Value;
        return new(year, published, version, Row(root.Id, root.Name, rows),
            [.. children.Select(c => Row(c.Id, c.Name, rows.Where(x => x.Path.StartsWith(c.Path, StringComparison.Ordinal)))).Where(r => r.Graded + r.Ungraded > 0)],
            o.AdvancedTarget, o.ExemplaryTarget, o.ConversionTarget);
    }

    public async Task<Paged<GradeResultView>> ResultsAsync(int year, GradeFilter filter, CancellationToken ct = default)
    {
        GradingAccess.CheckYear(year);
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 50);
        var query = await ResultsQueryAsync(year, ct);
        if (filter.Grade is { } grade)
        {
            query = query.Where(r => r.Grade == grade);
        }
        if (filter.Exemplary is { } exemplary)
        {
            query = query.Where(r => r.Exemplary == exemplary);
        }
        if (filter.Under is { } under)
        {
            var path = await db.Organizations.Where(o => o.Id == under).Select(o => o.Path).FirstOrDefaultAsync(ct) ?? "\u0001";
            query = query.Where(r => r.Organization!.Path.StartsWith(path));
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(r => r.Organization!.Name.Contains(q) || r.Organization.Code.Contains(q));
        }
        var total = await query.CountAsync(ct);
        var page_ = await Project(query.OrderBy(r => r.Position == null).ThenBy(r => r.Position).ThenBy(r => r.Organization!.Path).Skip((page - 1) * size).Take(size)).ToListAsync(ct);
        return new Paged<GradeResultView>([.. page_.Select(View)], page, size, total);
    }

    public async Task<GradingOrganizationView> OrganizationAsync(long organizationId, int year, CancellationToken ct = default)
    {
        GradingAccess.CheckYear(year);
        var organization = await access.OrganizationAsync(organizationId, ct);
        var years = (await Project(db.GradeResults.Where(r => r.OrganizationId == organizationId).OrderByDescending(r => r.Year)).ToListAsync(ct)).Select(View).ToList();
        var result = years.FirstOrDefault(y => y.Year == year);
        var inputs = await db.GradingInputs.Where(x => x.OrganizationId == organizationId && x.Year == year).OrderBy(x => x.Kind).ThenBy(x => x.Period)
            .AsNoTracking().ToListAsync(ct);
        var vetoes = await db.GradingVetoes.Where(v => v.OrganizationId == organizationId && v.Year == year).OrderBy(v => v.Id)
            .Select(v => new GradingVetoView(v.Id, v.OrganizationId, v.Year, v.Reason, v.UserName, v.At)).ToListAsync(ct);
        var changes = await db.GradeEvents.Where(e => db.GradeResults.Any(r => r.Id == e.GradeResultId && r.OrganizationId == organizationId))
            .Join(db.GradeResults, e => e.GradeResultId, r => r.Id, (e, r) => new { e, r.Year }).OrderByDescending(x => x.e.At).ThenByDescending(x => x.e.Id)
            .Select(x => new GradeHistoryEntry(x.Year, x.e.FromGrade, x.e.ToGrade, x.e.Reason, x.e.UserName, x.e.At)).ToListAsync(ct);
        var measures = await db.ConversionMeasures.Where(m => db.GradeResults.Any(r => r.Id == m.GradeResultId && r.OrganizationId == organizationId && r.Year == year))
            .OrderBy(m => m.Id).Select(m => new ConversionMeasureView(m.LedgerItemId, m.LedgerItem!.Description, m.LedgerItem.State, m.LedgerItem.Deadline)).ToListAsync(ct);
        GradingOutcome? preview = null;
        if (result is null && await db.GradingSchemes.AnyAsync(ct))
        {
            // Before the year is graded: this organization's composite alone (the grade needs the whole scope's quotas).
            var rules = (await access.SchemeAsync(null, ct)).Rules;
            var (composite, parts) = Core.Grading.Grading.Composite(rules, [.. inputs.Select(i => new GradingInput(i.Kind, i.Period, i.Score))]);
            preview = new GradingOutcome(composite, composite is { } c ? Core.Grading.Grading.ByScore(rules, c) : null, null, null, false, GradeFlags.None, parts);
        }
        return new(organization.Id, organization.Code, organization.Name, year, years, result, [.. inputs.Select(GradingInputView.Of)], vetoes, changes, measures, preview);
    }

    private async Task<IQueryable<GradeResult>> ResultsQueryAsync(int year, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.GradeResults.Where(r => r.Year == year && r.Organization!.Path.StartsWith(path));
    }

    private sealed record Row(GradeResult Result, string Code, string Name, int Measures, int Closed);

    private IQueryable<Row> Project(IQueryable<GradeResult> query) =>
        query.Select(r => new Row(r, r.Organization!.Code, r.Organization.Name,
            db.ConversionMeasures.Count(m => m.GradeResultId == r.Id),
            db.ConversionMeasures.Count(m => m.GradeResultId == r.Id && m.LedgerItem!.State == LedgerState.ClosedOut)));

    private static GradeResultView View(Row row)
    {
        var r = row.Result;
        return new(r.OrganizationId, row.Code, row.Name, r.Year, r.SchemeVersion, r.Composite, r.Grade, r.PublishedGrade, r.ScoreGrade, r.Position, r.Graded,
            r.Exemplary, r.Flags, r.VetoReason, r.PreviousGrade, JsonSerializer.Deserialize<List<GradingPart>>(r.Parts, JsonSerializerOptions.Web) ?? [],
            row.Measures, row.Closed);
    }
}
