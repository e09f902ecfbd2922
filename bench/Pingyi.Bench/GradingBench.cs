using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Core.Grading;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Demo;
using Pingyi.Web.Modules.Grading;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Bench;

/// <summary>
/// Grading (issue 12). <c>province</c>: a province of 100,000 grassroots organizations with a year of inputs each (12
/// monthly, 4 quarterly, 1 annual: 1.7 million rows) graded in one run — the whole calculation (read the organizations,
/// their inputs and vetoes, grade with quotas) beside the read of the same inputs alone and the Core calculation alone.
/// <c>pages</c>: the demo county's grading board, an organization's grading page and the public commitments board at a
/// fixed offered rate (open loop: each request is sent at its scheduled time whether or not the earlier ones have
/// answered, and its latency counts from that time), beside the trivial endpoint of the same host at the same rate.
/// PINGYI_BENCH_PG: an empty PostgreSQL database instead of SQLite.
/// </summary>
internal static class GradingBench
{
    private static string Provider => Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is { Length: > 0 } ? "PostgreSQL" : "SQLite";

    public static async Task ProvinceAsync(string dataDirectory, int organizations, int rounds)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var host = new BenchHost(dataDirectory);
        const int year = 2025;
        var watch = Stopwatch.StartNew();
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            if (!await db.GradingInputs.AnyAsync())
            {
                await LoadProvinceAsync(db, organizations, year);
                Console.WriteLine($"{Provider}: {organizations:N0} organizations, {organizations * 17:N0} inputs loaded in {watch.Elapsed.TotalSeconds:F0} s");
            }
            else
            {
                Console.WriteLine($"{Provider}: the province of an earlier run, {await db.GradingInputs.CountAsync():N0} inputs");
            }
        }

        var read = new List<double>();
        var graded = new List<double>();
        var core = new List<double>();
        int[] counts = [];
        for (var round = 0; round < rounds + 1; round++)
        {
            using var scope = host.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
            var calculation = scope.ServiceProvider.GetRequiredService<GradingCalculation>();
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            var ids = await db.Organizations.Where(o => o.Level == OrganizationLevel.Branch).OrderBy(o => o.Path).Select(o => o.Id).ToListAsync();
            var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);

            var t = Stopwatch.GetTimestamp();
            var inputs = await calculation.ReadInputsAsync(year, index, default);
            var readMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

            t = Stopwatch.GetTimestamp();
            var outcomes = Pingyi.Core.Grading.Grading.Assign(new GradingRules(), inputs, new bool[inputs.Length]);
            var coreMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

            t = Stopwatch.GetTimestamp();
            var result = await calculation.RunAsync(year, new GradingRules(), default);
            var gradedMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            counts = [.. Enum.GetValues<OrganizationGrade>().Select(g => result.Count(r => r.Outcome.Grade == g)), result.Count(r => r.Outcome.Exemplary)];
            if (outcomes.Length != result.Count)
            {
                throw new InvalidOperationException("the calculation graded another set of organizations");
            }
            if (round > 0)
            {
                // The first round warms up the connection pool, the query cache and the JIT.
                read.Add(readMs);
                core.Add(coreMs);
                graded.Add(gradedMs);
            }
        }
        read.Sort();
        graded.Sort();
        core.Sort();
        Console.WriteLine($"graded: {counts[0]:N0} 先进, {counts[1]:N0} 一般, {counts[2]:N0} 后进, {counts[3]:N0} 示范");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Provider} read the inputs alone: min {read[0]:F0} ms, median {read[read.Count / 2]:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Provider} grade the year (organizations, inputs, vetoes, quotas): min {graded[0]:F0} ms, median {graded[graded.Count / 2]:F0} ms — {graded[graded.Count / 2] / read[read.Count / 2]:F2}× the read"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT Core calculation alone (in memory): min {core[0]:F0} ms, median {core[core.Count / 2]:F0} ms"));
        Console.WriteLine($"({Environment.ProcessorCount} cores; {rounds} rounds after one warm-up)");
    }

    /// <summary>100 counties of 1,000 branches each under one province committee, and a year of inputs for every branch.</summary>
    private static async Task LoadProvinceAsync(PingyiDbContext db, int organizations, int year)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTime.UtcNow;
        var established = new DateOnly(1990, 1, 1);
        Organization Org(string code, string name, OrganizationLevel level, int order) =>
            new() { Code = code, Name = name, Level = level, Category = level == OrganizationLevel.Branch ? OrganizationCategory.Village : OrganizationCategory.None,
                SortOrder = order, EstablishedOn = established, CreatedAt = now, UpdatedAt = now };
        var root = Org("P", "省委", OrganizationLevel.CountyCommittee, 1);
        db.Organizations.Add(root);
        await db.SaveChangesAsync();
        root.Path = $"/{root.Id}/";
        db.Entry(root).Property(o => o.Path).IsModified = true;
        await db.SaveChangesAsync();
        var counties = Math.Max(1, organizations / 1000);
        var random = new Random(12);
        var made = 0;
        for (var c = 0; c < counties; c++)
        {
            var county = Org($"P-{c:000}", $"第{c + 1}县委", OrganizationLevel.TownshipCommittee, c);
            county.ParentId = root.Id;
            county.Depth = 1;
            db.Organizations.Add(county);
            await db.SaveChangesAsync();
            county.Path = $"{root.Path}{county.Id}/";
            db.Entry(county).Property(o => o.Path).IsModified = true;
            var branches = new List<Organization>();
            for (var b = 0; b < organizations / counties; b++)
            {
                var branch = Org($"P-{c:000}-{b:0000}", $"第{c + 1}县第{b + 1}村党支部", OrganizationLevel.Branch, b);
                branch.ParentId = county.Id;
                branch.Depth = 2;
                branches.Add(branch);
            }
            db.Organizations.AddRange(branches);
            await db.SaveChangesAsync();
            foreach (var branch in branches)
            {
                branch.Path = $"{county.Path}{branch.Id}/";
                db.Entry(branch).Property(o => o.Path).IsModified = true;
                var standing = 60 + random.NextDouble() * 39;
                decimal Score() => decimal.Round((decimal)Math.Clamp(standing + (random.NextDouble() - 0.5) * 8, 0, 100), 1);
                for (var m = 1; m <= 12; m++)
                {
                    db.GradingInputs.Add(new GradingInputRecord { OrganizationId = branch.Id, Year = year, Kind = GradingInputKind.Monthly, Period = m, Score = Score(), UserName = "bench", At = now });
                }
                for (var q = 1; q <= 4; q++)
                {
                    db.GradingInputs.Add(new GradingInputRecord { OrganizationId = branch.Id, Year = year, Kind = GradingInputKind.Quarterly, Period = q, Score = Score(), UserName = "bench", At = now });
                }
                db.GradingInputs.Add(new GradingInputRecord { OrganizationId = branch.Id, Year = year, Kind = GradingInputKind.Annual, Period = 1, Score = Score(), UserName = "bench", At = now });
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            made += branches.Count;
        }
        if (made != organizations)
        {
            Console.WriteLine($"({made:N0} organizations: a whole number of counties of 1,000)");
        }
    }

    public static async Task PagesAsync(string dataDirectory, int rate, int seconds)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var host = new BenchHost(dataDirectory);
        long organization;
        long award;
        int year;
        using (var scope = host.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
            await scope.ServiceProvider.GetRequiredService<DemoCounty>().GenerateAsync(new(1, 20_000));
            await scope.ServiceProvider.GetRequiredService<DemoLedger>().GenerateAsync(800);
            await scope.ServiceProvider.GetRequiredService<DemoCommitments>().GenerateAsync();
            await scope.ServiceProvider.GetRequiredService<DemoGrading>().GenerateAsync();
            await scope.ServiceProvider.GetRequiredService<DemoAwards>().GenerateAsync();
            await Pingyi.Web.Modules.Accounts.AccountSeeding.EnsureAdministratorAsync(scope.ServiceProvider,
                scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, withDemoAccounts: true);
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            if (db.Database.IsNpgsql())
            {
                // A database just bulk-loaded has no statistics yet until autovacuum gets to it; a running one has them.
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
            year = await db.GradeResults.MaxAsync(r => r.Year);
            organization = await db.GradeResults.Where(r => r.Year == year && r.Grade == OrganizationGrade.Lagging).Select(r => r.OrganizationId).FirstAsync();
            award = await db.Awards.Where(a => a.Year == year).OrderByDescending(a => a.Quota).Select(a => a.Id).FirstAsync();
            Console.WriteLine($"{Provider}: demo county, {await db.GradeResults.CountAsync(r => r.Year == year):N0} organizations graded for {year}, "
                + $"{await db.Commitments.CountAsync():N0} commitments, {await db.AwardNominations.CountAsync():N0} award nominations");
        }
        var county = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await county.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = BenchHost.Password })).EnsureSuccessStatusCode();
        var anonymous = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var (client, name, url) in new[]
        {
            (county, "trivial endpoint (floor)", "/bench/trivial"),
            (county, "grading board (county, graded year)", $"/Grading?year={year}"),
            (county, "grading board, 摘帽子 track", $"/Grading?year={year}&track=Lagging"),
            (county, "grading board (this year's preview)", $"/Grading?year={year + 1}"),
            (county, "an organization's grading page", $"/Grading/Organization/{organization}?year={year}"),
            (county, "commitments list (county)", "/Commitments"),
            (anonymous, "public commitments board", "/Public/Commitments"),
            (county, "awards of the year", $"/Awards?year={year}"),
            (county, "the largest award with its nominations", $"/Awards/Details/{award}"),
            (anonymous, "public awards board", $"/Public/Awards?year={year}"),
        })
        {
            await OpenLoopAsync(client, name, url, rate, seconds);
        }
        Console.WriteLine($"({Environment.ProcessorCount} cores; in-process server; {rate} requests/s offered for {seconds} s each after 2 s of warm-up)");
    }

    /// <summary>Requests sent at a fixed rate for the given time; each latency counts from the request's scheduled start.</summary>
    internal static async Task OpenLoopAsync(HttpClient client, string name, string url, int rate, int seconds)
    {
        for (var i = 0; i < 2 * rate; i++)
        {
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
        }
        var total = rate * seconds;
        var latencies = new double[total];
        var failures = 0;
        var start = Stopwatch.GetTimestamp();
        var tasks = new Task[total];
        for (var i = 0; i < total; i++)
        {
            var scheduled = i * 1000.0 / rate;
            var wait = scheduled - Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (wait > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }
            var n = i;
            tasks[i] = Task.Run(async () =>
            {
                using var response = await client.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
                latencies[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds - scheduled;
            });
        }
        await Task.WhenAll(tasks);
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Provider} {name}: p50 {latencies[total / 2]:F1} ms, p95 {latencies[(int)(total * 0.95)]:F1} ms, p99 {latencies[(int)(total * 0.99)]:F1} ms, max {latencies[^1]:F1} ms ({total} requests{(failures > 0 ? $", {failures} failed" : "")})"));
    }
}
