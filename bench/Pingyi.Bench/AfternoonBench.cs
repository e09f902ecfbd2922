using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Data;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Bench;

/// <summary>
/// Issue 18: a province's afternoon against one node and against three, the same offered load, in one run. PostgreSQL
/// (PINGYI_BENCH_PG, an empty database), Debian's redis-server and nginx, and the nodes as processes of their own, all on
/// loopback (the three-node test's support classes). MEETINGS meetings of RATERS raters each are open at once (the demo
/// county beside them for the clerks' pages); for SECONDS, at fixed offered rates (open loop): ballots spread over every
/// meeting through nginx, the ledger list and the statistics board as the county's clerk, anonymous reads of the public
/// statistics board; and five ballots a second cast on node A for a board watching on the last node (the time from each
/// ballot's answer to the board showing it). Afterwards: every acknowledged ballot stored once, each node's memory and the
/// CPU seconds it used. Each run starts with 4 s of ballots at the rate, not reported (the JIT compiles the intake path's
/// later tiers meanwhile: without it a node spent its first seconds compiling).
///   PINGYI_BENCH_PG=… dotnet run -c Release --project bench/Pingyi.Bench -- afternoon [MEETINGS] [RATERS] [RATE] [SECONDS]
/// PINGYI_BENCH_NODES=1 (or 3) runs one of the two; PINGYI_BENCH_READS=0 leaves the reads out; PINGYI_BENCH_SCREENS=1 puts a
/// big screen on every meeting's board.
/// </summary>
internal static class AfternoonBench
{
    // The clerks' and the public's reads beside the ballots; PINGYI_BENCH_READS=0 leaves them out (the ballots alone).
    private static readonly int ReadsOfLedger = Environment.GetEnvironmentVariable("PINGYI_BENCH_READS") == "0" ? 0 : 10;
    private static readonly int ReadsOfStatistics = ReadsOfLedger == 0 ? 0 : 2;
    private static readonly int ReadsOfPublicBoard = ReadsOfLedger == 0 ? 0 : 200;
    private const int WatchedBallots = 5;
    // PINGYI_BENCH_SCREENS=1: every meeting's big screen watches its board (on the nodes in turn), as in a real afternoon;
    // without it only the watched meeting has one, and the others' ballots render no board.
    private static readonly bool Screens = Environment.GetEnvironmentVariable("PINGYI_BENCH_SCREENS") == "1";

