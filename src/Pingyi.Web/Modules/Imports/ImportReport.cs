using System.Collections.Concurrent;

namespace Pingyi.Web.Modules.Imports;

public sealed record RowError(int Row, string Column, string Reason);

/// <summary>What an import did, or would do on a dry run.</summary>
public sealed class ImportReport
{
    public const int MaxListedErrors = 1000;

    public bool DryRun { get; init; }

    /// <summary>Import the good rows and skip the refused ones, instead of all or nothing.</summary>
    public bool Partial { get; init; }

    /// <summary>The file itself is unusable (unreadable, no header): nothing is imported even in partial mode.</summary>
    public bool Fatal { get; set; }

    /// <summary>Nothing may be written: some row was refused and the import is all or nothing, or the file is unusable.</summary>
    public bool Blocked => Fatal || (!Partial && Rejected > 0);

    /// <summary>True when the import was written; false on a dry run or when any row was refused.</summary>
    public bool Committed { get; set; }

    public int RowsRead { get; set; }

    public int Accepted { get; set; }

    public int Rejected { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    /// <summary>Errors in file order; at most <see cref="MaxListedErrors"/> listed, all counted in <see cref="Rejected"/>.</summary>
    public List<RowError> Errors { get; } = [];

    public string Message { get; set; } = string.Empty;

    /// <summary>
    /// Maps the header row and refuses the file (fatal) when a required column is missing; null then.
    /// <paramref name="hint"/> tells the user which layout to use.
    /// </summary>
    internal Dictionary<string, int>? Header(TableRow row, IEnumerable<string> required, string hint)
    {
        var map = Columns.MapHeaders(row.Cells);
        var missing = required.Where(c => !map.ContainsKey(c)).ToList();
        var found = row.Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).ToList();
        var foundText = found.Count == 0 ? "空行" : string.Join("、", found.Take(20)) + (found.Count > 20 ? "……" : "");
        foreach (var column in missing)
        {
            Refuse(row.Number, column, $"表头缺少必填列“{column}”（第{row.Number}行的表头是：{foundText}；应包含：{string.Join("、", required)}），{hint}");
        }
        if (missing.Count == 0)
        {
            return map;
        }
        Rejected = missing.Count;
        Fatal = true;
        return null;
    }

    /// <summary>The file cannot be read at all (not a workbook, broken CSV): nothing is imported.</summary>
    internal void Unreadable(string reason)
    {
        Refuse(0, string.Empty, reason);
        Rejected = Math.Max(1, Rejected);
        Fatal = true;
        Committed = false;
        Message = "文件无法读取，未导入任何数据";
    }

    /// <summary>The file has no rows, not even a header.</summary>
    internal void NoHeader()
    {
        Refuse(1, string.Empty, "文件为空：没有表头，也没有数据（第1行应为表头）");
        Rejected = 1;
        Fatal = true;
    }

    internal void Refuse(int row, string column, string reason)
    {
        if (Errors.Count < MaxListedErrors)
        {
            Errors.Add(new RowError(row, column, reason));
        }
    }
}

public sealed class ImportProgress
{
    public int RowsRead { get; set; }

    public int? ExpectedRows { get; set; }

    public bool Done { get; set; }

    public DateTime StartedAt { get; init; } = DateTime.UtcNow;
}

/// <summary>Progress of running imports, keyed by an id the page chooses, so the page can poll it.</summary>
public sealed class ImportProgressRegistry
{
    private readonly ConcurrentDictionary<string, ImportProgress> _running = new();

    public ImportProgress Start(string? id)
    {
        var progress = new ImportProgress();
        if (!string.IsNullOrWhiteSpace(id) && id.Length <= 64)
        {
            // Old entries go once they are an hour old.
            foreach (var (key, value) in _running)
            {
                if (value.StartedAt < DateTime.UtcNow.AddHours(-1))
                {
                    _running.TryRemove(key, out _);
                }
            }
            _running[id] = progress;
        }
        return progress;
    }

    public ImportProgress? Get(string id) => _running.GetValueOrDefault(id);
}
