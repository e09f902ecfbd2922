using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Meetings;

public sealed record GroupExplanation(string Key, string Name, decimal Weight, int Ballots, int Trimmed, string? Score, string? ScoreDisplay,
    string EffectiveWeight, IReadOnlyList<string> Flags);

/// <param name="Composite">The exact composite as the engine computed it; written in JSON as a string of all its digits.</param>
public sealed record ReporterOutcome(long ReporterId, int Order, string Name, string Organization, long OrganizationId, long? PersonId,
    [property: JsonNumberHandling(MeetingResults.ExactText)] decimal? Composite, string? CompositeDisplay, Grade? Grade, int? Position, IReadOnlyList<string> Flags, string? VetoReason,
    IReadOnlyList<GroupExplanation> Groups);

public sealed record GroupAttendance(string Key, string Name, int Expected, int Present);

public sealed record MeetingOutcome(long MeetingId, string Title, string Cycle, MeetingDirection Direction, DateOnly HeldOn, bool Published,
    DateTime? PublishedAt, IReadOnlyList<GroupAttendance> Attendance, IReadOnlyList<ReporterOutcome> Reporters, MeetingKind Kind = MeetingKind.Evaluation);

public sealed record CycleOutcomeLine(long ReporterId, int Order, string Name, string Organization,
    [property: JsonNumberHandling(MeetingResults.ExactText)] decimal? Upward, [property: JsonNumberHandling(MeetingResults.ExactText)] decimal? Downward,
    [property: JsonNumberHandling(MeetingResults.ExactText)] decimal? Composite, string? CompositeDisplay, Grade? Grade, int? Position, IReadOnlyList<string> Flags, long? DownwardMeetingId);

/// <summary>The two-way (双向) result of a cycle: the upward meeting's reporters with their downward meetings of the same cycle.</summary>
public sealed record CycleOutcome(long MeetingId, string Cycle, decimal UpwardWeight, decimal DownwardWeight, IReadOnlyList<CycleOutcomeLine> Reporters);

/// <summary>Counts a meeting's ballots with the scoring engine: the preview, the published results and the two-way result of a cycle.</summary>
public sealed class MeetingResults(PingyiDbContext db, MeetingAccess access)
{
    /// <summary>A group breakdown of fewer ballots than this is not shown: it would come close to showing a ballot.</summary>
    public const int SmallestShownGroup = 3;

    private static readonly JsonSerializerOptions Json = RulesJson.Options;

    /// <summary>The results: the published ones, or — once every reporter's scoring is closed — a preview.</summary>
    public async Task<MeetingOutcome> GetAsync(long meetingId, CancellationToken ct = default)
    {
        var (meeting, _) = await access.MeetingAsync(meetingId, ct);
        if (meeting.PublishedAt is not null)
        {
            return await PublishedAsync(meeting, ct);
        }
        if (meeting.Rehearsal || meeting.Stage != MeetingStage.Assessment)
        {
            throw new RuleViolation(meeting.Rehearsal ? "试运行的投票不计入结果" : "评分尚未全部结束：关闭全部述职人的评分后才能看到结果");
        }
        return await ComputeAsync(meeting, ct);
    }

