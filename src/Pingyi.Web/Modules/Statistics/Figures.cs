using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;

namespace Pingyi.Web.Modules.Statistics;

/// <summary>
/// One record behind a number: the organization it counts under (its path rolls it up to every level above), what it is,
/// a detail, a date and the page that shows it. A figure's number is the count of its rows, so the list behind a number
/// always has as many rows as the number says.
/// </summary>
/// <remarks>A class with init properties, not a positional record, so the database can filter and group on its members.</remarks>
public sealed class FigureRow
{
    public string Path { get; init; } = "/";

    public string Organization { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string? Detail { get; init; }

    public DateOnly? On { get; init; }

    /// <summary>The id of the record, put into the figure's link.</summary>
    public long Id { get; init; }
}

/// <summary>
/// What a figure is counted against: the year of the board, the China date it is read on, and the members under a path with
/// their birth dates (<see cref="RosterMember"/>, read once for every figure over them).
/// </summary>
public sealed record FigureContext(PingyiDbContext Db, int Year, DateOnly Today, Func<string, CancellationToken, Task<IReadOnlyList<RosterMember>>> Roster)
{
    public DateOnly YearStart => new(Year, 1, 1);

    public DateOnly YearEnd => new(Year, 12, 31);

    /// <summary>The day figures "as of" are read on: the end of a past year, today in the current one.</summary>
    public DateOnly AsOf => Year < Today.Year ? YearEnd : Today;

    public DateTime YearStartUtc => Infrastructure.ChinaTime.StartOfDayUtc(YearStart);

    public DateTime YearEndUtc => Infrastructure.ChinaTime.EndOfDayUtc(YearEnd);
}

/// <summary>A member under the counted path: id, organization path and the birth date read from the encrypted ID number (never stored).</summary>
public readonly record struct RosterMember(long Id, string Path, DateOnly? Born);

/// <summary>A number on the board: its key (the address of its list), its label and how its rows are found.</summary>
public abstract class Figure(string key, string label, string link, string dateLabel)
{
    /// <summary>What the rows' date is (入党日期, 整改时限…), the heading of its column.</summary>
    public string DateLabel { get; } = dateLabel;

    public string Key { get; } = key;

    public string Label { get; } = label;

    /// <summary>The page of one row: {0} the record's id, {1} the year.</summary>
    public string LinkOf(FigureRow row, int year) => string.Format(System.Globalization.CultureInfo.InvariantCulture, link, row.Id, year);

    /// <summary>The figure's rows under <paramref name="path"/> counted per organization path (rolled up by the caller).</summary>
    public abstract Task<IReadOnlyDictionary<string, int>> CountByPathAsync(FigureContext c, string path, CancellationToken ct);

    /// <summary>The figures this one is counted with in one query (<see cref="FigureFamily{T}"/>), or null: counted alone.</summary>
    public virtual FigureBatch? Batch => null;

    /// <summary>A page of the rows under <paramref name="path"/> in tree order, and how many there are.</summary>
    public abstract Task<(int Total, IReadOnlyList<FigureRow> Rows)> RowsAsync(FigureContext c, string path, int skip, int take, CancellationToken ct);
}

/// <summary>A figure the database counts: its rows are a query.</summary>
public sealed class QueryFigure(string key, string label, Func<FigureContext, IQueryable<FigureRow>> rows, string link, string dateLabel = "日期") : Figure(key, label, link, dateLabel)
{
    private static IQueryable<FigureRow> Under(FigureContext c, Func<FigureContext, IQueryable<FigureRow>> rows, string path) =>
        rows(c).Where(r => r.Path.StartsWith(path));

