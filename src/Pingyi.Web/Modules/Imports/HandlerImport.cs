using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Imports;

/// <summary>One data row of an import as its parser sees it: the row's cells by column, and a way to refuse one of them.</summary>
public sealed class ImportRow(TableRow row, IReadOnlyDictionary<string, int> map, ImportReport report)
{
    public int Number => row.Number;

    public bool Refused { get; private set; }

    /// <summary>The trimmed text of a column's cell; null when the column is absent or the cell blank.</summary>
    public string? Cell(string column) =>
        map.TryGetValue(column, out var i) && i < row.Cells.Length && !string.IsNullOrWhiteSpace(row.Cells[i]) ? row.Cells[i]!.Trim() : null;

    public void Refuse(string column, string reason)
    {
        report.Refuse(row.Number, column, reason);
        Refused = true;
    }

    /// <summary>A date cell (2026-12-31, 2026/12/31, 2026年12月31日, an Excel date); null and refused when it is not one; null when blank.</summary>
    public DateOnly? Date(string column)
    {
        if (Cell(column) is not { } text)
        {
            return null;
        }
        if (CellParsing.TryParseDate(text, out var date))
        {
            return date;
        }
        Refuse(column, $"“{text}”不是日期，请写成 2026-12-31");
        return null;
    }

    /// <summary>A number cell (thousands separators allowed); null and refused when it is not a number; null when blank.</summary>
    public decimal? Decimal(string column)
    {
        if (Cell(column) is not { } text)
        {
            return null;
        }
        if (decimal.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Refuse(column, $"“{text}”不是数字");
        return null;
    }

    /// <summary>A yes-or-no cell (是/否, 有/无, √, ✓, Y/N, TRUE/FALSE, 1/0); false when blank; refused when it is neither.</summary>
    public bool YesNo(string column)
    {
        switch (Cell(column)?.ToUpperInvariant())
        {
            case null or "否" or "无" or "N" or "NO" or "FALSE" or "0" or "×":
                return false;
            case "是" or "有" or "Y" or "YES" or "TRUE" or "1" or "√" or "✓" or "✔":
                return true;
            default:
                Refuse(column, $"“{Cell(column)}”请填写“是”或“否”");
                return false;
        }
    }
}

/// <summary>An import of a sheet: checked only (<c>dryRun</c>) or imported, all or nothing.</summary>
public interface IRowImport
{
    Task<ImportReport> RunAsync(Stream file, string? fileName, bool dryRun, CancellationToken ct = default);
}

/// <summary>
/// An import whose rows go through a module's own handler, so that a row is held to exactly the rules of the form (ADR 0026): each
/// row is parsed into the handler's request (a cell that is not a date, a number, an organization in scope is refused with its row
/// and column); then, inside one unit of work, every request is handed to the handler, and a rule it refuses is reported at the row
/// and at the column of the field it names — also when other rows' cells were refused, so that one report lists every mistake. One
/// refused row, or a check (<c>dryRun</c>), rolls the whole unit back: all or nothing, each change audited by its handler in the same
/// transaction.
/// </summary>
public abstract class HandlerImport<TRequest>(PingyiDbContext db) : IRowImport where TRequest : class
{
    protected PingyiDbContext Db { get; } = db;

    /// <summary>The columns a file must have.</summary>
    protected abstract IReadOnlyList<string> Required { get; }

    /// <summary>The layout to tell the user when the header is wrong.</summary>
    protected abstract string Hint { get; }

    /// <summary>The column of each request field the handler may name in a refusal.</summary>
    protected abstract IReadOnlyDictionary<string, string> ColumnOfField { get; }

    /// <summary>The column a refusal without a field (or with an unknown one) is shown under.</summary>
    protected abstract string MainColumn { get; }

    /// <summary>What one row is, for the messages (活动场所, 结对).</summary>
    protected abstract string Noun { get; }

