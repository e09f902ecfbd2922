using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Pingyi.Web.Data;

namespace Pingyi.Bench;

/// <summary>
/// A province made from one county (PostgreSQL only). Every id and reference of the county is first multiplied by
/// <see cref="Spread"/>, its organization paths rewritten the same way; then every row of every table that belongs to the
/// county is copied <c>copies</c> times in set-based statements, copy k with every id and reference plus k and a suffix on
/// the other columns of unique keys. The counties' rows thus alternate in id order as a province's do in time (a list
/// newest first meets the others' rows between its own). The copies are further counties beside the first (more roots of the
/// tree): the first county's administrator sees only the first. Tables without an id column (the work calendar, settings,
/// keys) are the platform's, not a county's, and stay single. The hash chain of the copied audit entries is not valid
/// (their rows repeat the first county's); the plans do not verify it.
/// </summary>
internal static partial class ProvinceCopies
{
    /// <summary>At most this many counties.</summary>
    public const int Spread = 100;

    /// <summary>What tells apart the copies of an integer in a unique key that is no id (a version number).</summary>
    private const long NumberOffset = 20_000_000;

    public static async Task<IReadOnlyList<string>> MakeAsync(PingyiDbContext db, int copies, TextWriter log)
    {
        if (copies >= Spread)
        {
            throw new ArgumentOutOfRangeException(nameof(copies), $"at most {Spread} counties");
        }
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var tables = model.Tables.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && t.Name != "DataProtectionKeys").ToList();
        var report = new List<string>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlRawAsync($$"""
                SET session_replication_role = replica;
                CREATE OR REPLACE FUNCTION pg_temp.spread_path(p text, m bigint, o bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                  SELECT CASE WHEN p IS NULL OR p !~ '^/[0-9]' THEN p
                    ELSE '/' || (SELECT string_agg((x::bigint * m + o)::text, '/' ORDER BY n)
                                 FROM unnest(string_to_array(trim(both '/' from p), '/')) WITH ORDINALITY AS t(x, n)) || '/' END
                $$;
                """);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var plans = tables.Select(t => (Table: t, Plan: Columns(t, sameCounty: false))).ToList();
            foreach (var (table, plan) in plans.Where(p => p.Plan is not null))
            {
                // Through negative values: a unique key never meets a value not yet moved.
                var set = string.Join(", ", plan!.Shifted.Select(c => $"\"{c.Name}\" = -(\"{c.Name}\" * {Spread})")
                    .Concat(plan.Paths.Select(c => $"\"{c.Name}\" = pg_temp.spread_path(\"{c.Name}\", {Spread}, 0)")));
                var back = string.Join(", ", plan.Shifted.Select(c => $"\"{c.Name}\" = -\"{c.Name}\""));
                var spread = $"UPDATE \"{table.Name}\" SET {set}; UPDATE \"{table.Name}\" SET {back}";
                await db.Database.ExecuteSqlRawAsync(spread);
            }
            foreach (var (table, plan) in plans)
            {
                if (plan is null)
                {
                    report.Add($"{table.Name}: kept once (no id: the platform's, not a county's)");
                    continue;
                }
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var rows = await db.Database.ExecuteSqlRawAsync(CopyStatement(table, plan, copies, idStep: 1, pathStep: 1));
                report.Add($"{table.Name}: +{rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s ({plan})");
                log.WriteLine(report[^1]);
                if (table.PrimaryKey!.Columns is [{ Name: "Id" }])
                {
                    var sequence = $"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', 'Id'), (SELECT max(\"Id\") FROM \"{table.Name}\"))";
                    await db.Database.ExecuteSqlRawAsync(sequence);
                }
            }
            await db.Database.ExecuteSqlRawAsync("SET session_replication_role = origin");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return report;
    }

    /// <summary>
    /// Repeats the rows of one table within the county (before <see cref="MakeAsync"/>): each copy a new row with a new id and
    /// the same references — more ballots in the same meetings, more audit entries of the same organizations.
    /// </summary>
    public static async Task<string> RepeatAsync(PingyiDbContext db, string tableName, int copies)
    {
        var table = db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.Single(t => t.Name == tableName);
        var plan = Columns(table, sameCounty: true)!;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var rows = await db.Database.ExecuteSqlRawAsync(CopyStatement(table, plan, copies, RepeatOffset, pathStep: 0));
        return $"{tableName}: +{rows:N0} rows within the county ({plan})";
    }

    /// <summary>Ids of repeated rows, before they are spread: times <see cref="Spread"/> they stay within a 32-bit id.</summary>
    private const long RepeatOffset = 200_000;

    private static bool IsInteger(IColumn c) => c.ProviderClrType == typeof(long) || c.ProviderClrType == typeof(int);

    private static bool IsId(IColumn c) => IsInteger(c) && (c.Name == "Id" || c.Name.EndsWith("Id", StringComparison.Ordinal));

    private sealed record Plan(List<IColumn> All, HashSet<IColumn> Shifted, HashSet<IColumn> Paths, HashSet<IColumn> Suffixed)
    {
        public override string ToString() =>
            $"shifted {string.Join(" ", Shifted.Select(c => c.Name))}"
            + (Paths.Count > 0 ? $"; paths {string.Join(" ", Paths.Select(c => c.Name))}" : "")
            + (Suffixed.Count > 0 ? $"; suffixed {string.Join(" ", Suffixed.Select(c => c.Name))}" : "");
    }

    /// <summary>What a copy changes: ids and references (within the county: the row's own id only), paths, and a column of each other unique key.</summary>
    private static Plan? Columns(ITable table, bool sameCounty)
    {
        var columns = table.Columns.Where(c => c.ComputedColumnSql is null).ToList();
        var shifted = columns.Where(c => IsId(c) && (!sameCounty || table.PrimaryKey!.Columns.Contains(c))).ToHashSet();
        if (table.PrimaryKey is null || !table.PrimaryKey.Columns.Any(shifted.Contains))
        {
            return null;
        }
        var paths = sameCounty ? [] : columns.Where(c => c.ProviderClrType == typeof(string) && c.Name.EndsWith("Path", StringComparison.Ordinal)).ToHashSet();
        var suffixed = new HashSet<IColumn>();
        var uniques = table.UniqueConstraints.Select(u => u.Columns)
            .Concat(table.Indexes.Where(i => i.IsUnique).Select(i => i.Columns));
        foreach (var unique in uniques)
        {
            if (unique.Any(c => shifted.Contains(c) || paths.Contains(c) || suffixed.Contains(c)))
            {
                continue;
            }
            var column = unique.FirstOrDefault(c => c.ProviderClrType == typeof(string) || c.ProviderClrType == typeof(byte[]) || IsInteger(c))
                ?? throw new InvalidOperationException($"{table.Name}: a unique key ({string.Join(", ", unique.Select(c => c.Name))}) with no column to tell the copies apart");
            suffixed.Add(column);
        }
        return new Plan(columns, shifted, paths, suffixed);
    }

    private static string CopyStatement(ITable table, Plan plan, int copies, long idStep, long pathStep)
    {
        string Expression(IColumn c)
        {
            var name = $"s.\"{c.Name}\"";
            if (plan.Shifted.Contains(c))
            {
                return $"{name} + k.k * {idStep}";
            }
            if (plan.Paths.Contains(c))
            {
                return $"pg_temp.spread_path({name}, 1, k.k * {pathStep})";
            }
            if (plan.Suffixed.Contains(c))
            {
                if (IsInteger(c))
                {
                    return $"{name} + k.k * {NumberOffset}";
                }
                if (c.ProviderClrType == typeof(byte[]))
                {
                    return $"{name} || int4send(k.k)";
                }
                return MaxLength().Match(c.StoreType) is { Success: true } m
                    ? $"left({name}, {int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 4}) || '#' || k.k"
                    : $"{name} || '#' || k.k";
            }
            return name;
        }
        var list = string.Join(", ", plan.All.Select(c => $"\"{c.Name}\""));
        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"INSERT INTO \"{table.Name}\" ({list}) OVERRIDING SYSTEM VALUE SELECT ")
            .Append(string.Join(", ", plan.All.Select(Expression)))
            .Append(CultureInfo.InvariantCulture, $" FROM \"{table.Name}\" AS s CROSS JOIN generate_series(1, {copies}) AS k(k)")
            .ToString();
    }

    [GeneratedRegex(@"\((\d+)\)")]
    private static partial Regex MaxLength();
}
