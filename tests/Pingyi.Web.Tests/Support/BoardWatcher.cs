using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Pingyi.Web.Tests.Support;

/// <summary>
/// A live board watching one meeting on one node (WebSockets, no negotiation, as the nodes behind nginx are reached), noting
/// when each count of cast ballots arrived; and, for ballots whose answers were noted the same way, how long after its
/// answer the board showed each (the three-node test and the afternoon benchmark).
/// </summary>
public sealed class BoardWatcher : IAsyncDisposable
{
    private readonly List<(long At, int Cast)> _seen = [];
    private readonly HubConnection _hub;

    private BoardWatcher(HubConnection hub) => _hub = hub;

    /// <summary>The clock both the board's arrivals and the ballots' answers are read on.</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>The latest count the board showed (0 before any).</summary>
    public int LastCast
    {
        get
        {
            lock (_seen)
            {
                return _seen.Count == 0 ? 0 : _seen[^1].Cast;
            }
        }
    }

    public static async Task<BoardWatcher> StartAsync(Uri node, string token, long meetingId)
    {
        var hub = new HubConnectionBuilder().WithUrl(new Uri(node, "/hubs/meetings"), o =>
        {
            o.SkipNegotiation = true;
            o.Transports = HttpTransportType.WebSockets;
            o.Headers["Authorization"] = "Bearer " + token;
        }).Build();
        var watcher = new BoardWatcher(hub);
        hub.On<JsonElement>("board", state =>
        {
            lock (watcher._seen)
            {
                watcher._seen.Add((watcher.Clock.ElapsedTicks, state.GetProperty("reporters").EnumerateArray().Sum(r => r.GetProperty("cast").GetInt32())));
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("WatchBoard", meetingId);
        return watcher;
    }

    /// <summary>
    /// Waits (at most 10 s) until the board shows the last acknowledged count, then the delay from each answer to the first
    /// board showing that count, in ms; a push that overtook the ballot's own answer counts as 0.
    /// </summary>
    public async Task<List<double>> LatenciesAsync(IReadOnlyList<(long At, int Cast)> acknowledged)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10) && acknowledged.Count > 0 && LastCast < acknowledged[^1].Cast)
        {
            await Task.Delay(50);
        }
        lock (_seen)
        {
            return [.. acknowledged.Select(a => _seen.FirstOrDefault(b => b.Cast >= a.Cast) is { Cast: > 0 } seen
                ? Math.Max(0, seen.At - a.At) * 1000.0 / Stopwatch.Frequency : double.NaN).Where(l => !double.IsNaN(l))];
        }
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