    public override async Task<IReadOnlyDictionary<string, int>> CountByPathAsync(FigureContext c, string path, CancellationToken ct) =>
        await Under(c, rows, path).GroupBy(r => r.Path).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    public override async Task<(int Total, IReadOnlyList<FigureRow> Rows)> RowsAsync(FigureContext c, string path, int skip, int take, CancellationToken ct)
    {
        var query = Under(c, rows, path);
        var total = await query.CountAsync(ct);
        var page = await query.OrderBy(r => r.Path).ThenBy(r => r.Title).ThenBy(r => r.Id).Skip(skip).Take(take).ToListAsync(ct);
        return (total, page);
    }
}

/// <summary>Figures counted together: one query for all of them, a count per organization path for each.</summary>
public abstract class FigureBatch
{
    /// <summary>For each of <paramref name="figures"/> (members of this batch), its rows under <paramref name="path"/> counted per organization path.</summary>
    public abstract Task<IReadOnlyList<IReadOnlyDictionary<string, int>>> CountByPathAsync(FigureContext c, string path, IReadOnlyList<Figure> figures, CancellationToken ct);
}

/// <summary>
/// Figures over the same records, each with its own test (the members: women, probationary, college education…). Counted
/// together in one query — grouped by organization path, one <c>COUNT(CASE WHEN test THEN 1 END)</c> per figure — instead of
/// one query per figure that reads the same records again: at province size every such query reads the county's whole
/// subtree (docs/query-plans.md). The list behind each figure is its own query, the family's records that pass its test.
/// </summary>
public sealed class FigureFamily<T>(Func<FigureContext, IQueryable<T>> records, Expression<Func<T, string>> pathOf, Expression<Func<T, FigureRow>> row,
    string link, string dateLabel) : FigureBatch
{
    public FamilyFigure<T> Figure(string key, string label, Expression<Func<T, bool>> test) => Figure(key, label, _ => test);

    /// <summary>A figure whose test depends on the year or the day it is read on (overdue today, joined before a date).</summary>
    public FamilyFigure<T> Figure(string key, string label, Func<FigureContext, Expression<Func<T, bool>>> test) =>
        new(this, key, label, test, new QueryFigure(key, label, c => records(c).Where(test(c)).Select(row), link, dateLabel), link, dateLabel);

    private static readonly System.Reflection.MethodInfo CountWhere = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Count) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(T));

    public override async Task<IReadOnlyList<IReadOnlyDictionary<string, int>>> CountByPathAsync(FigureContext c, string path, IReadOnlyList<Figure> figures,
        CancellationToken ct)
    {
        var tests = figures.Select(f => ((FamilyFigure<T>)f).Test(c)).ToList();
        var counted = new List<IReadOnlyDictionary<string, int>>();
        foreach (var chunk in tests.Chunk(PathCounts.Width))
        {
            // g => new PathCounts { Key = g.Key, C0 = g.Count(test0), C1 = g.Count(test1), … }
            var g = Expression.Parameter(typeof(IGrouping<string, T>), "g");
            var bindings = new List<MemberBinding> { Expression.Bind(typeof(PathCounts).GetProperty(nameof(PathCounts.Key))!, Expression.Property(g, nameof(IGrouping<string, T>.Key))) };
            bindings.AddRange(chunk.Select((test, i) => Expression.Bind(typeof(PathCounts).GetProperty($"C{i}")!, Expression.Call(CountWhere, g, test))));
            var counts = Expression.Lambda<Func<IGrouping<string, T>, PathCounts>>(Expression.MemberInit(Expression.New(typeof(PathCounts)), bindings), g);
            var rows = await records(c).Where(Under(path)).GroupBy(pathOf).Select(counts).ToListAsync(ct);
            counted.AddRange(chunk.Select((_, i) => (IReadOnlyDictionary<string, int>)rows.Where(r => r[i] > 0).ToDictionary(r => r.Key, r => r[i])));
        }
        return counted;
    }

    /// <summary>The records whose organization path starts with <paramref name="prefix"/> (a parameter of the query, not a literal).</summary>
    private Expression<Func<T, bool>> Under(string prefix)
    {
        Expression<Func<string>> value = () => prefix;
        return Expression.Lambda<Func<T, bool>>(Expression.Call(pathOf.Body, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, value.Body), pathOf.Parameters);
    }
}