    /// <summary>
    /// Combines a published upward meeting with each reporter's published downward meeting of the same
    /// cycle (matched by person, else by organization), with the scheme's weights; positions and grades
    /// are assigned over the cycle.
    /// </summary>
    public async Task<CycleOutcome> CycleAsync(long upwardMeetingId, CancellationToken ct = default)
    {
        var (meeting, _) = await access.MeetingAsync(upwardMeetingId, ct);
        if (meeting.Direction != MeetingDirection.Upward || meeting.PublishedAt is null)
        {
            throw new RuleViolation("双向评议结果以已发布的向上述职评议会为准：请先发布本次会议结果");
        }
        var rules = RulesJson.Read(meeting.Rules);
        var up = await PublishedAsync(meeting, ct);
        var downward = await (from r in db.MeetingReporters
                              join m in db.Meetings on r.MeetingId equals m.Id
                              join x in db.MeetingResults on r.Id equals x.ReporterId
                              where m.Cycle == meeting.Cycle && m.Direction == MeetingDirection.Downward && m.PublishedAt != null
                              select new { m.Id, r.PersonId, r.OrganizationId, x.Composite }).ToListAsync(ct);
        var lines = up.Reporters.Select(r =>
        {
            var d = downward.FirstOrDefault(x => r.PersonId is not null && x.PersonId == r.PersonId)
                ?? downward.FirstOrDefault(x => r.PersonId is null && x.OrganizationId == r.OrganizationId);
            return (Reporter: r, Down: d);
        }).ToList();
        var vetoes = lines.Select((l, i) => (l.Reporter.VetoReason, i)).Where(x => x.VetoReason is not null).ToDictionary(x => x.i, x => x.VetoReason!);
        var combined = Scoring.Combine(rules, [.. lines.Select(l => (l.Reporter.Composite, l.Down?.Composite))], vetoes);
        return new CycleOutcome(meeting.Id, meeting.Cycle, rules.UpwardWeight, rules.DownwardWeight, [.. lines.Select((l, i) => new CycleOutcomeLine(
            l.Reporter.ReporterId, l.Reporter.Order, l.Reporter.Name, l.Reporter.Organization, l.Reporter.Composite, l.Down?.Composite,
            combined[i].Composite, Shown(combined[i].Composite),
            combined[i].Grade, combined[i].Position, FlagNames(combined[i].Flags), l.Down?.Id))]);
    }

    /// <summary>Counts the meeting's ballots with the scheme's rules (the meeting's own copy of them).</summary>
    internal async Task<MeetingOutcome> ComputeAsync(Meeting meeting, CancellationToken ct)
    {
        var rules = RulesJson.Read(meeting.Rules);
        var reporters = await Reporters(meeting.Id).ToListAsync(ct);
        var groups = await db.MeetingGroups.Where(g => g.MeetingId == meeting.Id).OrderBy(g => g.Index).ToListAsync(ct);
        var groupIndex = groups.ToDictionary(g => g.Id, g => g.Index);
        var reporterIndex = reporters.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var ballots = await db.Ballots.AsNoTracking().Where(b => b.MeetingId == meeting.Id && !b.Rehearsal)
            .OrderBy(b => b.ReporterId).Select(b => new { b.ReporterId, b.GroupId, b.Grade, b.Indicators }).ToListAsync(ct);
        var cast = ballots.Select(b => new CastBallot(reporterIndex[b.ReporterId], groupIndex[b.GroupId], b.Grade, b.Indicators is null ? null : IndicatorPoints.Parse(b.Indicators).Hundredths)).ToArray();
        var vetoes = reporters.Select((r, i) => (r.VetoReason, i)).Where(x => x.VetoReason is not null).ToDictionary(x => x.i, x => x.VetoReason!);
        var evaluation = Scoring.Evaluate(rules, reporters.Count, cast, vetoes);
        var attendance = await AttendanceAsync(meeting.Id, ct);
        return new MeetingOutcome(meeting.Id, meeting.Title, meeting.Cycle, meeting.Direction, meeting.HeldOn, false, null, attendance,
            [.. reporters.Select((r, i) => Describe(r, evaluation[i], rules, groups))], rules.Kind);
    }

