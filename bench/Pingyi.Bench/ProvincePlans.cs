using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Bench;

/// <summary>
/// Issue 18: the heavy reads of every module at province size on PostgreSQL, each statement a request really sends run
/// again under <c>EXPLAIN (ANALYZE, BUFFERS)</c> with its own parameters. The demo county (about 20,000 members, a year of
/// every module) is loaded and copied into COUNTIES counties (<see cref="ProvinceCopies"/>); the first county's
/// administrator then reads each module's lists and boards through the API. Writes the markdown report to OUTPUT.
///   PINGYI_BENCH_PG=… dotnet run -c Release --project bench/Pingyi.Bench -- plans [COUNTIES] [OUTPUT]
/// </summary>
internal static partial class ProvincePlans
{
    public static async Task RunAsync(int counties, string output)
    {
        var connectionString = Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is { Length: > 0 } pg
            ? pg : throw new InvalidOperationException("plans needs PINGYI_BENCH_PG: an empty PostgreSQL database");
        var recorder = new CommandRecorder();
        // One folder for every run: the personal-data key of a province kept for the next run is in it.
        var directory = Directory;
        System.IO.Directory.CreateDirectory(directory);
        await using var host = new BenchHost(directory).WithWebHostBuilder(b =>
            b.ConfigureServices(s => s.ConfigureDbContext<PostgresPingyiDbContext>(o => o.AddInterceptors(recorder))));
        var dataset = new StringBuilder();
        long meeting;
        int year;
        using (var scope = host.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<PingyiDbContext>();
            await MakeProvinceAsync(sp, counties);
            // The planner's cost of a random read as on the SSDs docs/deployment.md asks for (PostgreSQL's default, 4, is a
            // spinning disk's): new sessions only, so the pools are emptied.
            await db.Database.ExecuteSqlRawAsync("SELECT set_config('random_page_cost', '1.1', false)");
            var alter = $"ALTER DATABASE \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" SET random_page_cost = 1.1";
            await db.Database.ExecuteSqlRawAsync(alter);
            NpgsqlConnection.ClearAllPools();
            meeting = await db.MeetingResults.GroupBy(r => r.MeetingId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            year = await db.GradeResults.MaxAsync(g => g.Year);
            dataset.AppendLine("- within the first county, before it was copied: "
                + string.Join(", ", Repeats.Select(r => $"`{r.Table}` ×{r.Copies + 1}")) + " (the same meetings with more raters, more entries of the same organizations)");
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            dataset.AppendLine($"- {await ScalarAsync(connection, "SELECT version()")}; database size {await ScalarAsync(connection, "SELECT pg_size_pretty(pg_database_size(current_database()))")}; "
                + $"shared_buffers {await ScalarAsync(connection, "SHOW shared_buffers")}, work_mem {await ScalarAsync(connection, "SHOW work_mem")}, "
                + $"random_page_cost {await ScalarAsync(connection, "SHOW random_page_cost")}, collation {await ScalarAsync(connection, "SELECT datcollate FROM pg_database WHERE datname = current_database()")}");
            dataset.AppendLine("- the largest tables (rows, size with indexes):");
            await using var sizes = new NpgsqlCommand("""
                SELECT c.relname, c.reltuples::bigint, pg_size_pretty(pg_total_relation_size(c.oid))
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 16
                """, connection);
            await using var reader = await sizes.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dataset.AppendLine(CultureInfo.InvariantCulture, $"  `{reader.GetString(0)}` {reader.GetInt64(1):N0} rows, {reader.GetString(2)};");
            }
        }
        host.Server.PreserveExecutionContext = true; // the request's statements, not the background jobs' (see CommandRecorder)
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/auth/login", new { userName = "admin", password = BenchHost.Password })).EnsureSuccessStatusCode();
        var cache = (MemoryCache)host.Services.GetRequiredService<IMemoryCache>();

        var summary = new StringBuilder();
        var details = new StringBuilder();
        foreach (var (module, url) in Endpoints(meeting, year))
        {
            (await client.GetAsync(url)).Dispose(); // warm-up: queries compiled, pages of the tables in memory
            cache.Clear(); // figures kept between requests are counted again
            recorder.Start();
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(url);
            _ = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var commands = recorder.Stop();
            var plans = new List<Plan>();
            foreach (var command in commands)
            {
                plans.Add(await ExplainAsync(connectionString, command));
            }
            var total = plans.Sum(p => p.ExecutionMs);
            var top = plans.OrderByDescending(p => p.ExecutionMs).FirstOrDefault();
            summary.AppendLine(CultureInfo.InvariantCulture,
                $"| {module} | `{url}` | {(int)response.StatusCode} | {elapsed:F0} | {plans.Count} | {total:F1} | {top?.ExecutionMs:F1} | {top?.Root} | {top?.Buffers} |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {url}: {elapsed:F0} ms, {plans.Count} statements, {total:F1} ms in the database; slowest {top?.ExecutionMs:F1} ms {top?.Root}"));
            details.AppendLine(CultureInfo.InvariantCulture, $"### {module}: `GET {url}`").AppendLine();
            details.AppendLine(CultureInfo.InvariantCulture, $"{plans.Count} statements, {total:F1} ms executing in all; the slowest:").AppendLine();
            foreach (var plan in plans.OrderByDescending(p => p.ExecutionMs).Take(2))
            {
                details.AppendLine("```sql").AppendLine(plan.Sql.Trim()).AppendLine("```").AppendLine("```").AppendLine(plan.Text.TrimEnd()).AppendLine("```").AppendLine();
            }
        }