    /// <summary>Loads what the rows are matched against (organizations in scope…); refuses a caller who may not import.</summary>
    protected virtual Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The handler's request of a row; null when a cell was refused (<see cref="ImportRow.Refuse"/>) or the row is left out on purpose
    /// (then counted as unchanged). <paramref name="key"/> names what two rows must not share.
    /// </summary>
    protected abstract TRequest? Parse(ImportRow row, out string? key);

    /// <summary>Hands one request to the handler; true when it created a record, false when it changed one.</summary>
    protected abstract Task<bool> ApplyAsync(TRequest request, CancellationToken ct);

    public async Task<ImportReport> RunAsync(Stream file, string? fileName, bool dryRun, CancellationToken ct = default)
    {
        await PrepareAsync(ct);
        var report = new ImportReport { DryRun = dryRun };
        var requests = new List<(int Row, TRequest Request)>();
        try
        {
            using var reader = TableReader.Open(file, fileName);
            Dictionary<string, int>? map = null;
            var keys = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var table in reader.Rows())
            {
                if (map is null)
                {
                    map = report.Header(table, Required, Hint);
                    if (map is null)
                    {
                        break;
                    }
                    continue;
                }
                if (table.Cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                report.RowsRead++;
                var row = new ImportRow(table, map, report);
                var request = Parse(row, out var key);
                if (request is not null && key is not null && !keys.TryAdd(key, row.Number))
                {
                    row.Refuse(MainColumn, $"与第{keys[key]}行重复：同一{Noun}只能有一行");
                }
                if (row.Refused)
                {
                    report.Rejected++;
                    continue;
                }
                if (request is null)
                {
                    // A row the parser leaves out on purpose (a village of the exported sheet with nothing filled in).
                    report.Unchanged++;
                    continue;
                }
                requests.Add((row.Number, request));
            }
            if (map is null && !report.Fatal)
            {
                report.NoHeader();
            }
        }
        catch (InvalidDataException e)
        {
            report.Unreadable(e.Message);
            return report;
        }
        if (report.Fatal)
        {
            report.Message = Refused(report);
            return report;
        }
        // The rows that parsed go through the handler even when others did not, so that one report lists every mistake.
        await using (var work = await Db.BeginWorkAsync(ct))
        {
            foreach (var (row, request) in requests)
            {
                try
                {
                    if (await ApplyAsync(request, ct))
                    {
                        report.Created++;
                    }
                    else
                    {
                        report.Updated++;
                    }
                    report.Accepted++;
                }
                catch (RuleViolation e)
                {
                    // What the refused handler had added or changed and not saved is dropped, so that the next row's save cannot write it.
                    foreach (var entry in Db.ChangeTracker.Entries().Where(x => x.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList())
                    {
                        entry.State = EntityState.Detached;
                    }
                    var errors = e.Errors.Count > 0 ? e.Errors : [(string.Empty, e.Message)];
                    foreach (var (field, message) in errors)
                    {
                        report.Refuse(row, ColumnOfField.GetValueOrDefault(field, MainColumn), message);
                    }
                    report.Rejected++;
                }
            }
            if (!report.Blocked && !dryRun)
            {
                await work.CommitAsync(ct);
                report.Committed = true;
            }
        }
        if (!report.Committed)
        {
            // Rolled back: what the handlers added is forgotten too.
            Db.ChangeTracker.Clear();
        }
        var skipped = report.Unchanged > 0 ? $"；{report.Unchanged}行未填写，跳过" : string.Empty;
        report.Message = report.Blocked ? Refused(report)
            : dryRun ? $"检查通过：{report.Accepted}个{Noun}可以导入（新登记{report.Created}个，更新{report.Updated}个）{skipped}"
            : $"已导入{report.Accepted}个{Noun}：新登记{report.Created}个，更新{report.Updated}个{skipped}";
        return report;
    }

    private static string Refused(ImportReport report) => report.Fatal && report.RowsRead == 0
        ? "文件不符合格式，未导入任何数据"
        : $"共{report.RowsRead}行，其中{report.Rejected}行有错误；未导入任何数据，请改正后重新导入";
}
