using System.Collections.Concurrent;
using System.Diagnostics;
using Pingyi.Web.Infrastructure;
using StackExchange.Redis;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// Which meetings' boards someone is watching, so that ballots only make the board read its counts again when a screen
/// shows them. Rendering a board is five queries; pushed every 0.1 s for every meeting with ballots it was 42% of a node's
/// CPU in the province's afternoon (bench afternoon, 20 meetings, no screen), more than the ballots' own writing.
/// <para>
/// This node's watchers are counted here (the hub adds and removes them); with several nodes (<c>Cluster:Redis</c>) a
/// watched meeting is also a Redis key that the node holding the screen sets when it connects and refreshes every
/// <see cref="Refresh"/>, expiring <see cref="Expiry"/> after that node stops, so a ballot on any node reaches a screen on
/// any other. A node remembers another node's answer briefly (<see cref="RemoteWatched"/>, <see cref="RemoteUnwatched"/>),
/// and when Redis cannot answer it renders anyway: a board too many costs a few queries, a board too few a blank screen.
/// </para>
/// </summary>
public sealed class BoardWatchers : IDisposable
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RemoteWatched = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RemoteUnwatched = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, byte>> _connections = new();
    private readonly ConcurrentDictionary<long, int> _local = new();
    private readonly ConcurrentDictionary<long, (bool Watched, long At)> _remote = new();
    private readonly string? _redis;
    private readonly Timer? _timer;
    private readonly ILogger<BoardWatchers> _logger;

    public BoardWatchers(IConfiguration configuration, ILogger<BoardWatchers> logger)
    {
        _logger = logger;
        if (configuration["Cluster:Redis"] is { Length: > 0 } redis)
        {
            _redis = redis;
            _timer = new Timer(_ => _ = MarkAsync([.. _local.Where(x => x.Value > 0).Select(x => x.Key)]), null, Refresh, Refresh);
        }
    }

    private static RedisKey Key(long meetingId) => $"pingyi:board-watched:{meetingId}";

    /// <summary>A screen on this node watches the meeting's board; with several nodes, the others know before this returns.</summary>
    public async Task AddAsync(string connectionId, long meetingId)
    {
        if (_connections.GetOrAdd(connectionId, _ => new()).TryAdd(meetingId, 0))
        {
            _local.AddOrUpdate(meetingId, 1, (_, n) => n + 1);
        }
        await MarkAsync([meetingId]);
    }

    /// <summary>The connection is gone: its boards are watched by one screen fewer (here at once; on other nodes on expiry).</summary>
    public void Remove(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var meetings))
        {
            foreach (var id in meetings.Keys)
            {
                _local.AddOrUpdate(id, 0, (_, n) => Math.Max(0, n - 1));
            }
        }
    }

    /// <summary>Whether a screen on this node, or (with several nodes) on any, watches the meeting's board.</summary>
    public async ValueTask<bool> AnyAsync(long meetingId)
    {
        if (_local.TryGetValue(meetingId, out var n) && n > 0)
        {
            return true;
        }
        if (_redis is null)
        {
            return false;
        }
        if (_remote.TryGetValue(meetingId, out var known)
            && Stopwatch.GetElapsedTime(known.At) < (known.Watched ? RemoteWatched : RemoteUnwatched))
        {
            return known.Watched;
        }
        try
        {
            var watched = await (await Cluster.RedisAsync(_redis)).GetDatabase().KeyExistsAsync(Key(meetingId));
            _remote[meetingId] = (watched, Stopwatch.GetTimestamp());
            return watched;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _logger.LogWarning(e, "Redis did not say whether the board of meeting {MeetingId} is watched; rendering it anyway", meetingId);
            return true;
        }
    }

    private async Task MarkAsync(long[] meetingIds)
    {
        if (_redis is null || meetingIds.Length == 0)
        {
            return;
        }
        try
        {
            var db = (await Cluster.RedisAsync(_redis)).GetDatabase();
            await Task.WhenAll(meetingIds.Select(id => db.StringSetAsync(Key(id), 1, Expiry)));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _logger.LogWarning(e, "Redis did not hear that {Count} boards are watched on this node", meetingIds.Length);
        }
    }

    public void Dispose() => _timer?.Dispose();
}
