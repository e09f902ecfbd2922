using System.Net;
using System.Net.Http.Json;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// The operator's view (issue 18): Prometheus reads the platform's metrics at /metrics from loopback — requests by route,
/// the ballot writer's batches, the background jobs' runs — and nothing in them names a rater code or a person; another
/// address gets the ordinary 404; liveness and readiness answer apart.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_AreReadFromLoopbackOnly_AndCountBallotsRequestsAndJobs_WithoutASecret()
    {
        await using var room = await MeetingRoom.CreateAsync("Sqlite", open: true, kestrel: true, settings: new Dictionary<string, string> { ["Cluster:TrustedProxies"] = "127.0.0.1" });
        var code = room.Meeting.Codes["public"][0];
        var cast = await room.CastAsync(code, room.Meeting.Reporters[0], "good");
        Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
        var receipt = (await cast.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("receipt").GetString()!;
        using var local = new HttpClient { BaseAddress = new Uri(room.App.ServerAddress) };

        var metrics = await local.GetStringAsync("/metrics");
        using var far = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        far.Headers.Add("X-Forwarded-For", "203.0.113.7"); // through the trusted proxy, from outside
        var refused = await local.SendAsync(far);
        var live = await local.GetStringAsync("/healthz/live");
        var ready = await local.GetStringAsync("/healthz/ready");

        Assert.Contains("pingyi_ballots_batch_size", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/api/v1/ballots\"", metrics, StringComparison.Ordinal);
        Assert.Matches("pingyi_jobs_runs_total\\{[^}]*job=\"LedgerEscalation\"", metrics);
        Assert.Contains("dotnet_gc_collections_total", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(code, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(code.Replace("-", string.Empty, StringComparison.Ordinal), metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(receipt, metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(("Healthy", "Healthy"), (live, ready));
    }
}
