using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Bench;

/// <summary>
/// Issue 16's benchmark at county size: the demo county (about 20,000 members, a year of every module) on SQLite or PostgreSQL.
/// The board counted from scratch (the kept figures cleared before each request) for the county and for a township, beside
/// plain COUNT(*)s over the same tables in the same run; then, at a fixed offered rate (open loop), the board page and API as
/// served (figures kept until the audit trail moves), the list behind a number, and the host's constant endpoint.
/// </summary>
internal static class StatisticsBench
{
    private static string Provider => Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is { Length: > 0 } ? "PostgreSQL" : "SQLite";

    public static async Task RunAsync(string dataDirectory, int rate, int seconds, int rounds)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var host = new BenchHost(dataDirectory);
        long township;
        using (var scope = host.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var watch = Stopwatch.StartNew();
            var county = await Pingyi.Web.Modules.Demo.DemoModule.LoadAsync(sp, new(), 800, 1);
            await Pingyi.Web.Modules.Accounts.AccountSeeding.EnsureAdministratorAsync(sp, sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
                Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            var db = sp.GetRequiredService<PingyiDbContext>();
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
            township = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
            Console.WriteLine($"{Provider}: demo county loaded in {watch.Elapsed.TotalSeconds:F0} s — {county.Organizations} organizations, {county.People} people");
        }
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/auth/login", new { userName = "admin", password = BenchHost.Password })).EnsureSuccessStatusCode();
        var antiforgery = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, "/api/v1/auth/antiforgery");
        client.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        var cache = (MemoryCache)host.Services.GetRequiredService<IMemoryCache>();

        async Task Cold(string url)
        {
            cache.Clear(); // the board, and the birth dates read from the ID numbers, counted again
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
        }
        Task<double[]> TimesAsync(Func<Task> action) => Times(action, rounds);
        Task PlainCounts() => PlainCountsAsync(host.Services);
        void Report(string name, double[] times) => ReportTimes(Provider, name, times);
        var plain = await TimesAsync(PlainCounts);
        Report("plain COUNT(*) over the 9 tables the board reads", (double[])plain.Clone());
        var countyCold = await TimesAsync(() => Cold("/api/v1/statistics"));
        Report("board counted from scratch, county (14+2 townships as columns)", (double[])countyCold.Clone());
        var countyRecount = await RecountTimesAsync(client, "/api/v1/statistics", rounds);
        Report("board counted again after a change in the county (birth dates kept)", (double[])countyRecount.Clone());
        var townshipCold = await TimesAsync(() => Cold($"/api/v1/statistics?organizationId={township}"));
        Report("board counted from scratch, one township", (double[])townshipCold.Clone());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RATIO {Provider} county board from scratch ÷ plain counts (medians): {Median(countyCold) / Median(plain):F1}; counted again after a change ÷ plain counts: {Median(countyRecount) / Median(plain):F1}"));
        foreach (var (name, url) in new[]
        {
            ("trivial endpoint (floor)", "/bench/trivial"),
            ("statistics page, county (figures kept)", "/Statistics"),
            ("statistics API, county (figures kept)", "/api/v1/statistics"),
            ("statistics page, township (figures kept)", $"/Statistics?org={township}"),
            ("list behind a number: members 35 and under, first page (counted each time)", "/Statistics/List?key=mem.age35"),
            ("list behind a number: overdue ledger items, first page", "/Statistics/List?key=ledger.overdue"),
        })
        {
            await GradingBench.OpenLoopAsync(client, name, url, rate, seconds);
        }
        Console.WriteLine($"({Environment.ProcessorCount} cores; in-process server; {rate} requests/s offered for {seconds} s each after 2 s of warm-up)");
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>One warm-up, then <paramref name="rounds"/> sequential runs of the action, in milliseconds.</summary>
    private static async Task<double[]> Times(Func<Task> action, int rounds)
    {
        await action();
        var times = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await action();
            times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        return times;
    }