    private async Task<MeetingOutcome> PublishedAsync(Meeting meeting, CancellationToken ct)
    {
        var reporters = await Reporters(meeting.Id).ToListAsync(ct);
        var stored = await db.MeetingResults.Where(r => r.MeetingId == meeting.Id).ToDictionaryAsync(r => r.ReporterId, ct);
        var attendance = JsonSerializer.Deserialize<List<GroupAttendance>>(meeting.Attendance ?? "[]", Json) ?? [];
        return new MeetingOutcome(meeting.Id, meeting.Title, meeting.Cycle, meeting.Direction, meeting.HeldOn, true, meeting.PublishedAt, attendance,
            [.. reporters.Select(r =>
            {
                var s = stored[r.Id];
                return new ReporterOutcome(r.Id, r.Order, r.Name, r.OrganizationName, r.OrganizationId, r.PersonId, s.Composite,
                    Shown(s.Composite), s.Grade, s.Position,
                    FlagNames(s.Flags), r.VetoReason, JsonSerializer.Deserialize<List<GroupExplanation>>(s.Explanation, Json) ?? []);
            })], RulesJson.Read(meeting.Rules).Kind);
    }

    /// <summary>Expected (应到) and present (实到) raters per group; test codes never count.</summary>
    public async Task<IReadOnlyList<GroupAttendance>> AttendanceAsync(long meetingId, CancellationToken ct)
    {
        var groups = await db.MeetingGroups.Where(g => g.MeetingId == meetingId).OrderBy(g => g.Index).ToListAsync(ct);
        var present = await db.RaterCodes.Where(c => c.MeetingId == meetingId && !c.Rehearsal && c.Present)
            .GroupBy(c => c.GroupId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. groups.Select(g => new GroupAttendance(g.Key, g.Name, g.ExpectedRaters, present.GetValueOrDefault(g.Id)))];
    }

    internal sealed record ReporterRow(long Id, int Order, string Name, long OrganizationId, string OrganizationName, long? PersonId, string? VetoReason);

    internal IQueryable<ReporterRow> Reporters(long meetingId) =>
        db.MeetingReporters.Where(r => r.MeetingId == meetingId).OrderBy(r => r.Order)
            .Select(r => new ReporterRow(r.Id, r.Order, r.Name, r.OrganizationId, r.Organization!.Name, r.PersonId, r.VetoReason));

    private static ReporterOutcome Describe(ReporterRow r, ReporterResult result, SchemeRules rules, List<MeetingGroup> groups) =>
        new(r.Id, r.Order, r.Name, r.OrganizationName, r.OrganizationId, r.PersonId,
            result.Composite, Shown(result.Composite),
            result.Grade, result.Position, FlagNames(result.Flags), result.VetoReason,
            [.. result.Groups.Select(g => new GroupExplanation(groups[g.Group].Key, groups[g.Group].Name, rules.Groups[g.Group].Weight,
                g.Ballots, g.Trimmed,
                g.Ballots >= SmallestShownGroup && g.Score is { } s ? Exact(s) : null,
                g.Ballots >= SmallestShownGroup && g.Score is { } s2 ? Display.Format(s2) : null,
                Exact(g.EffectiveWeight), GroupFlagNames(g.Flags)))]);

    public static string Exact(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An exact composite rounded for display; null stays null.</summary>
    public static string? Shown(decimal? exact) => Display.Format(exact) is { Length: > 0 } shown ? shown : null;

    /// <summary>
    /// How exact decimals (composites) travel in JSON: as strings of all their digits, so that no client rounds them
    /// through a double; read from a string or a number.
    /// </summary>
    public const JsonNumberHandling ExactText = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString;

    private static IReadOnlyList<string> FlagNames(ResultFlags flags) =>
        [.. Enum.GetValues<ResultFlags>().Where(f => f != ResultFlags.None && flags.HasFlag(f)).Select(f => JsonNamingPolicy.CamelCase.ConvertName(f.ToString()))];

    private static IReadOnlyList<string> GroupFlagNames(GroupFlags flags) =>
        [.. Enum.GetValues<GroupFlags>().Where(f => f != GroupFlags.None && flags.HasFlag(f)).Select(f => JsonNamingPolicy.CamelCase.ConvertName(f.ToString()))];

    internal static ResultFlags ParseFlags(IReadOnlyList<string> names) =>
        names.Aggregate(ResultFlags.None, (all, n) => all | Enum.Parse<ResultFlags>(n, ignoreCase: true));
}
