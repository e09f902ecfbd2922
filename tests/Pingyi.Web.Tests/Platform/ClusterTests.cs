using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;
using Xunit.Abstractions;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// Issue 18's three-node test: three web nodes (each its own process) on one PostgreSQL database behind Debian's nginx with
/// the shipped proxy configuration (deploy/nginx), their live boards joined by a Redis backplane (Debian's redis-server),
/// all on loopback. A sign-in and its antiforgery token made on one node hold on the others (the data-protection keys are in
/// the database); a ballot cast on node A reaches a board watching on node C; ballots sent through nginx to all three are
/// stored once each; the ledger's, the petitions' and the commitments' clocks, started on all three at once (and not in the test's own
/// process), mark each overdue item once; and the nodes
/// see the phone's address from nginx's X-Forwarded-For, never one the client made up.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    private const int LedgerItems = 6;
    private const int Petitions = 3;

    [Fact]
    public async Task ThreeNodesBehindNginx_ShareSignIns_Boards_AndJobs_AndStoreEveryBallotOnce()
    {
        Assert.True(Providers.PostgresConnection is not null, "PINGYI_TEST_PG is not set: the test command starts PostgreSQL (test.sh).");
        // Six ledger items due 51 days ago: overdue for more than fifteen days, so the job marks and escalates each.
        // The jobs do not run in this process (Jobs:Enabled=false), only on the three nodes, which start at once.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-60));
        await using var app = await TestApp.CreateAsync("Postgres", clock: clock, settings: new Dictionary<string, string> { ["Jobs:Enabled"] = "false" });
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var due = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(9)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < LedgerItems; i++)
        {
            var created = await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "作风建设", description = $"村务公开栏未按月更新 {i}", responsibleOrganizationId = tree.V11, deadline = due });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        // Three petitions filed 60 days ago: their 15 days for routing (§22) have passed, so the petitions' clock marks each.
        var clerk = await app.SignInAsync("t1admin");
        for (var i = 0; i < Petitions; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/v1/petitions", new
            {
                organizationId = tree.T1, kind = "Suggestion", channel = "Letter", name = $"钱甲{i}", address = "西村", request = "建议修建文化广场", facts = "村里没有活动场地",
            })).StatusCode);
        }
        clock.SetUtcNow(DateTimeOffset.UtcNow);
        admin = await app.SignInAsync("admin"); // the sign-in of 60 days ago has expired
        clerk = await app.SignInAsync("t1admin");
        // A published term commitment with two items past their deadlines: the commitments' clock marks each.
        var commitment = (await (await admin.PostAsJsonAsync("/api/v1/commitments", new
        {
            organizationId = tree.V11, year = 2020, termEndYear = 2025, title = "2020—2025年任期承诺",
            items = new[] { new { target = "整治村内环境", category = "乡风文明", deadline = "2020-06-30" }, new { target = "修缮党员活动室", category = "阵地建设", deadline = "2025-12-31" } },
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        foreach (var (client, step) in new[] { (admin, "submit"), (clerk, "approve"), (clerk, "publish") })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/commitments/{commitment}/{step}", new { })).StatusCode);
        }
        var rectifying = (await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "发展与服务", description = "村内道路破损", responsibleOrganizationId = tree.V11, deadline = "2030-06-20" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var meeting = await MeetingFixture.CreateMeetingAsync(admin, tree, reporters: 2, ratersPerGroup: 40);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meeting.MeetingId}/open", new { })).StatusCode);
        var issued = await admin.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = TestApp.AdminPassword, days = 1 });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        await app.StopInProcessHostAsync();

        await using var redis = await RedisServer.StartAsync();
        var nodes = Enumerable.Range(1, 3).Select(n => new HostProcess(new Dictionary<string, string>(app.HostSettings)
        {
            ["Cluster:Redis"] = redis.Configuration, ["Cluster:TrustedProxies"] = "127.0.0.1", ["Cluster:NodeName"] = $"node-{n}",
            ["Security:PublicReadsPerMinute"] = "4", ["Jobs:Enabled"] = "true",
        })).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(n => n.StartAsync())); // at once: their jobs' first runs race
            await using var nginx = await NginxProxy.StartAsync(nodes.Select(n => n.Address));

            // 1. A sign-in through nginx, from 127.0.0.3 with a made-up X-Forwarded-For: every node honours the cookie and the antiforgery token.
            using var browser = Through(nginx, from: "127.0.0.3");
            browser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
            Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = TestApp.AdminPassword })).StatusCode);
            var antiforgery = await browser.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
            browser.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString()!);
            var reads = new List<(HttpStatusCode, string)>();
            for (var i = 0; i < 12; i++)
            {
                var response = await browser.GetAsync("/api/v1/organizations");
                reads.Add((response.StatusCode, NodeOf(response)));
            }
            var writes = new List<(HttpStatusCode, string)>();
            for (var i = 0; i < 6; i++)
            {
                var response = await browser.PostAsync("/api/v1/notifications/read-all", null);
                writes.Add((response.StatusCode, NodeOf(response)));
            }

            // 1b. A public board rendered by one node is served by the others from the shared (Redis) output cache.
            var publicBoard = new List<(bool Kept, string Node)>();
            for (var i = 0; i < 6; i++)
            {
                using var visitor = Through(nginx, from: "127.0.0.4");
                var response = await visitor.GetAsync("/Public/Statistics");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                publicBoard.Add((response.Headers.Age is not null, NodeOf(response)));
            }

            // 1c. An evidence photo uploaded through one node is read through all three (the shared data folder).
            using var township = Through(nginx, from: "127.0.0.3");
            Assert.Equal(HttpStatusCode.NoContent, (await township.PostAsJsonAsync("/api/v1/auth/login", new { userName = "t1admin", password = TestApp.AdminPassword })).StatusCode);
            var townshipToken = await township.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
            township.DefaultRequestHeaders.Add(townshipToken.GetProperty("headerName").GetString()!, townshipToken.GetProperty("token").GetString()!);
            byte[] photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
            using var form = new MultipartFormDataContent { { new StringContent("已修复东段道路"), "text" }, { new ByteArrayContent(photo), "files", "修复后.png" } };
            var uploaded = await township.PostAsync($"/api/v1/ledger/{rectifying}/progress", form);
            var evidenceId = (await township.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/{rectifying}/evidence"))[0].GetProperty("id").GetInt64();
            var downloads = new List<(HttpStatusCode, string, byte[])>();
            for (var i = 0; i < 3; i++)
            {
                var response = await township.GetAsync($"/api/v1/ledger/{rectifying}/evidence/{evidenceId}");
                downloads.Add((response.StatusCode, NodeOf(response), await response.Content.ReadAsByteArrayAsync()));
            }

            // 1d. The public reads' limit (4 a minute per address on each node here) holds per node: one address through nginx gets
            // at most three times it (ADR 0021), the rest 429.
            using var crowd = Through(nginx, from: "127.0.0.5");
            var limited = new List<HttpStatusCode>();
            for (var i = 0; i < 24; i++)
            {
                limited.Add((await crowd.GetAsync("/api/public/bulletins")).StatusCode);
            }

            // 2. A board watching on node C, ballots cast on node A, one every 50 ms: when does each count reach the board?
            await using var board = await BoardWatcher.StartAsync(nodes[2].Address, token, meeting.MeetingId);
            var codes = meeting.Codes.Values.SelectMany(c => c).ToList();
            var receipts = new List<string>();
            var acknowledged = new List<(long At, int Cast)>();
            using (var nodeA = new HttpClient { BaseAddress = nodes[0].Address })
            {
                foreach (var code in codes.Take(60))
                {
                    var response = await nodeA.SendAsync(MeetingFixture.Ballot(code, meeting.MeetingId, meeting.Reporters[0], "good"));
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    receipts.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!);
                    acknowledged.Add((board.Clock.ElapsedTicks, receipts.Count));
                    await Task.Delay(50);
                }
            }
            var latencies = await board.LatenciesAsync(acknowledged);
            var boardAfterNodeA = board.LastCast;

            // 3. The rest of the ballots through nginx, eight phones at once: each stored once.
            using var phones = new SemaphoreSlim(8);
            var rest = await Task.WhenAll(codes.Skip(60).Select(c => (c, meeting.Reporters[0])).Concat(codes.Select(c => (c, meeting.Reporters[1]))).Select(async ballot =>
            {
                await phones.WaitAsync();
                try
                {
                    using var phone = Through(nginx, from: "127.0.0.1");
                    var response = await phone.SendAsync(MeetingFixture.Ballot(ballot.c, meeting.MeetingId, ballot.Item2, "fairlyGood"));
                    return (response.StatusCode, NodeOf(response), response.StatusCode == HttpStatusCode.Created
                        ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()! : await response.Content.ReadAsStringAsync());
                }
                finally
                {
                    phones.Release();
                }
            }));
            receipts.AddRange(rest.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Item3));
            await using var db = app.OpenDatabase(); // the in-process host is stopped; the nodes serve the database
            var stored = await db.Ballots.Where(b => b.MeetingId == meeting.MeetingId).Select(b => b.Receipt).ToListAsync();

            // 4. The escalation job ran on all three nodes at start: each item marked overdue and escalated once.
            var jobs = await WaitForAsync(() => db.AuditEntries.CountAsync(a => a.Action == "ledger.escalate"), LedgerItems);
            var petitionsMarked = await WaitForAsync(() => db.AuditEntries.CountAsync(a => a.Action == "petition.overdue"), Petitions);
            var commitmentItemsMarked = await WaitForAsync(() => db.AuditEntries.CountAsync(a => a.Action == "commitment.overdue"), 2);
            await Task.Delay(1000);
            petitionsMarked = await db.AuditEntries.CountAsync(a => a.Action == "petition.overdue");
            var petitionsDistinct = await db.AuditEntries.Where(a => a.Action == "petition.overdue").Select(a => a.EntityId).Distinct().CountAsync();
            commitmentItemsMarked = await db.AuditEntries.CountAsync(a => a.Action == "commitment.overdue");
            var actions = await db.AuditEntries.Where(a => a.Action == "ledger.overdue" || a.Action == "ledger.escalate")
                .GroupBy(a => new { a.Action, a.EntityId }).Select(g => new { g.Key.Action, Count = g.Count() }).ToListAsync();
            var signIns = await db.AuditEntries.Where(a => a.Action == "account.signin").OrderByDescending(a => a.Id).Select(a => a.RemoteAddress).FirstAsync();

            output.WriteLine($"3 nodes behind nginx on one PostgreSQL database, Redis backplane: reads served by {string.Join(", ", reads.GroupBy(r => r.Item2).Select(g => $"{g.Key} ×{g.Count()}"))}; "
                + $"antiforgery-checked writes by {string.Join(", ", writes.GroupBy(r => r.Item2).Select(g => $"{g.Key} ×{g.Count()}"))}");
            output.WriteLine($"board on node-3, ballots on node-1 every 50 ms: {latencies.Count} counts seen, latency ack → board p50 {Latencies.Percentile([.. latencies.Order()], 0.5):F0} ms, "
                + $"p95 {Latencies.Percentile([.. latencies.Order()], 0.95):F0} ms, max {latencies.DefaultIfEmpty().Max():F0} ms");
            output.WriteLine($"through nginx: {rest.Length} ballots by 8 phones at once, served by {string.Join(", ", rest.GroupBy(r => r.Item2).Select(g => $"{g.Key} ×{g.Count()}"))}; "
                + $"acknowledged {receipts.Count}, stored {stored.Count}, distinct {stored.Distinct().Count()}; jobs: {actions.Count(a => a.Action == "ledger.overdue")} items marked overdue, "
                + $"{actions.Count(a => a.Action == "ledger.escalate")} escalated, most entries for one item and action {actions.Select(a => a.Count).DefaultIfEmpty().Max()}; "
                + $"petitions marked overdue {petitionsMarked} ({petitionsDistinct} distinct) of {Petitions}, commitment items marked {commitmentItemsMarked} of 2; sign-in audited from {signIns}");
            output.WriteLine($"public statistics board through nginx: {string.Join(", ", publicBoard.Select(p => $"{p.Node} {(p.Kept ? "from the cache" : "rendered")}"))}");
            output.WriteLine($"evidence uploaded through {NodeOf(uploaded)}, read through {string.Join(", ", downloads.Select(d => $"{d.Item2} {(int)d.Item1}"))}; "
                + $"public reads limited to 4/min per node: 24 from one address through nginx, {limited.Count(c => c == HttpStatusCode.OK)} answered, {limited.Count(c => c == HttpStatusCode.TooManyRequests)} refused 429");

            Assert.All(reads, r => Assert.Equal(HttpStatusCode.OK, r.Item1));
            Assert.All(writes, r => Assert.Equal(HttpStatusCode.OK, r.Item1));
            Assert.Equal(3, reads.Select(r => r.Item2).Distinct().Count());
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
            Assert.All(downloads, d => Assert.Equal(HttpStatusCode.OK, d.Item1));
            Assert.All(downloads, d => Assert.Equal(photo, d.Item3));
            Assert.Equal(3, downloads.Select(d => d.Item2).Distinct().Count());
            Assert.InRange(limited.Count(c => c == HttpStatusCode.OK), 4, 12);
            Assert.Equal(24, limited.Count(c => c is HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
            Assert.Equal([false, true, true, true, true, true], publicBoard.Select(p => p.Kept));
            Assert.Equal(3, publicBoard.Select(p => p.Node).Distinct().Count());
            Assert.True(writes.Select(r => r.Item2).Distinct().Count() >= 2);
            Assert.True(latencies.Count == 60, $"{latencies.Count} of 60 ballots cast on node 1 reached the board on node 3:\n{nodes[2].Tail}");
            Assert.Equal(60, boardAfterNodeA);
            Assert.All(rest, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            Assert.Equal(3, rest.Select(r => r.Item2).Distinct().Count());
            Assert.Equal(codes.Count * 2, receipts.Count);
            Assert.Equal(receipts.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal)); // none lost, none doubled
            Assert.Equal(LedgerItems, jobs);
            Assert.Equal(2 * LedgerItems, actions.Count);
            Assert.All(actions, a => Assert.Equal(1, a.Count));
            Assert.Equal((Petitions, Petitions), (petitionsMarked, petitionsDistinct)); // each once, though three nodes ran the clock at once
            Assert.Equal(2, commitmentItemsMarked);
            Assert.Equal("127.0.0.3", signIns); // nginx's X-Forwarded-For believed, the client's own ignored
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>A client of nginx from the given loopback address (the address nginx sees and forwards).</summary>
    private static HttpClient Through(NginxProxy nginx, string from) => new(new SocketsHttpHandler
    {
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = nginx.Address };

    private static string NodeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Pingyi-Node", out var values) ? values.Single() : "(no node)";

    /// <summary>The count once it reached <paramref name="expected"/>, or as it stood after 30 s.</summary>
    private static async Task<int> WaitForAsync(Func<Task<int>> count, int expected)
    {
        var watch = Stopwatch.StartNew();
        var seen = await count();
        while (seen < expected && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
            seen = await count();
        }
        return seen;
    }
}
