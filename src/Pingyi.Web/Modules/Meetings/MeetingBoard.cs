using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Meetings;

public sealed record BoardGroup(string Key, string Name, int Expected, int Present, int Cast);

public sealed record BoardReporter(long Id, int Order, string Name, string Organization, ScoringState State, int Cast);

public sealed record BoardResult(long ReporterId, int Order, string Name, string Organization, string? Composite, Grade? Grade, int? Position);

/// <summary>What the big screen shows; results only once every reporter's scoring is closed.</summary>
/// <param name="Current">The reporter being scored when only one is; <paramref name="OpenCount"/> says how many are open at once.</param>
/// <param name="Groups">Per group, ballots cast for the open reporters (all of them when several are open at once).</param>
public sealed record BoardState(long MeetingId, string Title, string Cycle, MeetingStage Stage, bool Rehearsal, BoardReporter? Current,
    IReadOnlyList<BoardGroup> Groups, IReadOnlyList<BoardReporter> Reporters, IReadOnlyList<BoardResult>? Results, bool Published, int OpenCount = 0);

/// <summary>
/// The live board's hub. The big screen (signed in, within scope) watches the whole board; rater
/// phones (no account) only hear which reporters are open, to mark them without reloading.
/// </summary>
public sealed class MeetingHub(MeetingBoard board, BoardWatchers watchers, MeetingAccess access) : Hub
{
    public const string Path = "/hubs/meetings";

    [Microsoft.AspNetCore.Authorization.Authorize]
    public async Task<BoardState> WatchBoard(long meetingId)
    {
        await access.MeetingAsync(meetingId, Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, MeetingBoard.BoardGroupName(meetingId));
        await watchers.AddAsync(Context.ConnectionId, meetingId);
        return await board.StateAsync(meetingId, Context.ConnectionAborted);
    }

    public async Task WatchSheet(long meetingId) =>
        await Groups.AddToGroupAsync(Context.ConnectionId, MeetingBoard.SheetGroupName(meetingId));

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watchers.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>
/// Pushes board updates after ballots are committed and after the chair acts: at once when the
/// meeting's last push is older than the pause, otherwise once the pause is over, so a thousand
/// ballots a second become ten pushes, each with the latest counts. Ballots change only the counts, which only the
/// screens show: they are pushed when a screen watches (<see cref="BoardWatchers"/>); the chair's acts change what the
/// raters' phones show too and are always pushed to both.
/// </summary>
public sealed class MeetingBoard
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private static readonly System.Diagnostics.Metrics.Counter<long> RenderCount =
        BallotIntake.Meter.CreateCounter<long>("pingyi.board.renders", "{board}", "Boards read from the database and pushed to the screens");
    private long _renders;
    private readonly IServiceScopeFactory _scopes;
    private readonly IHubContext<MeetingHub> _hub;
    private readonly ILogger<MeetingBoard> _logger;
    private readonly BoardWatchers _watchers;
    // A meeting with a push pending, and whether it is for the chair's act (the phones too) or for ballots only.
    private readonly ConcurrentDictionary<long, bool> _scheduled = new();
    private readonly ConcurrentDictionary<long, DateTime> _lastPush = new();

    public MeetingBoard(IServiceScopeFactory scopes, IHubContext<MeetingHub> hub, BallotIntake intake, BoardWatchers watchers, ILogger<MeetingBoard> logger)
    {
        _scopes = scopes;
        _hub = hub;
        _watchers = watchers;
        _logger = logger;
        intake.Committed += meetings =>
        {
            foreach (var id in meetings)
            {
                Schedule(id, chair: false);
            }
        };
    }

    /// <summary>Boards this node has read and pushed since it started.</summary>
    public long Renders => Interlocked.Read(ref _renders);

    public static string BoardGroupName(long meetingId) => $"board-{meetingId}";

    public static string SheetGroupName(long meetingId) => $"sheet-{meetingId}";

    /// <summary>The chair acted (opened or closed scoring, published, …): the screens and the raters' phones hear it.</summary>
    public void Changed(long meetingId) => Schedule(meetingId, chair: true);

