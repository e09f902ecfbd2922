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
        var cache = (MemoryCache)host.Services.GetRequiredService<IMemoryCache>();

        async Task<double[]> TimesAsync(Func<Task> action)
        {
            await action(); // warm-up
            var times = new double[rounds];
            for (var i = 0; i < rounds; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await action();
                times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
            return times;
        }
        async Task Cold(string url)
        {
            cache.Clear(); // the board, and the birth dates read from the ID numbers, counted again
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
        }
        async Task PlainCounts()
        {
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            _ = await db.Organizations.CountAsync() + await db.People.CountAsync() + await db.GradeResults.CountAsync() + await db.Commitments.CountAsync()
                + await db.LedgerItems.CountAsync() + await db.MeetingResults.CountAsync() + await db.TrainingAttendances.CountAsync()
                + await db.Petitions.CountAsync() + await db.ServiceRequests.CountAsync();
        }
        void Report(string name, double[] times)
        {
            Array.Sort(times);
            double P(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {Provider} {name}: p50 {P(0.5):F1} ms, p95 {P(0.95):F1} ms, max {times[^1]:F1} ms ({times.Length} sequential)"));
        }
        var plain = await TimesAsync(PlainCounts);
        Report("plain COUNT(*) over the 9 tables the board reads", (double[])plain.Clone());
        var countyCold = await TimesAsync(() => Cold("/api/v1/statistics"));
        Report("board counted from scratch, county (14+2 townships as columns)", (double[])countyCold.Clone());
        var townshipCold = await TimesAsync(() => Cold($"/api/v1/statistics?organizationId={township}"));
        Report("board counted from scratch, one township", (double[])townshipCold.Clone());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RATIO {Provider} county board from scratch ÷ plain counts (medians): {Median(countyCold) / Median(plain):F1}"));
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
}
