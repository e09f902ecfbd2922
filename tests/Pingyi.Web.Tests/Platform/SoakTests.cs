using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pingyi.Core.Organizations;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Demo;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;
using Xunit.Abstractions;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// The soak: the platform as its own process on SQLite with the demo county, a live meeting of 1,002 raters scoring 14
/// township secretaries, and 100 signed-in staff opening pages and downloading exports at the same time — both at fixed
/// offered rates (open loop: each request is sent at its scheduled moment whether or not earlier ones have been answered,
/// and its latency counts from that moment). Nothing may fail and the host's memory must level off; the latencies and the
/// memory curve are reported. CI runs it for 40 s; <c>PINGYI_SOAK_SECONDS=600</c> is the ten-minute run of issue 17. It runs
/// alone, after the other tests (its figures are its own, not those of the two cores shared with another test class).
/// </summary>
[Collection(Alone)]
public sealed class SoakTests(ITestOutputHelper output)
{
    public const string Alone = "alone";
    private const int Staff = 100;
    private const double StaffRequestsPerSecond = 10;

    private static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("PINGYI_SOAK_SECONDS"), out var s) ? s : 40;

    private sealed record Sample(string Kind, double At, double Milliseconds, bool Ok, string Detail);

    [Fact]
    public async Task AThousandRaters_AndAHundredStaff_AtOnce_NothingFails_AndMemoryLevelsOff()
    {
        var duration = TimeSpan.FromSeconds(Seconds);
        var random = new Random(20261201);
        await using var app = await TestApp.CreateAsync("Sqlite", settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinute"] = "100000" });
        await app.WithScopeAsync(async sp =>
        {
            await DemoModule.LoadAsync(sp, new DemoCounty.Options(Seed: 11, TargetMembers: 1000), 40, 5);
            await AccountSeeding.EnsureAdministratorAsync(sp, sp.GetRequiredService<IConfiguration>(), NullLogger.Instance);
        });
        var admin = await app.SignInAsync("admin");
        var county = await app.QueryAsync(db => db.Organizations.Where(o => o.Level == OrganizationLevel.CountyCommittee).Select(o => new { o.Id, o.Code }).FirstAsync());
        var townships = await app.QueryAsync(db => db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee).OrderBy(o => o.Id).Select(o => o.Id).Take(14).ToListAsync());
        var meeting = await MeetingFixture.CreateMeetingAsync(admin, county.Id, townships, 334);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meeting.MeetingId}/open", new { })).StatusCode);
        string[] accounts = [Roles.OrganizationDepartment, Roles.Supervisor, Roles.DisciplineInspection, Roles.OrganizationAdministrator];
        foreach (var role in accounts)
        {
            await app.CreateUserAsync("soak-" + role, county.Code, role);
        }
        await app.StopInProcessHostAsync();

        await using var host = new HostProcess(app.HostSettings);
        await host.StartAsync();
        var staff = new List<HttpClient>();
        for (var i = 0; i < Staff; i++)
        {
            var client = new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(2) };
            var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "soak-" + accounts[i % accounts.Length], password = TestApp.AdminPassword });
            Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
            staff.Add(client);
        }
        using var phones = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(2) };

        var id = meeting.MeetingId;
        string[] pages = ["/", "/Meetings", $"/Meetings/Details/{id}", $"/Meetings/Board/{id}", "/Ledger", "/Organizations", "/People", "/People?page=3", "/Statistics",
            "/Audit", "/Supervision", "/Bulletins", "/Grading", "/Commitments", "/Archives", "/Notifications", "/Petitions", "/Selection"];
        string[] exports = ["/api/v1/ledger/export", "/api/v1/exports/roster", "/api/v1/exports/organizations", $"/api/v1/meetings/{id}", "/api/v1/ledger/dashboard"];
        // Each account's pages: the ones its role opens (a page another role is for answers a redirect to the sign-in's refusal).
        var allowed = new Dictionary<int, List<(string Kind, string Url)>>();
        for (var a = 0; a < accounts.Length; a++)
        {
            allowed[a] = [];
            foreach (var (kind, url) in pages.Select(p => ("page", p)).Concat(exports.Select(e => ("export", e))))
            {
                using var response = await staff[a].GetAsync(url);
                Assert.True((int)response.StatusCode < 500, $"{accounts[a]} {url}: {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    allowed[a].Add((kind, url));
                }
            }
        }
        var ballots = meeting.Codes.SelectMany(g => g.Value).SelectMany(code => meeting.Reporters.Select(r => (Code: code, Reporter: r))).ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ballots));
        var sheetsOpened = new ConcurrentDictionary<string, bool>();
        var staffCount = (int)(duration.TotalSeconds * StaffRequestsPerSecond);
        var staffPlan = Enumerable.Range(0, staffCount).Select(i =>
        {
            var mine = allowed[i % Staff % accounts.Length];
            var wanted = random.Next(10) == 0 ? "export" : "page";
            var choices = mine.Where(c => c.Kind == wanted).ToList();
            return choices[random.Next(choices.Count)];
        }).ToArray();
        var grades = ballots.Select(_ => MeetingFixture.GradeNames[random.Next(0, 10) switch { < 5 => 0, < 8 => 1, < 9 => 2, _ => 3 }]).ToArray();

        var samples = new ConcurrentBag<Sample>();
        var memory = new List<(double Seconds, double Megabytes)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (host.ResidentMegabytes is { } mb)
                {
                    lock (memory)
                    {
                        memory.Add((clock.Elapsed.TotalSeconds, mb));
                    }
                }
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, duration.TotalSeconds / 40)), stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        // The raters: every ballot of the meeting, spread evenly over nine tenths of the run; a rater's first ballot follows the ballot sheet.
        var raters = OpenLoopAsync(clock, ballots.Count, ballots.Count / (duration.TotalSeconds * 0.9), async i =>
        {
            var (code, reporter) = ballots[i];
            if (sheetsOpened.TryAdd(code, true))
            {
                var sheet = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ballot-sheet");
                sheet.Headers.Add("X-Rater-Code", code);
                using var answer = await phones.SendAsync(sheet);
                if (answer.StatusCode != HttpStatusCode.OK)
                {
                    return ("ballot", false, $"sheet {(int)answer.StatusCode}");
                }
            }
            using var response = await phones.SendAsync(MeetingFixture.Ballot(code, id, reporter, grades[i]));
            return ("ballot", response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }, samples);
        var browsing = OpenLoopAsync(clock, staffCount, StaffRequestsPerSecond, async i =>
        {
            var (kind, url) = staffPlan[i];
            using var response = await staff[i % Staff].GetAsync(url, HttpCompletionOption.ResponseContentRead);
            return (kind, response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        }, samples);
        await Task.WhenAll(raters, browsing);
        await stop.CancelAsync();
        await sampler;
        var elapsed = clock.Elapsed;

        var failures = samples.Where(s => !s.Ok).ToList();
        output.WriteLine($"soak of {duration.TotalSeconds:F0} s (ran {elapsed.TotalSeconds:F0} s): {samples.Count(s => s.Kind == "ballot"):N0} ballots at " +
            $"{ballots.Count / (duration.TotalSeconds * 0.9):F0}/s offered from {meeting.Codes.Sum(c => c.Value.Length):N0} raters, {samples.Count(s => s.Kind != "ballot"):N0} staff requests at " +
            $"{StaffRequestsPerSecond}/s offered from {Staff} signed-in staff; {failures.Count} failures");
        foreach (var kind in new[] { "ballot", "page", "export" })
        {
            var ms = samples.Where(s => s.Kind == kind).Select(s => s.Milliseconds).Order().ToArray();
            output.WriteLine($"  {kind,-6} n={ms.Length,6:N0}  p50 {Latencies.Percentile(ms, 0.50),7:F1} ms  p99 {Latencies.Percentile(ms, 0.99),7:F1} ms  p99.9 {Latencies.Percentile(ms, 0.999),7:F1} ms  max {ms.LastOrDefault(),7:F1} ms");
        }
        var tenth = elapsed.TotalSeconds / 10;
        var warm = samples.Where(s => s.At >= tenth).ToList();
        output.WriteLine($"  after the first tenth (warm-up): staff pages p99 {Latencies.Percentile([.. warm.Where(s => s.Kind == "page").Select(s => s.Milliseconds).Order()], 0.99):F1} ms, " +
            $"exports p99 {Latencies.Percentile([.. warm.Where(s => s.Kind == "export").Select(s => s.Milliseconds).Order()], 0.99):F1} ms, ballots p99 {Latencies.Percentile([.. warm.Where(s => s.Kind == "ballot").Select(s => s.Milliseconds).Order()], 0.99):F1} ms");
        output.WriteLine("  p99 of every request by tenth of the run (ms): " + string.Join(", ", Enumerable.Range(0, 10).Select(t =>
            Latencies.Percentile([.. samples.Where(s => s.At >= t * tenth && s.At < (t + 1) * tenth).Select(s => s.Milliseconds).Order()], 0.99).ToString("F0", CultureInfo.InvariantCulture))));
        output.WriteLine("  host memory (RSS, MB) over the run: " + string.Join(", ", memory.Select(m => $"{m.Seconds:F0}s {m.Megabytes:F0}")));
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10).Select(f => $"{f.Kind}: {f.Detail}")));
        Assert.Equal(ballots.Count, samples.Count(s => s.Kind == "ballot"));

        // Memory levels off: after the first half (warm-up, caches filled, the GC's heap grown to the load), the floor of the
        // resident size — its lowest in the last quarter of the run — is less than a fifth above where the second half began.
        // A leak of the request path raises the floor with the requests served; a backlog does not: in CI the whole machine
        // once paused for 5 s (the test's own memory sampler too) and the queued requests, in memory at once, lifted the last
        // seconds' peak from 360 to 434 MB while the floor stayed at 367 MB.
        var half = memory.Where(m => m.Seconds >= elapsed.TotalSeconds / 2).Select(m => m.Megabytes).ToList();
        var floor = memory.Where(m => m.Seconds >= elapsed.TotalSeconds * 3 / 4).Select(m => m.Megabytes).DefaultIfEmpty(double.NaN).Min();
        Assert.True(half.Count >= 5, $"{half.Count} memory samples in the second half");
        Assert.True(floor <= half[0] * 1.2, $"the memory's floor rose from {half[0]:F0} MB to {floor:F0} MB over the second half of the run");
        foreach (var client in staff)
        {
            client.Dispose();
        }
    }

    /// <summary>
    /// Sends request <c>i</c> at <c>start + i / rate</c> whatever happened to the earlier ones, and times each from its
    /// scheduled moment (no coordinated omission: a stalled server shows as latency, not as fewer requests).
    /// </summary>
    private static async Task OpenLoopAsync(Stopwatch clock, int count, double rate, Func<int, Task<(string Kind, bool Ok, string Detail)>> send, ConcurrentBag<Sample> samples)
    {
        var start = clock.Elapsed;
        var inFlight = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = start + TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            var n = i;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    var (kind, ok, detail) = await send(n);
                    samples.Add(new Sample(kind, due.TotalSeconds, (clock.Elapsed - due).TotalMilliseconds, ok, detail));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    samples.Add(new Sample("error", due.TotalSeconds, (clock.Elapsed - due).TotalMilliseconds, false, e.Message));
                }
            }));
        }
        await Task.WhenAll(inFlight);
    }

}

/// <summary>Test classes that run by themselves, after the others (xUnit runs such a collection with nothing beside it).</summary>
[CollectionDefinition(SoakTests.Alone, DisableParallelization = true)]
public sealed class AloneCollection;