    private void Schedule(long meetingId, bool chair)
    {
        while (!_scheduled.TryAdd(meetingId, chair))
        {
            // A push is pending: it carries this change too, once it knows the chair acted.
            if (!chair || (_scheduled.TryGetValue(meetingId, out var pending) && (pending || _scheduled.TryUpdate(meetingId, true, pending))))
            {
                return;
            }
        }
        var wait = _lastPush.TryGetValue(meetingId, out var last) ? Pause - (DateTime.UtcNow - last) : TimeSpan.Zero;
        _ = Task.Run(async () =>
        {
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
                _scheduled.TryRemove(meetingId, out var chairActed);
                if (!chairActed && !await _watchers.AnyAsync(meetingId))
                {
                    return; // ballots only, and no screen shows this board
                }
                _lastPush[meetingId] = DateTime.UtcNow;
                Interlocked.Increment(ref _renders);
                RenderCount.Add(1);
                if (await FindStateAsync(meetingId, CancellationToken.None) is not { } state)
                {
                    return; // the meeting is gone (a purged rehearsal, a rolled-back creation): no one watches its board
                }
                await _hub.Clients.Group(BoardGroupName(meetingId)).SendAsync("board", state);
                if (chairActed)
                {
                    await _hub.Clients.Group(SheetGroupName(meetingId)).SendAsync("states",
                        state.Reporters.Select(r => new { r.Id, r.State }).ToList());
                }
            }
            catch (ObjectDisposedException)
            {
                // The host is stopping.
            }
            catch (Exception e)
            {
                _scheduled.TryRemove(meetingId, out _);
                _logger.LogWarning(e, "Board update of meeting {MeetingId} failed", meetingId);
            }
        });
    }

    public async Task<BoardState> StateAsync(long meetingId, CancellationToken ct) =>
        await FindStateAsync(meetingId, ct) ?? throw RuleViolation.NotFound($"会议 {meetingId} 不存在或不在您的管理范围内");

    private async Task<BoardState?> FindStateAsync(long meetingId, CancellationToken ct)
    {
        using var scope = _scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        // Two round trips for a render (it was five): the meeting with its groups and reporters, then both tallies.
        var meeting = await db.Meetings.AsSingleQuery().Where(m => m.Id == meetingId).Select(m => new
        {
            m.Title, m.Cycle, m.Stage, m.Rehearsal, m.PublishedAt,
            Groups = m.Groups.OrderBy(g => g.Index).Select(g => new { g.Id, g.Key, g.Name, g.ExpectedRaters }).ToList(),
            Reporters = m.Reporters.OrderBy(r => r.Order).Select(r => new { r.Id, r.Order, r.Name, Organization = r.Organization!.Name, r.State }).ToList(),
        }).SingleOrDefaultAsync(ct);
        if (meeting is null)
        {
            return null;
        }
        // Ballots per reporter and group (Kind 0), and rater codes present per group (Kind 1, reporter 0).
        var tallies = await db.Ballots.Where(b => b.MeetingId == meetingId && b.Rehearsal == meeting.Rehearsal)
            .GroupBy(b => new { b.ReporterId, b.GroupId }).Select(g => new { Kind = 0, g.Key.ReporterId, g.Key.GroupId, Count = g.Count() })
            .Concat(db.RaterCodes.Where(c => c.MeetingId == meetingId && c.Rehearsal == meeting.Rehearsal && c.Present)
                .GroupBy(c => c.GroupId).Select(g => new { Kind = 1, ReporterId = 0L, GroupId = g.Key, Count = g.Count() }))
            .ToListAsync(ct);
        var counts = tallies.Where(t => t.Kind == 0).ToList();
        var present = tallies.Where(t => t.Kind == 1).ToDictionary(t => t.GroupId, t => t.Count);
        var groups = meeting.Groups;
        var reporters = meeting.Reporters;
        var rows = reporters.Select(r => new BoardReporter(r.Id, r.Order, r.Name, r.Organization, r.State,
            counts.Where(c => c.ReporterId == r.Id).Sum(c => c.Count))).ToList();
        var open = rows.Where(r => r.State == ScoringState.Open).Select(r => r.Id).ToHashSet();
        var current = open.Count == 1 ? rows.First(r => open.Contains(r.Id)) : null;
        var boardGroups = groups.Select(g => new BoardGroup(g.Key, g.Name, g.ExpectedRaters, present.GetValueOrDefault(g.Id),
            counts.Where(c => c.GroupId == g.Id && open.Contains(c.ReporterId)).Sum(c => c.Count))).ToList();
        IReadOnlyList<BoardResult>? results = null;
        if (!meeting.Rehearsal && meeting.Stage is MeetingStage.Assessment or MeetingStage.Rectification)
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<MeetingResults>().GetAsync(meetingId, ct);
            results = [.. outcome.Reporters.Select(r => new BoardResult(r.ReporterId, r.Order, r.Name, r.Organization, r.CompositeDisplay, r.Grade, r.Position))];
        }
        return new BoardState(meetingId, meeting.Title, meeting.Cycle, meeting.Stage, meeting.Rehearsal, current, boardGroups, rows, results,
            meeting.PublishedAt is not null, open.Count);
    }
}