    public static async Task RunAsync(int meetings, int raters, int rate, int seconds)
    {
        var pg = Environment.GetEnvironmentVariable("PINGYI_BENCH_PG") is { Length: > 0 } s
            ? s : throw new InvalidOperationException("afternoon needs PINGYI_BENCH_PG: an empty PostgreSQL database");
        var data = Directory.CreateTempSubdirectory("pingyi-bench-afternoon-").FullName;
        var prepared = new List<(long MeetingId, long[] Reporters, string[] Codes)>();
        var watch = Stopwatch.StartNew();
        await using (var host = new BenchHost(data))
        {
            using (var scope = host.Services.CreateScope())
            {
                await Pingyi.Web.Modules.Demo.DemoModule.LoadAsync(scope.ServiceProvider, new(), 2_000, 1);
                // The meetings' organizations under the demo county, where its administrator (the clerk below) watches a board.
                var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
                var county = await db.Organizations.Where(o => o.ParentId == null).OrderBy(o => o.Id).FirstAsync();
                var now = DateTime.UtcNow;
                var bench = new Pingyi.Web.Modules.Organizations.Organization
                {
                    Code = "BENCH", Name = "压测工委", Level = Pingyi.Core.Organizations.OrganizationLevel.WorkingCommittee, ParentId = county.Id, Depth = 1,
                    EstablishedOn = new DateOnly(1950, 1, 1), CreatedAt = now, UpdatedAt = now,
                };
                db.Organizations.Add(bench);
                await db.SaveChangesAsync();
                bench.Path = $"{county.Path}{bench.Id}/";
                await db.SaveChangesAsync();
            }
            for (var m = 0; m <= meetings; m++)
            {
                prepared.Add(await IntakeBench.PrepareAsync(host, raters, m)); // the last one is watched
            }
        }
        Console.WriteLine($"demo county and {meetings} meetings of {raters:N0} raters (+1 watched) prepared in {watch.Elapsed.TotalSeconds:F0} s");
        var watched = prepared[^1];
        prepared.RemoveAt(prepared.Count - 1);

        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres", ["ConnectionStrings:Pingyi"] = pg, ["Data:Directory"] = data, ["Demo:SeedOnFirstRun"] = "false",
            ["PINGYI_ADMIN_PASSWORD"] = BenchHost.Password, ["Cluster:TrustedProxies"] = "127.0.0.1", ["Security:PublicReadsPerMinute"] = "100000000",
        };
        var results = new List<string>();
        var offset = 0;
        // PINGYI_BENCH_NODES=1 or 3: one of the two runs only.
        var counts = Environment.GetEnvironmentVariable("PINGYI_BENCH_NODES") is { Length: > 0 } only ? [int.Parse(only, CultureInfo.InvariantCulture)] : new[] { 1, 3 };
        foreach (var nodeCount in counts)
        {
            results.AddRange(await RunOnceAsync(nodeCount, settings, prepared, watched, rate, seconds, offset));
            offset += 5 * rate * seconds; // beyond the warm-up's ballots and the run's
        }
        foreach (var line in results)
        {
            Console.WriteLine(line);
        }
        Console.WriteLine($"({Environment.ProcessorCount} cores shared by the nodes, nginx, Redis, PostgreSQL and the load generator)");
    }

    private static async Task<List<string>> RunOnceAsync(int nodeCount, Dictionary<string, string> settings, List<(long MeetingId, long[] Reporters, string[] Codes)> meetings,
        (long MeetingId, long[] Reporters, string[] Codes) watched, int rate, int seconds, int offset)
    {
        await using var redis = await RedisServer.StartAsync();
        var nodes = Enumerable.Range(1, nodeCount).Select(n => new HostProcess(new Dictionary<string, string>(settings)
        {
            ["Cluster:Redis"] = redis.Configuration, ["Cluster:NodeName"] = $"node-{n}",
        })).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(n => n.StartAsync()));
            await using var nginx = await NginxProxy.StartAsync(nodes.Select(n => n.Address));
            using var phones = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096 }) { BaseAddress = nginx.Address, Timeout = TimeSpan.FromSeconds(60) };
            using var clerk = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = true, CookieContainer = new() })
            { BaseAddress = nginx.Address, Timeout = TimeSpan.FromSeconds(60) };
            (await clerk.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = BenchHost.Password })).EnsureSuccessStatusCode();
            var token = (await (await clerk.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = BenchHost.Password, days = 1 }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

            // The watched board on the last node; its ballots cast on the first.
            await using var board = await BoardWatcher.StartAsync(nodes[^1].Address, token, watched.MeetingId);
            var watchedBefore = board.LastCast;
            var screens = new List<BoardWatcher>();
            for (var m = 0; Screens && m < meetings.Count; m++)
            {
                screens.Add(await BoardWatcher.StartAsync(nodes[m % nodes.Count].Address, token, meetings[m].MeetingId));
            }
            var ids = meetings.Select(m => m.MeetingId).ToList();
            await using var db = new PostgresPingyiDbContext(new DbContextOptionsBuilder<PostgresPingyiDbContext>().UseNpgsql(settings["ConnectionStrings:Pingyi"]).Options);
            var storedBefore = await db.Ballots.CountAsync(x => ids.Contains(x.MeetingId));
            // Warm-up, not reported: each page a few times on every node.
            for (var i = 0; i < 10 * nodeCount; i++)
            {
                (await clerk.GetAsync("/api/v1/ledger")).Dispose();
                (await clerk.GetAsync("/api/v1/statistics")).Dispose();
                (await phones.GetAsync("/Public/Statistics")).Dispose();
            }
            // And ballots for 4 s at the rate (the JIT's later tiers compile the intake path meanwhile), then the measured run.
            var warm = await OpenLoopBench.SendAsync(phones, rate, 4 * rate, Ballot);
            offset += 4 * rate;
            var cpuBefore = nodes.Select(n => n.CpuSeconds ?? 0).ToArray();

            // Ballot i: meeting i % M, then rater and reporter of that meeting, each pair once across both runs.
            HttpRequestMessage Ballot(int i)
            {
                var n = offset + i;
                var (meetingId, reporters, codes) = meetings[n % meetings.Count];
                var k = n / meetings.Count;
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ballots")
                {
                    Content = JsonContent.Create(new { meetingId, reporterId = reporters[k % reporters.Length], grade = k % 4 == 0 ? "fairlyGood" : "good" }),
                };
                request.Headers.Add("X-Rater-Code", codes[k / reporters.Length % codes.Length]);
                return request;
            }
            var acknowledged = new List<(long At, int Cast)>();
            async Task WatchedAsync()
            {
                using var nodeA = new HttpClient { BaseAddress = nodes[0].Address };
                var count = seconds * WatchedBallots;
                var n = offset / 14 % watched.Codes.Length;
                for (var i = 0; i < count; i++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ballots")
                    {
                        Content = JsonContent.Create(new { meetingId = watched.MeetingId, reporterId = watched.Reporters[0], grade = "good" }),
                    };
                    request.Headers.Add("X-Rater-Code", watched.Codes[(n + i) % watched.Codes.Length]);
                    using var response = await nodeA.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged.Add((board.Clock.ElapsedTicks, watchedBefore + acknowledged.Count + 1));
                    }
                    await Task.Delay(1000 / WatchedBallots);
                }
            }
            var ballots = OpenLoopBench.SendAsync(phones, rate, rate * seconds, Ballot);
            var ledger = OpenLoopBench.SendAsync(clerk, ReadsOfLedger, ReadsOfLedger * seconds, _ => new HttpRequestMessage(HttpMethod.Get, "/api/v1/ledger"));
            var statistics = OpenLoopBench.SendAsync(clerk, ReadsOfStatistics, ReadsOfStatistics * seconds, _ => new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics"));
            var crowd = OpenLoopBench.SendAsync(phones, ReadsOfPublicBoard, ReadsOfPublicBoard * seconds, _ => new HttpRequestMessage(HttpMethod.Get, "/Public/Statistics"));
            var watching = WatchedAsync();
            await Task.WhenAll(ballots, ledger, statistics, crowd, watching);
            var cpu = nodes.Select((n, i) => (n.CpuSeconds ?? 0) - cpuBefore[i]).ToArray();
            var memory = nodes.Select(n => n.ResidentMegabytes ?? 0).ToArray();
            var latencies = await board.LatenciesAsync(acknowledged);

            foreach (var screen in screens)
            {
                await screen.DisposeAsync();
            }
            var stored = await db.Ballots.CountAsync(x => ids.Contains(x.MeetingId)) - storedBefore;
            var distinct = await db.Ballots.Where(x => ids.Contains(x.MeetingId)).Select(x => new { x.MeetingId, x.ReporterId, x.Receipt }).Distinct().CountAsync() - storedBefore;
            var b = await ballots;
            var label = (nodeCount == 1 ? "1 node " : $"{nodeCount} nodes") + (Screens ? ", a screen on every board" : "");
            var sorted = latencies.Order().ToArray();
            return
            [
                $"RESULT afternoon {label}: ballots {rate:N0}/s offered  {b}",
                $"RESULT afternoon {label}: ledger list {ReadsOfLedger}/s     {await ledger}",
                $"RESULT afternoon {label}: statistics {ReadsOfStatistics}/s       {await statistics}",
                $"RESULT afternoon {label}: public board {ReadsOfPublicBoard}/s  {await crowd}",
                string.Create(CultureInfo.InvariantCulture, $"RESULT afternoon {label}: board on the last node, ballots on the first: {sorted.Length} of {acknowledged.Count} seen, "
                    + $"p50 {P(sorted, 0.5):F0} ms, p95 {P(sorted, 0.95):F0} ms, max {(sorted.Length == 0 ? double.NaN : sorted[^1]):F0} ms"),
                $"RESULT afternoon {label}: ballots acknowledged {b.Ok + warm.Ok:N0} (with the warm-up's), stored {stored:N0}, distinct {distinct:N0}",
                string.Create(CultureInfo.InvariantCulture, $"RESULT afternoon {label}: per node memory {string.Join(" / ", memory.Select(m => $"{m:F0} MB"))}, "
                    + $"CPU {string.Join(" / ", cpu.Select(c => $"{c:F1} s"))} in {b.Seconds:F0} s; ballots per CPU-second of the nodes {b.Ok / Math.Max(0.001, cpu.Sum()):F0}"),
            ];
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static double P(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
