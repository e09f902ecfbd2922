using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;
using Xunit.Abstractions;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// The failover drill of docs/deployment.md, run: pg_auto_failover's monitor with a primary and its synchronous standby, the
/// host connected to both (<c>Target Session Attributes=read-write</c>), phones voting — and the primary's machine dies
/// (its pg_autoctl and every PostgreSQL process killed at once). The standby is promoted, the host finds it, the phones
/// vote on, and every ballot acknowledged before, during and after is in the database, none twice.
/// </summary>
public sealed class FailoverDrillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ThePrimaryDies_DuringIntake_TheStandbyTakesOver_AndEveryAcknowledgedBallotIsThere()
    {
        Assert.True(Providers.PostgresConnection is not null, "PINGYI_TEST_PG is not set: the test command starts PostgreSQL (test.sh).");
        var drill = Stopwatch.StartNew();
        await using var monitor = await AutoFailover.StartMonitorAsync();
        await using var first = await monitor.StartNodeAsync("single");
        await using var second = await monitor.StartNodeAsync("secondary");
        await monitor.UntilAsync(async () => await monitor.StateAsync(first.Name) == ("primary", "primary"), "node_1 is primary with a standby", () => first.Output);
        await first.ExecuteAsync("CREATE DATABASE pingyi");
        var formed = drill.Elapsed;

        // Both nodes in the connection string; Npgsql takes the one that accepts writes and looks again each second.
        var connection = $"Host=127.0.0.1:{first.Port},127.0.0.1:{second.Port};Username=postgres;Database=pingyi;Target Session Attributes=read-write;"
            + "Host Recheck Seconds=1;Timeout=3;Maximum Pool Size=20";
        await using var app = await TestApp.CreateAsync("Postgres", settings: new Dictionary<string, string> { ["ConnectionStrings:Pingyi"] = connection });
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var meeting = await MeetingFixture.CreateMeetingAsync(admin, tree, reporters: 1, ratersPerGroup: 100);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meeting.MeetingId}/open", new { })).StatusCode);
        await app.StopInProcessHostAsync();
        await using var host = new HostProcess(app.HostSettings);
        await host.StartAsync();

        // Four phones vote one code after another and, like the ballot page, send a ballot again after a 5xx or no answer (the
        // page waits 4 s; here 1 s). After 100 acknowledged ballots the primary's machine dies.
        var codes = new ConcurrentQueue<string>(meeting.Codes.Values.SelectMany(c => c));
        var total = codes.Count;
        var acknowledged = new ConcurrentBag<(string Receipt, long At)>();
        var failures = new ConcurrentBag<(string Answer, long At)>();
        var refusedAfterFailure = new ConcurrentBag<string>();
        var refusedOtherwise = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(20) };
        var phones = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (codes.TryDequeue(out var code))
            {
                for (var attempt = 1; ; attempt++)
                {
                    string answer;
                    try
                    {
                        var response = await client.SendAsync(MeetingFixture.Ballot(code, meeting.MeetingId, meeting.Reporters[0], "good"));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add(((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!, clock.ElapsedMilliseconds));
                            break;
                        }
                        if ((int)response.StatusCode < 500)
                        {
                            // Refused: after a failed attempt, because that attempt's commit went through before its answer was lost.
                            (attempt > 1 ? refusedAfterFailure : refusedOtherwise).Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                            break;
                        }
                        answer = $"{(int)response.StatusCode}";
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        answer = e.GetType().Name;
                    }
                    failures.Add((answer, clock.ElapsedMilliseconds));
                    await Task.Delay(1000);
                }
            }
        })).ToList();
        await monitor.UntilAsync(() => Task.FromResult(acknowledged.Count >= 100), "100 ballots acknowledged", () => host.Tail);
        var killedAt = clock.ElapsedMilliseconds;
        await first.DisposeAsync();
        await monitor.UntilAsync(async () => (await monitor.StateAsync(second.Name)).Reported is "wait_primary" or "primary", "node_2 is promoted", () => second.Output);
        var promotedAt = clock.ElapsedMilliseconds;
        await Task.WhenAll(phones);

        await using var db = new PostgresPingyiDbContext(new DbContextOptionsBuilder<PostgresPingyiDbContext>().UseNpgsql(second.ConnectionString("pingyi")).Options);
        var stored = await db.Ballots.Where(b => b.MeetingId == meeting.MeetingId).Select(b => b.Receipt).ToListAsync();
        var times = acknowledged.Select(a => a.At).Order().ToList();
        var outage = times.Zip(times.Skip(1), (a, b) => b - a).Max();
        var resumed = times.FirstOrDefault(t => t > promotedAt);
        output.WriteLine($"formation (monitor, primary, synchronous standby) up in {formed.TotalSeconds:F1} s; {total} codes voted by 4 phones; primary killed after "
            + $"{times.Count(t => t <= killedAt)} acknowledged; node_2 promoted {(promotedAt - killedAt) / 1000.0:F1} s after the kill; longest time without an "
            + $"acknowledgement {outage / 1000.0:F1} s; first acknowledgement after the promotion {(resumed - promotedAt) / 1000.0:F1} s after it; failed attempts "
            + $"{failures.Count} ({string.Join(", ", failures.GroupBy(r => r.Answer).Select(g => $"{g.Key} ×{g.Count()}"))}), all sent again; acknowledged "
            + $"{acknowledged.Count}, refused as already cast after a failed attempt {refusedAfterFailure.Count}; stored {stored.Count}, distinct "
            + $"{stored.Distinct().Count()}; drill {drill.Elapsed.TotalSeconds:F0} s");

        Assert.Empty(refusedOtherwise);
        Assert.Equal(total, acknowledged.Count + refusedAfterFailure.Count); // every code's ballot went in, acknowledged or not
        Assert.True(times.Count(t => t <= killedAt) >= 100);
        Assert.True(times.Count(t => t > promotedAt) > 0, "no ballot was acknowledged after the failover:\n" + host.Tail);
        Assert.True(failures.All(f => f.Answer != "500"), "the database away is 503 (send again), never 500:\n" + host.Tail);
        Assert.Empty(acknowledged.Select(a => a.Receipt).Except(stored)); // none lost
        Assert.Equal(stored.Count, stored.Distinct().Count()); // none twice
        Assert.Equal(total, stored.Count); // and the failed attempts that did commit are exactly the ones refused later
    }
}