        var report = new StringBuilder()
            .AppendLine("# Query plans at province size (PostgreSQL)").AppendLine()
            .AppendLine("Generated by `PINGYI_BENCH_PG=… dotnet run -c Release --project bench/Pingyi.Bench -- plans " + counties.ToString(CultureInfo.InvariantCulture) + "` on "
                + DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " (do not edit by hand: run it again). What the figures mean and what was changed "
                + "because of them: `docs/deployment.md`, section “PostgreSQL at province size”.").AppendLine()
            .AppendLine("The demo county (a year of every module) copied into " + counties.ToString(CultureInfo.InvariantCulture) + " counties; every request below is the first county's "
                + "administrator's, whose scope is one county of the province. Each statement the request sent was run again with its own parameters under "
                + "`EXPLAIN (ANALYZE, BUFFERS)` right after the request (warm cache). “DB ms” adds up the statements' execution times.").AppendLine()
            .Append(dataset).AppendLine()
            .AppendLine("| module | request | status | request ms | statements | DB ms | slowest ms | its plan's top node | its buffers |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|")
            .Append(summary).AppendLine()
            .AppendLine("## Plans of the slowest statements").AppendLine()
            .Append(details);
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine($"written {output}");
    }

    /// <summary>
    /// The demo county's meetings and audit trail are a small county's; repeated to a year of a large one before the copies:
    /// ballots ×20 (the same meetings with twenty times the raters, about 69,000 a county), audit entries ×50.
    /// </summary>
    /// <summary>
    /// The demo county loaded into the empty database of PINGYI_BENCH_PG and copied into <paramref name="counties"/> counties
    /// (about four minutes here); a province made by an earlier run is used again (measured again in minutes, not a quarter of
    /// an hour). The host must use <see cref="Directory"/>: the personal-data key of the province is kept in it.
    /// </summary>
    public static async Task MakeProvinceAsync(IServiceProvider sp, int counties)
    {
        var db = sp.GetRequiredService<PingyiDbContext>();
        var watch = Stopwatch.StartNew();
        if (await db.Organizations.AnyAsync())
        {
            Console.WriteLine($"reusing the province in the database: {await db.Organizations.CountAsync():N0} organizations");
            return;
        }
        var county = await Pingyi.Web.Modules.Demo.DemoModule.LoadAsync(sp, new(), 2_000, 1);
        await Pingyi.Web.Modules.Accounts.AccountSeeding.EnsureAdministratorAsync(sp, sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Console.WriteLine($"demo county loaded in {watch.Elapsed.TotalSeconds:F0} s — {county.Organizations} organizations, {county.People} people");
        watch.Restart();
        foreach (var (table, copies) in Repeats)
        {
            Console.WriteLine(await ProvinceCopies.RepeatAsync(db, table, copies));
        }
        await ProvinceCopies.MakeAsync(db, counties - 1, Console.Out);
        Console.WriteLine($"copied into {counties} counties in {watch.Elapsed.TotalSeconds:F0} s");
        watch.Restart();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        Console.WriteLine($"VACUUM ANALYZE in {watch.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>The folder of every province run (the personal-data key of the province in the database is kept in it).</summary>
    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), "pingyi-bench-plans");

    private static readonly (string Table, int Copies)[] Repeats = [("Ballots", 19), ("audit_entries", 49)];

    private static IEnumerable<(string Module, string Url)> Endpoints(long meeting, int year) =>
    [
        ("organizations", "/api/v1/organizations/tree"),
        ("organizations", "/api/v1/organizations?search=%E6%9D%91"),
        ("people", "/api/v1/people"),
        ("people", "/api/v1/people?search=%E7%8E%8B"),
        ("people", "/api/v1/exports/roster"),
        ("audit", "/api/v1/audit"),
        ("audit", "/api/v1/audit?page=40"),
        ("audit", "/api/v1/audit?entityType=LedgerItem"),
        ("audit", "/api/v1/audit?user=admin"),
        ("meetings", "/api/v1/meetings"),
        ("meetings", $"/api/v1/meetings/{meeting}/results"),
        ("meetings", $"/api/v1/meetings/{meeting}/ballots"),
        ("ledger", "/api/v1/ledger"),
        ("ledger", "/api/v1/ledger?status=Overdue"),
        ("ledger", "/api/v1/ledger/dashboard"),
        ("commitments", "/api/v1/commitments"),
        ("grading", $"/api/v1/grading/{year}"),
        ("grading", $"/api/v1/grading/{year}/results"),
        ("awards", "/api/v1/awards"),
        ("archives", $"/api/v1/archives/rankings/{year}"),
        ("archives", $"/api/v1/archives/picking/{year}"),
        ("archives", $"/api/v1/archives/quarters?year={year}"),
        ("selection", "/api/v1/selection/batches"),
        ("accountability", $"/api/v1/accountability/summary?year={year}"),
        ("accountability", "/api/v1/accountability/records"),
        ("petitions", "/api/v1/petitions"),
        ("petitions", "/api/v1/petitions/statistics"),
        ("requests", "/api/v1/requests"),
        ("requests", "/open311/v2/requests.json"),
        ("membership", "/api/v1/membership"),
        ("membership", "/api/v1/membership/pipeline"),
        ("coverage", "/api/v1/coverage/summary"),
        ("stationing", $"/api/v1/stationing/summary?year={year}"),
        ("training", $"/api/v1/training/coverage/{year}"),
        ("projects", "/api/v1/projects"),
        ("statistics", "/api/v1/statistics"),
        ("statistics", "/api/v1/statistics/mem.age35"),
        ("statistics", "/api/v1/statistics/map"),
        ("bulletins", "/api/v1/bulletins"),
        ("notifications", "/api/v1/notifications"),
        ("tasks", "/api/v1/tasks"),
        ("console", "/"),
    ];

    private sealed record Plan(string Sql, string Text, double ExecutionMs, string Root, string Buffers);

    private static async Task<Plan> ExplainAsync(string connectionString, CommandRecorder.Command command)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + command.Sql, connection);
        foreach (var parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }
        var lines = new List<string>();
        try
        {
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }
        catch (PostgresException e)
        {
            return new Plan(command.Sql, "not explained: " + e.MessageText, 0, "–", "–");
        }
        // A subtree's ids, hundreds of them, shortened to their number.
        var text = LongIdList().Replace(string.Join('\n', lines), m => $"'{{… {m.Groups[1].Value.Count(c => c == ',') + 1} ids …}}'");
        var execution = ExecutionTime().Match(text) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var root = lines[0].Split("  (cost=")[0].Trim();
        var buffers = lines.FirstOrDefault(l => l.TrimStart().StartsWith("Buffers:", StringComparison.Ordinal))?.Trim()["Buffers: ".Length..] ?? "–";
        return new Plan(command.Sql, text, execution, root, buffers);
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    [GeneratedRegex(@"'\{([0-9,]{200,})\}'")]
    private static partial Regex LongIdList();

    [GeneratedRegex(@"Execution Time: ([0-9.]+) ms")]
    private static partial Regex ExecutionTime();

    /// <summary>
    /// The reads EF Core sends for the request being recorded (writes are left out: a plan is asked only of reads). The test
    /// server runs the request in the caller's execution context, so a flag in an async-local marks its statements and not
    /// those of the background jobs running meanwhile.
    /// </summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public sealed record Command(string Sql, NpgsqlParameter[] Parameters);

        private readonly ConcurrentQueue<Command> _commands = new();
        private readonly AsyncLocal<bool> _on = new();

        public void Start()
        {
            _commands.Clear();
            _on.Value = true;
        }

        public List<Command> Stop()
        {
            _on.Value = false;
            return [.. _commands];
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            Record(command);
            return base.ReaderExecuted(command, eventData, result);
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command)
        {
            var sql = command.CommandText.TrimStart();
            if (_on.Value && command is NpgsqlCommand npgsql && (sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)))
            {
                _commands.Enqueue(new(command.CommandText, [.. npgsql.Parameters.Select(p => p.Clone())]));
            }
        }
    }
}
