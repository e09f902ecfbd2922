using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Demo;
using Pingyi.Web.Modules.Imports;
using Columns = Pingyi.Web.Modules.Imports.Columns;

// Macro benchmarks of the foundation (issue 2). Each measurement that reports peak memory runs in
// its own process, so one measurement's heap never counts against another's.
//   dotnet run -c Release --project bench/Pingyi.Bench -- all [rows]
// With PINGYI_BENCH_PG set to a connection string of an empty PostgreSQL database, the import and the
// tree are measured there too.
// Sub-commands used by "all": prepare DIR, read FILE, import DIR FILE, tree DIR, start DIR WEBDLL.
// Evaluation meetings (issue 4), run on their own:
//   intake [DIR] [RATERS] [ROUNDS]  ballots over loopback beside a trivial endpoint, then the live board
//                                   (PINGYI_BENCH_PG: an empty PostgreSQL database instead of SQLite)
//   engine [REPORTERS]              the scoring engine at province size (30 ballots per reporter)
// Rectification ledger (issue 5):
//   ledger [DIR] [ITEMS] [REQUESTS] ledger page with filters, dashboard and monthly bulletin at county size
//                                   (20,000 items; PINGYI_BENCH_PG: an empty PostgreSQL database instead of SQLite)
// Grading (issue 12, GradingBench.cs):
//   grading [DIR] [ORGS] [ROUNDS]   a province's year graded in one run, beside the read of its inputs alone
//   gradingpages [DIR] [RATE] [S]   grading board, an organization's page, commitments list and public board, awards (list, details,
//                                   public board): open loop at RATE/s
// Archives (issue 13, ArchiveBench.cs):
//   archiveengine [CADRES] [ROUNDS]     a province's year of quarters scored, totalled and ranked in memory, beside reading the ballots
//   archivedb [DIR] [CADRES] [ROUNDS]   the platform's ranking query over the year's quarter scores, beside reading them
//   archivepages [DIR] [RATE] [S]       a cadre's five-year archive page, the rankings and the 点将台: open loop at RATE/s
// Selection (issue 14, ArchiveBench.cs):
//   profilepages [DIR] [RATE] [S]       the cadre profile of a cadre with ten years of records, beside their archive page: open loop
// Petitions and requests (issue 15, PetitionBench.cs):
//   petitions [DIR] [RATE] [S] [TOTAL]  a county year of TOTAL (100,000) petitions and requests; statistics, the petitions page and the
//                                       Open311 feed at RATE/s, open loop
// PostgreSQL at province size (issue 18, ProvincePlans.cs; PINGYI_BENCH_PG required):
//   afternoon [MEETINGS] [RATERS] [RATE] [SECONDS]  a province's afternoon against 1 node and 3 behind nginx (AfternoonBench.cs)
//   provincestats [COUNTIES] [ROUNDS] [RATE] [S] [recount]  issue 16: the statistics board of one county and of the province (a 省委 made the
//                                   root above the counties) counted from scratch beside plain counts, then served at RATE/s (StatisticsBench.cs)
//   plans [COUNTIES] [OUTPUT]           the demo county copied into COUNTIES (100), each module's heavy reads under EXPLAIN (ANALYZE, BUFFERS)
// XLSX readers: the hand-written TableReader against ExcelDataReader and MiniExcel (ExcelReadersBench.cs):
//   excelreaders FILE [ROUNDS]      each reader in its own process, alternating, min/median time and peak
//   readxlsx platform|exceldatareader|miniexcel FILE [dump]
namespace Pingyi.Bench;

internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault() ?? "all";
        switch (command)
        {
            case "all":
                await RunAllAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
                break;
            case "prepare":
                await PrepareAsync(args[1]);
                break;
            case "roster":
                WriteRoster(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                break;
            case "read":
                Report(ReadWithSdkOnly(args[1]));
                break;
            case "auditverify":
                await AuditVerifyAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                break;
            case "verifyonly":
                await using (var host = Host(args[1]))
                {
                    using var scope = host.Services.CreateScope();
                    var watch = Stopwatch.StartNew();
                    var result = await Pingyi.Web.Modules.Audit.AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<PingyiDbContext>());
                    Console.WriteLine($"RESULT audit verify: {watch.Elapsed.TotalSeconds:F2} s over {result.Entries} entries, valid={result.Valid}");
                }
                break;
            case "auditcost":
                await AuditCostAsync(args[1]);
                break;
            case "readtable":
                Report(ReadWithTableReader(args[1]));
                break;
            case "import":
                Report(await ImportAsync(args[1], args[2], args.Length > 3 && args[3] == "dry"));
                break;
            case "archiveengine":
                ArchiveBench.Engine(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
                break;
            case "archivedb":
                await ArchiveBench.DatabaseAsync(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pingyi-bench-archives-" + Guid.NewGuid().ToString("N")),
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5);
                break;
            case "archivepages":
                await ArchiveBench.PagesAsync(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pingyi-bench-archivepages-" + Guid.NewGuid().ToString("N")),
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10);
                break;
            case "profilepages":
                await ArchiveBench.ProfilePagesAsync(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pingyi-bench-profile-" + Guid.NewGuid().ToString("N")),
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10);
                break;
            case "petitions":
                await PetitionBench.RunAsync(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pingyi-bench-petitions-" + Guid.NewGuid().ToString("N")),
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10,
                    args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 100_000);
                break;
            case "statistics":
                await StatisticsBench.RunAsync(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pingyi-bench-statistics-" + Guid.NewGuid().ToString("N")),
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10,
                    args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 20);
                break;
            case "intake":
                await IntakeBench.RunAsync(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pingyi-bench-intake-" + Guid.NewGuid().ToString("N")),
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3);
                break;
            case "openloop":
                await OpenLoopBench.RunAsync(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pingyi-bench-openloop-" + Guid.NewGuid().ToString("N")),
                    args.Length > 2 ? [.. args[2].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))] : [1000, 5000, 10000],
                    args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 5);
                break;
            case "afternoon":
                await AfternoonBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100,
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000,
                    args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 30);
                break;
            case "provincestats":
                await StatisticsBench.ProvinceAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100,
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20,
                    args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10, args.Length > 5 && args[5] == "recount");
                break;
            case "plans":
                await ProvincePlans.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100,
                    args.Length > 2 ? args[2] : Path.Combine("docs", "query-plans.md"));
                break;
            case "ledger":
                await LedgerBench.RunAsync(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pingyi-bench-ledger-" + Guid.NewGuid().ToString("N")),
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_000, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200);
                break;
            case "grading":
                await GradingBench.ProvinceAsync(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pingyi-bench-grading-" + Guid.NewGuid().ToString("N")),
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5);
                break;
            case "gradingpages":
                await GradingBench.PagesAsync(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pingyi-bench-gradingpages-" + Guid.NewGuid().ToString("N")),
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 15);
                break;
            case "engine":
                EngineBench.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000, 30);
                break;
            case "tree":
                await TreeAsync(args[1]);
                break;
            case "readxlsx":
                return ExcelReadersBench.ReadOne(args[1], args[2], args.Length > 3 && args[3] == "dump");
            case "excelreaders":
                ExcelReadersBench.Compare(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5, WriteRoster);
                break;
            default:
                Console.Error.WriteLine("usage: all [rows] | prepare DIR | roster FILE ROWS | read FILE | import DIR FILE | tree DIR | intake [DIR] [RATERS] [ROUNDS] | engine [REPORTERS] | ledger [DIR] [ITEMS] [REQUESTS] | excelreaders FILE [ROUNDS] | readxlsx platform|exceldatareader|miniexcel FILE [dump]");
                return 2;
        }
        return 0;
    }

    private static void Report((TimeSpan Elapsed, string Detail) result) =>
        Console.WriteLine($"RESULT {result.Elapsed.TotalSeconds:F2} s, peak {PeakMegabytes()} MB, {result.Detail}");

    private static long PeakMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static WebApplicationFactory<Program> Host(string dataDirectory) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Production");
        b.UseContentRoot(AppContext.BaseDirectory);
        b.UseSetting("Data:Directory", dataDirectory);
        b.UseSetting("PINGYI_ADMIN_PASSWORD", "Bench-Admin-2026");
        b.UseSetting("Logging:LogLevel:Default", "Warning");
    });

    private static async Task PrepareAsync(string dataDirectory)
    {
        await using var host = Host(dataDirectory);
        _ = host.Services; // starts: migrates and loads the demo county
        await Task.CompletedTask;
    }

    private static void WriteRoster(string file, int rows)
    {
        var random = new Random(42);
        var ids = new HashSet<string>();
        var codes = Enumerable.Range(1, 14).SelectMany(t => Enumerable.Range(1, 15).Select(v => $"T{t:00}-V{v:00}")).ToArray();
        using var stream = File.Create(file);
        using var writer = new TableWriter(stream, TableFormat.Xlsx, "花名册", Columns.Roster);
        for (var i = 0; i < rows; i++)
        {
            string id;
            do
            {
                id = ResidentIdNumber.Create($"4288{random.Next(10, 99)}", new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 40)), random.Next(0, 1000)).Value;
            }
            while (!ids.Add(id));
            writer.WriteRow(["成员" + i.ToString(CultureInfo.InvariantCulture), null, id, "139" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                codes[i % codes.Length], null, "正式党员", "2012-07-01", "2013-07-01", null, null, null]);
        }
    }

    // The baseline: the same file read with the Excel library alone, forward-only, every cell's text resolved.
    private static (TimeSpan, string) ReadWithSdkOnly(string file)
    {
        var watch = Stopwatch.StartNew();
        using var doc = SpreadsheetDocument.Open(file, false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First();
        using var reader = OpenXmlReader.Create((WorksheetPart)wb.GetPartById(sheet.Id!.Value!));
        long rows = 0, chars = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                var row = (Row)reader.LoadCurrentElement()!;
                foreach (var cell in row.Elements<Cell>())
                {
                    chars += (cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty).Length;
                }
                rows++;
            }
        }
        return (watch.Elapsed, $"{rows} rows, {chars} characters");
    }

    // issue 3: audit verify over N entries (goal: 1,000,000 in 5 s). The entries are written straight
    // into an empty database with a valid chain, then the product's verification reads them back.
    private static async Task AuditVerifyAsync(string dataDirectory, int entries)
    {
        await using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseContentRoot(AppContext.BaseDirectory);
            b.UseSetting("Data:Directory", dataDirectory);
            b.UseSetting("Demo:SeedOnFirstRun", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var write = Stopwatch.StartNew();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO audit_entries (\"OccurredAt\", \"UserName\", \"OrganizationPath\", \"Action\", \"EntityType\", \"EntityId\", \"Data\", \"RequestId\", \"PreviousHash\", \"Hash\") VALUES ($t, $u, $p, $a, $e, $i, $d, $r, $ph, $h)";
            foreach (var name in new[] { "$t", "$u", "$p", "$a", "$e", "$i", "$d", "$r", "$ph", "$h" })
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = name;
                insert.Parameters.Add(parameter);
            }
            await insert.PrepareAsync();
            var previous = Pingyi.Web.Modules.Audit.AuditChain.Genesis;
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var n = 0; n < entries; n++)
            {
                var entry = new Pingyi.Web.Modules.Audit.AuditEntry
                {
                    OccurredAt = start.AddSeconds(n), UserName = "admin", OrganizationPath = "/1/2/", Action = "organization.rename", EntityType = "Organization",
                    EntityId = (n % 500).ToString(CultureInfo.InvariantCulture), Data = "{\"before\":\"东村\",\"after\":\"西村\"}", RequestId = "bench-" + n, PreviousHash = previous, Hash = string.Empty,
                };
                entry.Hash = Pingyi.Web.Modules.Audit.AuditChain.ComputeHash(entry);
                previous = entry.Hash;
                object?[] values = [entry.OccurredAt, entry.UserName, entry.OrganizationPath, entry.Action, entry.EntityType, entry.EntityId, entry.Data, entry.RequestId, entry.PreviousHash, entry.Hash];
                for (var i = 0; i < values.Length; i++)
                {
                    insert.Parameters[i].Value = values[i];
                }
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        Console.WriteLine($"RESULT wrote {entries} chained entries in {write.Elapsed.TotalSeconds:F1} s");
        var watch = Stopwatch.StartNew();
        var result = await Pingyi.Web.Modules.Audit.AuditChain.VerifyAsync(db);
        Console.WriteLine($"RESULT audit verify: {watch.Elapsed.TotalSeconds:F2} s over {result.Entries} entries, valid={result.Valid}");
    }

    // issue 3: the cost of auditing. The same unit of work — rename an organization and keep its dated
    // event — through the product's service (audited, chained under the lock) and without the audit
    // entry, by two concurrent writers, 400 renames each way.
    private static async Task AuditCostAsync(string dataDirectory)
    {
        await using var host = Host(dataDirectory);
        var ids = await WithScopeAsync(host, sp => sp.GetRequiredService<PingyiDbContext>().Organizations
            .Where(o => o.Level == Pingyi.Core.Organizations.OrganizationLevel.Branch).OrderBy(o => o.Id).Select(o => o.Id).Take(200).ToListAsync());
        // The ways alternate, three rounds after a warm-up round, and each way's median counts: disk flushes
        // make single short runs differ by a fifth.
        async Task<double> MeasureOnce(Func<IServiceProvider, long, int, Task> rename)
        {
            var workers = int.TryParse(Environment.GetEnvironmentVariable("PINGYI_BENCH_WRITERS"), out var w) ? w : 2;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; i < 600 / workers; i++)
                {
                    await WithScopeAsync(host, async sp => { await rename(sp, ids[(i + worker * 100) % ids.Count], worker * 1000 + i); return 0; });
                }
            })));
            return 600 / watch.Elapsed.TotalSeconds;
        }
        // Unaudited: the rename and its dated event. Audited: the same plus its audit entry, chained under
        // the lock. Then the product's service, which adds its scope and rule checks, for reference.
        async Task Rename(IServiceProvider sp, long id, int n, bool audit)
        {
            var db = sp.GetRequiredService<PingyiDbContext>();
            var organization = await db.Organizations.FirstAsync(o => o.Id == id);
            var old = organization.Name;
            organization.Name = $"基准{n}-{Environment.TickCount64}";
            organization.UpdatedAt = DateTime.UtcNow;
            db.OrganizationEvents.Add(new Pingyi.Web.Modules.Organizations.OrganizationEvent
            {
                OrganizationId = id, Kind = Pingyi.Web.Modules.Organizations.OrganizationEventKind.Renamed, EffectiveOn = DateOnly.FromDateTime(DateTime.UtcNow),
                RecordedAt = DateTime.UtcNow, OldValue = old, NewValue = organization.Name, RecordedBy = "bench",
            });
            if (audit)
            {
                sp.GetRequiredService<Pingyi.Web.Modules.Audit.AuditLog>().Record("organization.rename", "Organization", id, organization.Path, new { before = old, after = organization.Name });
            }
            await db.SaveChangesAsync();
        }
        Func<IServiceProvider, long, int, Task> plainWay = (sp, id, n) => Rename(sp, id, n, audit: false);
        Func<IServiceProvider, long, int, Task> auditedWay = (sp, id, n) => Rename(sp, id, n, audit: true);
        Func<IServiceProvider, long, int, Task> serviceWay = async (sp, id, n) =>
        {
            sp.GetRequiredService<Scope>().UseWholeTree();
            await sp.GetRequiredService<Pingyi.Web.Modules.Organizations.RenameOrganizationHandler>()
                .HandleAsync(id, new Pingyi.Web.Modules.Organizations.RenameOrganization($"基准服务{n}-{Environment.TickCount64}", null, null));
        };
        await MeasureOnce(plainWay);
        await MeasureOnce(auditedWay);
        await MeasureOnce(serviceWay);
        var plainRuns = new List<double>();
        var auditedRuns = new List<double>();
        var serviceRuns = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            plainRuns.Add(await MeasureOnce(plainWay));
            auditedRuns.Add(await MeasureOnce(auditedWay));
            serviceRuns.Add(await MeasureOnce(serviceWay));
        }
        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        var plain = Median(plainRuns);
        var audited = Median(auditedRuns);
        var service = Median(serviceRuns);
        var writers = Environment.GetEnvironmentVariable("PINGYI_BENCH_WRITERS") ?? "2";
        Console.WriteLine($"RESULT audit cost: audited {audited:F0} renames/s, unaudited {plain:F0} renames/s, ratio {audited / plain:P0} ({writers} concurrent writers, SQLite); the service's rename with its checks {service:F0}/s");
    }

    private static async Task<T> WithScopeAsync<T>(WebApplicationFactory<Program> host, Func<IServiceProvider, Task<T>> action)
    {
        using var scope = host.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    // The product's reader alone: how much of an import is reading.
    private static (TimeSpan, string) ReadWithTableReader(string file)
    {
        var watch = Stopwatch.StartNew();
        using var stream = File.OpenRead(file);
        using var reader = TableReader.Open(stream, file);
        long rows = 0, chars = 0;
        foreach (var row in reader.Rows())
        {
            rows++;
            foreach (var cell in row.Cells)
            {
                chars += cell?.Length ?? 0;
            }
        }
        return (watch.Elapsed, $"{rows} rows, {chars} characters");
    }

    private static async Task<(TimeSpan, string)> ImportAsync(string dataDirectory, string file, bool dryRun = false)
    {
        await using var host = Host(dataDirectory);
        using var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
        var import = scope.ServiceProvider.GetRequiredService<RosterImport>();
        var watch = Stopwatch.StartNew();
        await using var stream = File.OpenRead(file);
        var report = await import.RunAsync(stream, file, dryRun, new ImportProgress(), CancellationToken.None);
        var elapsed = watch.Elapsed;
        var people = await scope.ServiceProvider.GetRequiredService<PingyiDbContext>().People.CountAsync();
        return (elapsed, $"committed={report.Committed} created={report.Created} updated={report.Updated} rejected={report.Rejected}; people now {people}");
    }

    private static async Task TreeAsync(string dataDirectory)
    {
        await using var host = Host(dataDirectory);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = "Bench-Admin-2026" });
        login.EnsureSuccessStatusCode();
        foreach (var (name, url) in new[] { ("tree page /Organizations", "/Organizations"), ("township expansion", "/Organizations?handler=Children&id=2"), ("tree API depth 2", "/api/v1/organizations/tree?depth=2") })
        {
            for (var i = 0; i < 20; i++)
            {
                (await client.GetAsync(url)).EnsureSuccessStatusCode();
            }
            var times = new List<double>();
            for (var i = 0; i < 200; i++)
            {
                var watch = Stopwatch.StartNew();
                var response = await client.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                times.Add(watch.Elapsed.TotalMilliseconds);
                response.EnsureSuccessStatusCode();
            }
            times.Sort();
            Console.WriteLine($"RESULT {name}: p50 {times[99]:F1} ms, p95 {times[189]:F1} ms, max {times[^1]:F1} ms (200 requests, in-process server)");
        }
    }

    private static async Task RunAllAsync(int rows)
    {
        var self = Environment.ProcessPath!;
        var dll = typeof(Bench).Assembly.Location.Replace("Pingyi.Bench.dll", string.Empty, StringComparison.Ordinal);
        var selfDll = Path.Combine(dll, "Pingyi.Bench.dll");
        var work = Path.Combine(Path.GetTempPath(), "pingyi-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        string Run(params string[] a) => RunWith(null, a);
        string RunWith(string? postgres, params string[] a)
        {
            var psi = new ProcessStartInfo(self.EndsWith("dotnet", StringComparison.Ordinal) ? self : "dotnet") { RedirectStandardOutput = true };
            if (postgres is not null)
            {
                psi.Environment["Database__Provider"] = "Postgres";
                psi.Environment["ConnectionStrings__Pingyi"] = postgres;
            }
            psi.ArgumentList.Add(selfDll);
            foreach (var x in a)
            {
                psi.ArgumentList.Add(x);
            }
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            // Measurements are the lines marked RESULT; the host may log around them.
            return string.Join('\n', output.Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)).Select(l => l[7..].Trim()));
        }
        var data = Path.Combine(work, "data");
        var file = Path.Combine(work, "roster.xlsx");
        Console.WriteLine($"# Pingyi foundation benchmarks, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        var prepare = Stopwatch.StartNew();
        Run("prepare", data);
        Console.WriteLine($"demo county into empty SQLite: {prepare.Elapsed.TotalSeconds:F1} s");
        Run("roster", file, rows.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"roster file: {rows} rows, {new FileInfo(file).Length / 1024 / 1024.0:F1} MB");
        var baseline = Run("read", file);
        Console.WriteLine($"baseline, OpenXML SDK read only: {baseline}");
        var import = Run("import", data, file);
        Console.WriteLine($"roster import (SQLite): {import}");
        static double Seconds(string line) => double.Parse(line[..line.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        Console.WriteLine($"ratio import / read: {Seconds(import) / Seconds(baseline):F2}");
        Console.WriteLine(Run("tree", data));
        // The same import on PostgreSQL when a server is given (an empty database the bench may fill).
        if (Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is { Length: > 0 } postgres)
        {
            RunWith(postgres, "prepare", Path.Combine(work, "pg"));
            Console.WriteLine($"roster import (PostgreSQL): {RunWith(postgres, "import", Path.Combine(work, "pg"), file)}");
            Console.WriteLine(RunWith(postgres, "tree", Path.Combine(work, "pg")).Replace("\n", " (PostgreSQL)\n", StringComparison.Ordinal) + " (PostgreSQL)");
        }
        // Start to healthy: the real host binary on the existing database.
        var web = Path.Combine(dll, "pingyi.dll");
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            times.Add(await StartToHealthyAsync(web, data));
        }
        Console.WriteLine(Run("auditverify", Path.Combine(work, "audit"), "1000000"));
        Console.WriteLine(Run("auditcost", data));
        Console.WriteLine($"start to healthy on the existing SQLite database: {string.Join(", ", times.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} s");
        Directory.Delete(work, true);
    }

    private static async Task<double> StartToHealthyAsync(string webDll, string data)
    {
        var port = 5600 + Random.Shared.Next(0, 300);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { webDll, "--urls", $"http://127.0.0.1:{port}", "--Data:Directory", data, "--PINGYI_ADMIN_PASSWORD", "Bench-Admin-2026" })
        {
            psi.ArgumentList.Add(a);
        }
        psi.WorkingDirectory = Path.GetDirectoryName(webDll)!;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                try
                {
                    if ((await http.GetStringAsync($"http://127.0.0.1:{port}/healthz")) == "Healthy")
                    {
                        return watch.Elapsed.TotalSeconds;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                await Task.Delay(20);
            }
            return double.NaN;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
