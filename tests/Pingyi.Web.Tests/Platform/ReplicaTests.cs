using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Tests.Support;
using Xunit.Abstractions;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// A primary and its streaming replica (two PostgreSQL servers of Debian's on loopback ports): the statistics board and the
/// ledger dashboard read the replica while it keeps up, the write path and the item's own page read the primary, and when the
/// replica falls behind or stops the same pages answer from the primary.
/// </summary>
public sealed class ReplicaTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Boards_ReadTheReplica_WhileItKeepsUp_AndThePrimary_WhenItLagsOrStops()
    {
        Assert.True(Providers.PostgresConnection is not null, "PINGYI_TEST_PG is not set: the test command starts PostgreSQL (test.sh).");
        await using var primary = await PostgresServer.StartPrimaryAsync();
        await primary.ExecuteAsync("CREATE DATABASE pingyi");
        await using var replica = await PostgresServer.StartReplicaAsync(primary);
        await using var app = await TestApp.CreateAsync("Postgres", settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:Pingyi"] = primary.ConnectionString("pingyi"),
            ["ConnectionStrings:PingyiReplica"] = replica.ConnectionString("pingyi"),
            ["Cluster:ReplicaMaxLagSeconds"] = "5",
            ["Cluster:ReplicaCheckMilliseconds"] = "200",
        });
        var t = await app.SeedAsync();
        var monitor = app.Services.GetRequiredService<ReplicaMonitor>();
        var admin = await app.SignInAsync("admin");
        async Task<long> Item(string description) =>
            (await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "组织建设", description, responsibleOrganizationId = t.V11, deadline = "2030-06-20" }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        async Task<(int Board, int Dashboard)> Counts()
        {
            var board = await admin.GetFromJsonAsync<JsonElement>("/api/v1/statistics");
            var all = board.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray())
                .Single(f => f.GetProperty("key").GetString() == "ledger.all").GetProperty("total").GetInt32();
            var dashboard = await admin.GetFromJsonAsync<JsonElement>("/api/v1/ledger/dashboard");
            return (all, dashboard.GetProperty("all").GetProperty("open").GetInt32());
        }
        await Item("三会一课记录不全");
        await UntilAsync(() => monitor.State is { Usable: true } s && s.Lag == TimeSpan.Zero, "the replica has caught up", monitor);
        Assert.Equal((1, 1), await Counts());

        // Replay paused: the replica answers but shows nothing new. The item just written is read back from the primary at once,
        // while the boards — on the replica — do not show it yet: they are read there.
        await replica.ExecuteAsync("SELECT pg_wal_replay_pause()");
        var second = await Item("党员活动室未挂牌");
        var own = await admin.GetAsync($"/api/v1/ledger/{second}");
        var whileLagging = await Counts();
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal((1, 1), whileLagging);

        // Further behind than 5 s: the same pages answer from the primary.
        var watch = Stopwatch.StartNew();
        await UntilAsync(() => !monitor.State.Usable, "the replica is found lagging", monitor);
        output.WriteLine($"found lagging {watch.ElapsedMilliseconds} ms after the write ({monitor.State.Reason})");
        Assert.Equal((2, 2), await Counts());

        // Replay resumed: the replica catches up and serves again, now with both items.
        await replica.ExecuteAsync("SELECT pg_wal_replay_resume()");
        await UntilAsync(() => monitor.State.Usable, "the replica is used again", monitor);
        Assert.Equal((2, 2), await Counts());

        // The replica stops: the pages still answer, from the primary, and a third item shows at once.
        await replica.DisposeAsync();
        await Item("换届资料未归档");
        await UntilAsync(() => !monitor.State.Usable, "the stopped replica is noticed", monitor);
        output.WriteLine($"stopped: {monitor.State.Reason}");
        Assert.Equal((3, 3), await Counts());
        var health = await admin.GetAsync("/healthz");
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Public/Statistics")).StatusCode);
    }

    private static Task UntilAsync(Func<bool> condition, string what, ReplicaMonitor monitor) =>
        Eventually.UntilAsync(() => Task.FromResult(condition()), what, TimeSpan.FromSeconds(30), () => monitor.State.ToString());
}
