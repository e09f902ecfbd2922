using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Demo;

namespace Pingyi.Bench;

/// <summary>
/// The ledger at county size (issue 5): 20,000 items over the demo county's 500 organizations, half a
/// year of work. Server time of the ledger page with filters, the dashboard and the monthly bulletin,
/// requests one after another through the in-process test server (no network), as the county's
/// administrator (the widest scope) and as one township; the trivial endpoint of the same host is the floor.
/// </summary>
internal static class LedgerBench
{
    public static async Task RunAsync(string dataDirectory, int items, int repeats)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var host = new BenchHost(dataDirectory);
        var provider = Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is { Length: > 0 } ? "PostgreSQL" : "SQLite";
        var watch = Stopwatch.StartNew();
        long township;
        using (var scope = host.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
            await scope.ServiceProvider.GetRequiredService<DemoCounty>().GenerateAsync(new(1, 2_000));
            await scope.ServiceProvider.GetRequiredService<DemoLedger>().GenerateAsync(items);
            await Pingyi.Web.Modules.Accounts.AccountSeeding.EnsureAdministratorAsync(scope.ServiceProvider,
                scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, withDemoAccounts: true);
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            township = await db.Organizations.Where(o => o.Code == "T01").Select(o => o.Id).SingleAsync();
            Console.WriteLine($"{provider}: {await db.LedgerItems.CountAsync():N0} ledger items over {await db.Organizations.CountAsync()} organizations, loaded in {watch.Elapsed.TotalSeconds:F1} s");
        }
        var county = await SignInAsync(host, "admin");
        var chengguan = await SignInAsync(host, "chengguan");
        var month = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddMonths(-1);

        Measure(county, "trivial endpoint (floor)", "/bench/trivial", repeats);
        foreach (var (name, url) in new[]
        {
            ("ledger page, no filter", "/Ledger"),
            ("ledger page, state + category", "/Ledger?state=InProgress&category=" + Uri.EscapeDataString("组织建设")),
            ("ledger page, overdue", "/Ledger?overdue=true"),
            ("ledger page, text search", "/Ledger?q=" + Uri.EscapeDataString("路灯")),
            ("ledger page, township subtree + overdue", $"/Ledger?under={township}&overdue=true"),
            ("ledger page, page 100", "/Ledger?page=100"),
            ("ledger API, overdue + source", "/api/v1/ledger?overdue=true&source=Supervision"),
            ("dashboard page", "/Ledger/Dashboard"),
            ("dashboard API", "/api/v1/ledger/dashboard"),
        })
        {
            Measure(county, "county: " + name, url, repeats);
        }
        Measure(chengguan, "township: ledger page, overdue", "/Ledger?overdue=true", repeats);
        Measure(chengguan, "township: dashboard page", "/Ledger/Dashboard", repeats);
        Measure(county, $"county: monthly bulletin {month.Year}-{month.Month:00} (computed)", $"/api/v1/bulletins/preview?year={month.Year}&month={month.Month}", Math.Max(5, repeats / 20));
        var bulletin = await (await county.PostAsJsonAsync("/api/v1/bulletins", new { year = month.Year, month = month.Month })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Measure(county, "county: monthly bulletin as Word", $"/api/v1/bulletins/{bulletin.GetProperty("id").GetInt64()}/document", Math.Max(5, repeats / 20));
        Console.WriteLine($"({Environment.ProcessorCount} cores; requests one at a time; first 20 of each are warm-up and not counted)");
    }

    private static void Measure(HttpClient client, string name, string url, int repeats)
    {
        for (var i = 0; i < Math.Min(20, repeats); i++)
        {
            using var warm = client.GetAsync(url).GetAwaiter().GetResult();
            warm.EnsureSuccessStatusCode();
        }
        var times = new double[repeats];
        long bytes = 0;
        for (var i = 0; i < repeats; i++)
        {
            var t = Stopwatch.GetTimestamp();
            using var response = client.GetAsync(url).GetAwaiter().GetResult();
            var body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            response.EnsureSuccessStatusCode();
            bytes = body.Length;
        }
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {name}: p50 {times[repeats / 2]:F1} ms, p95 {times[(int)(repeats * 0.95)]:F1} ms, max {times[^1]:F1} ms ({repeats} requests, {bytes / 1024} KB)"));
    }

    private static async Task<HttpClient> SignInAsync(BenchHost host, string user)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = user, password = BenchHost.Password })).EnsureSuccessStatusCode();
        return client;
    }
}