/// <summary>A figure of a <see cref="FigureFamily{T}"/>: counted with the family, its list read like any <see cref="QueryFigure"/>.</summary>
public sealed class FamilyFigure<T>(FigureFamily<T> family, string key, string label, Func<FigureContext, Expression<Func<T, bool>>> test, QueryFigure alone,
    string link, string dateLabel) : Figure(key, label, link, dateLabel)
{
    public Func<FigureContext, Expression<Func<T, bool>>> Test { get; } = test;

    public override FigureBatch Batch => family;

    public override Task<IReadOnlyDictionary<string, int>> CountByPathAsync(FigureContext c, string path, CancellationToken ct) => alone.CountByPathAsync(c, path, ct);

    public override Task<(int Total, IReadOnlyList<FigureRow> Rows)> RowsAsync(FigureContext c, string path, int skip, int take, CancellationToken ct) =>
        alone.RowsAsync(c, path, skip, take, ct);
}

/// <summary>One organization path's counts for up to <see cref="Width"/> figures of a family.</summary>
public sealed class PathCounts
{
    public const int Width = 12;

    public string Key { get; set; } = "/";

    public int C0 { get; set; }

    public int C1 { get; set; }

    public int C2 { get; set; }

    public int C3 { get; set; }

    public int C4 { get; set; }

    public int C5 { get; set; }

    public int C6 { get; set; }

    public int C7 { get; set; }

    public int C8 { get; set; }

    public int C9 { get; set; }

    public int C10 { get; set; }

    public int C11 { get; set; }

    public int this[int i] => i switch
    {
        0 => C0, 1 => C1, 2 => C2, 3 => C3, 4 => C4, 5 => C5, 6 => C6, 7 => C7, 8 => C8, 9 => C9, 10 => C10, 11 => C11,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };
}

/// <summary>
/// Figures over the members read once for the count (<see cref="FigureContext.Roster"/>: id, organization path, birth date):
/// the age bands, and the members another record names (trained this year). One read of the members instead of one per figure.
/// </summary>
public sealed class RosterFigures : FigureBatch
{
    public static RosterFigures Instance { get; } = new();

    public override async Task<IReadOnlyList<IReadOnlyDictionary<string, int>>> CountByPathAsync(FigureContext c, string path, IReadOnlyList<Figure> figures,
        CancellationToken ct)
    {
        var roster = await c.Roster(path, ct);
        var counted = new List<IReadOnlyDictionary<string, int>>();
        foreach (var figure in figures)
        {
            counted.Add(await ((RosterFigure)figure).CountAsync(c, path, roster, ct));
        }
        return counted;
    }
}

/// <summary>A figure counted over the members' roster (<see cref="RosterFigures"/>).</summary>
public abstract class RosterFigure(string key, string label, string link, string dateLabel) : Figure(key, label, link, dateLabel)
{
    public override FigureBatch Batch => RosterFigures.Instance;

    /// <summary>The figure's members among <paramref name="roster"/>, the members under <paramref name="path"/>, counted per organization path.</summary>
    public abstract Task<IReadOnlyDictionary<string, int>> CountAsync(FigureContext c, string path, IReadOnlyList<RosterMember> roster, CancellationToken ct);

    public override async Task<IReadOnlyDictionary<string, int>> CountByPathAsync(FigureContext c, string path, CancellationToken ct) =>
        await CountAsync(c, path, await c.Roster(path, ct), ct);

    protected static IReadOnlyDictionary<string, int> ByPath(IEnumerable<RosterMember> members) =>
        members.GroupBy(m => m.Path).ToDictionary(g => g.Key, g => g.Count());
}

