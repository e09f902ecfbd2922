using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;

namespace Pingyi.Web.Tests.Support;

/// <summary>What a reader of the database sees: every row of every table of the model, column by column (the secrecy scans).</summary>
public static class DatabaseRows
{
    /// <summary>Each table's rows, tables in name order.</summary>
    public static async IAsyncEnumerable<(string Table, List<List<(string Column, object? Value)>> Rows)> AllAsync(PingyiDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<List<(string, object?)>>();
            while (await reader.ReadAsync())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.IsDBNull(i) ? null : reader.GetValue(i)))]);
            }
            yield return (table, rows);
        }
    }
}

/// <summary>Percentiles of measured latencies.</summary>
public static class Latencies
{
    /// <summary>The value below which a share <paramref name="p"/> of the sorted values lie (nearest rank); NaN for none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