    /// <summary>
    /// The board as a clerk sees it on the next view after a change in the county: a ledger item registered (not timed), then
    /// the board read (timed) — counted again because the audit trail moved, with the birth dates read from the ID numbers
    /// still kept (the roster did not change). One warm-up, then <paramref name="rounds"/> sequential runs, in milliseconds.
    /// </summary>
    private static async Task<double[]> RecountTimesAsync(HttpClient client, string url, int rounds)
    {
        var board = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, "/api/v1/statistics");
        var responsible = board.GetProperty("children")[0].GetProperty("id").GetInt64();
        var times = new double[rounds];
        for (var i = -1; i < rounds; i++)
        {
            (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/ledger", new
            {
                category = "组织建设", description = $"基准测试：改动后重新统计{i + 2}", responsibleOrganizationId = responsible, deadline = "2030-06-30",
            })).EnsureSuccessStatusCode();
            var t = Stopwatch.GetTimestamp();
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
            if (i >= 0)
            {
                times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        }
        return times;
    }

    /// <summary>The baseline: a plain COUNT(*) over each of the nine tables the board reads, whole tables.</summary>
    private static async Task PlainCountsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        _ = await db.Organizations.CountAsync() + await db.People.CountAsync() + await db.GradeResults.CountAsync() + await db.Commitments.CountAsync()
            + await db.LedgerItems.CountAsync() + await db.MeetingResults.CountAsync() + await db.TrainingAttendances.CountAsync()
            + await db.Petitions.CountAsync() + await db.ServiceRequests.CountAsync();
    }

    private static void ReportTimes(string provider, string name, double[] times)
    {
        times = times.Order().ToArray();
        double P(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {provider} {name}: p50 {P(0.5):F1} ms, p95 {P(0.95):F1} ms, max {times[^1]:F1} ms ({times.Length} sequential)"));
    }

    /// <summary>
    /// Issue 16's benchmark at province size (PostgreSQL, PINGYI_BENCH_PG): the demo county copied into COUNTIES counties
    /// (<see cref="ProvincePlans.MakeProvinceAsync"/>, about 50,000 organizations and 2,000,000 people at 100) under a
    /// provincial committee (省委) made the root of the tree, with an account of the province's organization department. The
    /// board counted from scratch for one county (the county's administrator) and for the province (its 100 counties as
    /// columns), beside plain COUNT(*)s over the same nine tables in the same run; then the pages as served at a fixed offered
    /// rate (open loop).
    ///   PINGYI_BENCH_PG=… dotnet run -c Release --project bench/Pingyi.Bench -- provincestats [COUNTIES] [ROUNDS] [RATE] [SECONDS] [recount]
    /// (recount: stop after the county's board counted from scratch and again after a change, to profile those two)
    /// </summary>
    public static async Task ProvinceAsync(int counties, int rounds, int rate, int seconds, bool recountOnly = false)
    {
        if (Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is not { Length: > 0 })
        {
            throw new InvalidOperationException("provincestats needs PINGYI_BENCH_PG: an empty PostgreSQL database (or one a plans run filled)");
        }
        System.IO.Directory.CreateDirectory(ProvincePlans.Directory);
        await using var host = new BenchHost(ProvincePlans.Directory);
        using (var scope = host.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            await ProvincePlans.MakeProvinceAsync(sp, counties);
            await ProvinceRootAsync(sp);
            var db = sp.GetRequiredService<PingyiDbContext>();
            Console.WriteLine($"PostgreSQL: {await db.Organizations.CountAsync():N0} organizations, {await db.People.CountAsync():N0} people, "
                + $"{await db.Organizations.CountAsync(o => o.Level == OrganizationLevel.CountyCommittee):N0} counties under the province");
        }
        async Task<HttpClient> SignInAsync(string userName)
        {
            var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/auth/login", new { userName, password = BenchHost.Password })).EnsureSuccessStatusCode();
            var token = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, "/api/v1/auth/antiforgery");
            client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
            return client;
        }
        var county = await SignInAsync("admin");
        var province = await SignInAsync(ProvinceUser);
        var cache = (MemoryCache)host.Services.GetRequiredService<IMemoryCache>();
        async Task Cold(HttpClient client, string url)
        {
            cache.Clear(); // the board, and the birth dates read from the ID numbers, counted again
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
        }
        const string Pg = "PostgreSQL";
        var plain = await Times(() => PlainCountsAsync(host.Services), rounds);
        ReportTimes(Pg, "plain COUNT(*) over the 9 tables the board reads (the whole province)", (double[])plain.Clone());
        var countyCold = await Times(() => Cold(county, "/api/v1/statistics"), rounds);
        ReportTimes(Pg, "board counted from scratch, one county (its townships as columns)", (double[])countyCold.Clone());
        var countyRecount = await RecountTimesAsync(county, "/api/v1/statistics", rounds);
        ReportTimes(Pg, "board counted again after a change in the county (birth dates kept)", (double[])countyRecount.Clone());
        if (recountOnly)
        {
            return;
        }
        var provinceCold = await Times(() => Cold(province, "/api/v1/statistics"), rounds);
        ReportTimes(Pg, $"board counted from scratch, the province ({counties} counties as columns)", (double[])provinceCold.Clone());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RATIO {Pg} county board from scratch ÷ plain counts (medians): {Median(countyCold) / Median(plain):F2}; counted again after a change: {Median(countyRecount) / Median(plain):F2}; province board ÷ plain counts: {Median(provinceCold) / Median(plain):F2}"));
        foreach (var (name, client, url) in new[]
        {
            ("trivial endpoint (floor)", county, "/bench/trivial"),
            ("statistics page, county (figures kept)", county, "/Statistics"),
            ("statistics page, province (figures kept)", province, "/Statistics"),
        })
        {
            await GradingBench.OpenLoopAsync(client, name, url, rate, seconds);
        }

        // While the records move: the county's clerk registers a ledger item every WritePause (each audited, so the county's
        // kept board is out of date: counted again on the next view); the province's shows its snapshot while one count runs
        // in the background. Then while another county writes (the province's department registers the items there): the
        // county's board stays kept, nothing under it moved.
        var board = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(county, "/api/v1/statistics");
        var own = board.GetProperty("children")[0].GetProperty("id").GetInt64();
        long elsewhere;
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            var countyPath = await db.Organizations.Where(o => o.Id == board.GetProperty("root").GetProperty("id").GetInt64()).Select(o => o.Path).FirstAsync();
            elsewhere = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee && !o.Path.StartsWith(countyPath)).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        }
        await WhileWritingAsync(county, own, [("statistics page, province, while a county writes", province), ("statistics page, county, while it writes", county)]);
        await WhileWritingAsync(province, elsewhere, [("statistics page, county, while another county writes", county)]);
        Console.WriteLine($"(one ledger item registered every {WritePause.TotalSeconds:F0} s while pages are offered at {UnderWrites}/s)");

        async Task WhileWritingAsync(HttpClient writer, long responsible, (string Name, HttpClient Client)[] pages)
        {
            using var writing = new CancellationTokenSource();
            var writes = 0;
            var writerTask = Task.Run(async () =>
            {
                while (!writing.IsCancellationRequested)
                {
                    (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(writer, "/api/v1/ledger", new
                    {
                        category = "组织建设", description = $"基准测试登记的问题{writes}", responsibleOrganizationId = responsible, deadline = "2030-06-30",
                    })).EnsureSuccessStatusCode();
                    writes++;
                    try
                    {
                        await Task.Delay(WritePause, writing.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            });
            foreach (var (name, client) in pages)
            {
                await GradingBench.OpenLoopAsync(client, name, "/Statistics", UnderWrites, seconds);
            }
            await writing.CancelAsync();
            await writerTask;
            Console.WriteLine($"({writes} ledger items registered)");
        }
        Console.WriteLine($"({Environment.ProcessorCount} cores; in-process server; {rate} requests/s offered for {seconds} s each after 2 s of warm-up)");
    }

    private const string ProvinceUser = "province";

    private static readonly TimeSpan WritePause = TimeSpan.FromSeconds(2);

    /// <summary>The rate the pages are offered at while the records move: a county's board counted again takes about a second.</summary>
    private const int UnderWrites = 2;

    /// <summary>
    /// A provincial committee made the root above the copied counties (their paths and their audit entries' paths moved below
    /// it, as a province that imported its counties under its own committee has them), and an account of its organization
    /// department. Done once: a later run finds them.
    /// </summary>
    private static async Task ProvinceRootAsync(IServiceProvider sp)
    {
        var db = sp.GetRequiredService<PingyiDbContext>();
        if (!await db.Organizations.AnyAsync(o => o.Level == OrganizationLevel.ProvincialCommittee))
        {
            var watch = Stopwatch.StartNew();
            var id = await db.Organizations.MaxAsync(o => o.Id) + 1;
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var move = $$"""
                INSERT INTO organizations ("Id", "Code", "Name", "Level", "Category", "ParentId", "Path", "Depth", "SortOrder", "Status", "EstablishedOn", "CreatedAt", "UpdatedAt")
                OVERRIDING SYSTEM VALUE VALUES ({{id}}, 'P0001', '中共测试省委员会', {{(int)OrganizationLevel.ProvincialCommittee}}, 0, NULL, '/{{id}}/', 0, 0, 1, DATE '1949-10-01', now(), now());
                UPDATE organizations SET "Path" = '/{{id}}' || "Path", "Depth" = "Depth" + 1 WHERE "Id" <> {{id}};
                UPDATE organizations SET "ParentId" = {{id}} WHERE "ParentId" IS NULL AND "Id" <> {{id}};
                UPDATE audit_entries SET "OrganizationPath" = '/{{id}}' || "OrganizationPath" WHERE "OrganizationPath" IS NOT NULL;
                SELECT setval(pg_get_serial_sequence('organizations', 'Id'), {{id}});
                """;
            await db.Database.ExecuteSqlRawAsync(move);
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE organizations");
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE audit_entries");
            Console.WriteLine($"the province's committee made the root in {watch.Elapsed.TotalSeconds:F0} s");
        }
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Pingyi.Web.Modules.Accounts.AppUser>>();
        if (await users.FindByNameAsync(ProvinceUser) is null)
        {
            var root = await db.Organizations.SingleAsync(o => o.Level == OrganizationLevel.ProvincialCommittee);
            var user = new Pingyi.Web.Modules.Accounts.AppUser { UserName = ProvinceUser, DisplayName = "省委组织部", OrganizationId = root.Id, LockoutEnabled = true };
            var created = await users.CreateAsync(user, BenchHost.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(user, Pingyi.Web.Modules.Accounts.Roles.OrganizationDepartment);
        }
    }
}