/// <summary>
/// A figure over people whose test needs their age, read from the encrypted ID number in memory (the birth date is never
/// stored, <see cref="Infrastructure.PiiProtector.BirthDateOrNull"/>): counted over the roster, the list's people from the
/// database and the test from the roster's birth dates.
/// </summary>
public sealed class AgeFigure(string key, string label, Func<FigureContext, IQueryable<AgedRow>> people, Func<int, bool> age) : RosterFigure(key, label, "/People/Details/{0}", "入党日期")
{
    private bool Matches(FigureContext c, DateOnly? born) => born is { } b && age(Archives.ArchiveQueries.FullYears(b, c.AsOf));

    public override Task<IReadOnlyDictionary<string, int>> CountAsync(FigureContext c, string path, IReadOnlyList<RosterMember> roster, CancellationToken ct) =>
        Task.FromResult(ByPath(roster.Where(m => Matches(c, m.Born))));

    public override async Task<(int Total, IReadOnlyList<FigureRow> Rows)> RowsAsync(FigureContext c, string path, int skip, int take, CancellationToken ct)
    {
        var births = (await c.Roster(path, ct)).ToDictionary(m => m.Id, m => m.Born);
        var rows = (await people(c).Where(p => p.Path.StartsWith(path)).ToListAsync(ct))
            .Where(p => births.TryGetValue(p.Id, out var born) && Matches(c, born))
            .Select(p => new FigureRow { Path = p.Path, Organization = p.Organization, Title = p.Title, Detail = p.Detail, On = p.On, Id = p.Id }).ToList();
        return (rows.Count, [.. rows.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Title, StringComparer.Ordinal).Skip(skip).Take(take)]);
    }
}

/// <summary>
/// The members some other record names (a member who attended a course this year): <paramref name="named"/> gives the
/// person ids of the records that count. The list is the members whose id is among them; the count asks only which of the
/// members under the path are named and counts them by the roster's paths — at province size, joining every member of a
/// county to the province's records to count the few named per organization cost more than the rest of the board
/// (docs/deployment.md, the statistics board of a province).
/// </summary>
public sealed class NamedMembersFigure(string key, string label, Func<FigureContext, IQueryable<FigureRow>> members, Func<FigureContext, IQueryable<long>> named,
    string link, string dateLabel) : RosterFigure(key, label, link, dateLabel)
{
    private readonly QueryFigure _list = new(key, label, c => members(c).Where(r => named(c).Contains(r.Id)), link, dateLabel);

    public override async Task<IReadOnlyDictionary<string, int>> CountAsync(FigureContext c, string path, IReadOnlyList<RosterMember> roster, CancellationToken ct)
    {
        var under = members(c).Where(r => r.Path.StartsWith(path)).Select(r => r.Id);
        var found = (await named(c).Where(id => under.Contains(id)).Distinct().ToListAsync(ct)).ToHashSet();
        return ByPath(roster.Where(m => found.Contains(m.Id)));
    }

    public override Task<(int Total, IReadOnlyList<FigureRow> Rows)> RowsAsync(FigureContext c, string path, int skip, int take, CancellationToken ct) =>
        _list.RowsAsync(c, path, skip, take, ct);
}

/// <summary>A person row before the age test: <see cref="FigureRow"/> with the person's id.</summary>
public sealed class AgedRow
{
    public long Id { get; init; }

    public string Path { get; init; } = "/";

    public string Organization { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string? Detail { get; init; }

    public DateOnly? On { get; init; }
}

/// <summary>A share of one figure in another with the target the seeds set (先进 ≥ 40%, conversion 100%, training ≥ 50%).</summary>
public sealed record Ratio(string Label, string Numerator, string Denominator, decimal? Target);

/// <summary>A section of the board: its figures and the shares shown against their targets.</summary>
public sealed record Section(string Name, IReadOnlyList<Figure> Figures, IReadOnlyList<Ratio> Ratios, string? Note = null);
