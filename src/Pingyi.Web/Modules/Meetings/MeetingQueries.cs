using System.Text.Json.Serialization;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Meetings;

public sealed record MeetingSummary(long Id, string Title, string Cycle, MeetingDirection Direction, MeetingStage Stage, bool Rehearsal,
    DateOnly HeldOn, string HostOrganization, int Reporters, DateTime? PublishedAt);

public sealed record GroupCount(string Key, string Name, int Ballots, int RehearsalBallots);

public sealed record ReporterStatus(long Id, int Order, string Name, string? Post, string Organization, ScoringState State, string? VetoReason,
    IReadOnlyList<GroupCount> Groups, string? SlidesFileName = null, bool HasReportText = false);

/// <summary>A group's codes: expected raters, codes issued (not rehearsal), used (scored at least one reporter), and its minimum ballots.</summary>
public sealed record CodeCount(string Key, string Name, int Expected, int Issued, int Used, int MinimumBallots)
{
    public int Unused => Issued - Used;
}

public sealed record MeetingConsole(long Id, string Title, string Cycle, MeetingDirection Direction, MeetingStage Stage, bool Rehearsal,
    DateOnly HeldOn, string? Location, string HostOrganization, long HostOrganizationId, DateTime? PublishedAt,
    IReadOnlyList<GroupAttendance> Attendance, int RehearsalCodes, IReadOnlyList<ReporterStatus> Reporters, IReadOnlyList<CodeCount> Codes,
    MeetingKind Kind = MeetingKind.Evaluation)
{
    /// <summary>What closing all scoring leaves: per group, ballots cast against raters expected × reporters.</summary>
    public IReadOnlyList<GroupTally> BallotsAgainstExpected =>
        [.. Codes.Select(c => new GroupTally(c.Name, Reporters.Sum(r => r.Groups.Where(g => g.Key == c.Key).Sum(g => g.Ballots)), c.Expected * Reporters.Count))];

    /// <summary>Per group, the reporters whose ballots fall short of the group's minimum: their weight goes to the other groups.</summary>
    public IReadOnlyList<GroupShortfall> BelowMinimum =>
        [.. Codes.Select(c => new GroupShortfall(c.Name, c.MinimumBallots, Reporters.Count(r => r.Groups.Where(g => g.Key == c.Key).Sum(g => g.Ballots) < c.MinimumBallots)))
            .Where(x => x.Reporters > 0)];
}

public sealed record GroupTally(string Group, int Ballots, int Expected);

public sealed record GroupShortfall(string Group, int Minimum, int Reporters)
{
}

public sealed record SchemeSummary(long Id, string Name, string Organization, DateTime CreatedAt, SchemeRules Rules);

public sealed record AnonymousBallot(long ReporterId, string Group, Grade? Grade, IReadOnlyList<decimal>? Indicators, string Receipt);

public sealed record ExportedReporter(long Id, int Order, string Name, string Organization, string? VetoReason);

public sealed record ExportedResult(long ReporterId, [property: JsonNumberHandling(MeetingResults.ExactText)] decimal? Composite, Grade? Grade, int? Position);

/// <summary>The anonymized ballots of a meeting with everything a recount needs (<c>pingyi recount</c>).</summary>
public sealed record BallotExport(long MeetingId, string Title, string Cycle, MeetingDirection Direction, DateOnly HeldOn, SchemeRules Rules,
    IReadOnlyList<ExportedReporter> Reporters, IReadOnlyList<AnonymousBallot> Ballots, IReadOnlyList<ExportedResult>? Published);

/// <summary>A published result in a secretary's record.</summary>
public sealed record RecordedResult(long MeetingId, string Title, string Cycle, MeetingDirection Direction, DateOnly HeldOn, string? Composite,
    Grade? Grade, int? Position, int Reporters);

public sealed record TalkSummary(long Id, long ReporterId, string PersonName, string Reason, TalkState State, DateTime? ScheduledAt,
    DateTime? CompletedAt, string? Notes);

public sealed record SheetReporter(long Id, int Order, string Name, string? Post, string Organization, ScoringState State, bool Done);

/// <summary>What a rater's phone shows: the meeting, the reporters with done / pending marks, and the form of the code's group.</summary>
/// <param name="GradeLabels">The grades' names on the buttons, best first: two to four, and only those grades can be chosen.</param>
/// <param name="OpinionPrompt">What the opinion box asks for.</param>
public sealed record BallotSheet(long MeetingId, string Title, string Group, bool Rehearsal, BallotParts Parts, GradePoints GradePoints,
    IReadOnlyList<Indicator> Indicators, IReadOnlyList<string> OpinionCategories, IReadOnlyList<SheetReporter> Reporters, IReadOnlyList<string> GradeLabels,
    string OpinionPrompt);

public sealed class MeetingQueries(PingyiDbContext db, Scope scope, MeetingAccess access, MeetingResults results, FileStore files)
{
    public async Task<Paged<MeetingSummary>> ListAsync(string? q, MeetingStage? stage, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, pageSize, 20);
        var organizations = await scope.OrganizationsAsync(ct);
        var query = db.Meetings.Where(m => organizations.Any(o => o.Id == m.HostOrganizationId));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(m => m.Title.Contains(text) || m.Cycle.Contains(text));
        }
        if (stage is { } s)
        {
            query = query.Where(m => m.Stage == s);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id).Skip((p - 1) * size).Take(size)
            .Select(m => new MeetingSummary(m.Id, m.Title, m.Cycle, m.Direction, m.Stage, m.Rehearsal, m.HeldOn, m.HostOrganization!.Name,
                m.Reporters.Count, m.PublishedAt))
            .ToListAsync(ct);
        return new Paged<MeetingSummary>(items, p, size, total);
    }

    public async Task<IReadOnlyList<SchemeSummary>> SchemesAsync(CancellationToken ct = default)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var rows = await db.Schemes.Where(s => organizations.Any(o => o.Id == s.OrganizationId)).OrderByDescending(s => s.Id)
            .Select(s => new { s.Id, s.Name, Organization = s.Organization!.Name, s.CreatedAt, s.Rules }).Take(200).ToListAsync(ct);
        return [.. rows.Select(s => new SchemeSummary(s.Id, s.Name, s.Organization, s.CreatedAt, RulesJson.Read(s.Rules)))];
    }

    /// <summary>The chair's view: states and ballots cast per group, never a score.</summary>
    public async Task<MeetingConsole> ConsoleAsync(long meetingId, CancellationToken ct = default)
    {
        var (meeting, _) = await access.MeetingAsync(meetingId, ct);
        var host = await db.Organizations.Where(o => o.Id == meeting.HostOrganizationId).Select(o => o.Name).SingleAsync(ct);
        var groups = await db.MeetingGroups.Where(g => g.MeetingId == meetingId).OrderBy(g => g.Index).ToListAsync(ct);
        var counts = await db.Ballots.Where(b => b.MeetingId == meetingId)
            .GroupBy(b => new { b.ReporterId, b.GroupId, b.Rehearsal }).Select(g => new { g.Key.ReporterId, g.Key.GroupId, g.Key.Rehearsal, Count = g.Count() })
            .ToListAsync(ct);
        var reporters = await db.MeetingReporters.Where(r => r.MeetingId == meetingId).OrderBy(r => r.Order)
            .Select(r => new { r.Id, r.Order, r.Name, r.Post, Organization = r.Organization!.Name, r.State, r.VetoReason, r.SlidesFileName,
                HasReportText = r.ReportText != null && r.ReportText != "" }).ToListAsync(ct);
        var attendance = await results.AttendanceAsync(meetingId, ct);
        var rehearsalCodes = await db.RaterCodes.CountAsync(c => c.MeetingId == meetingId && c.Rehearsal, ct);
        var codes = await db.RaterCodes.Where(c => c.MeetingId == meetingId && !c.Rehearsal).GroupBy(c => c.GroupId)
            .Select(g => new { g.Key, Issued = g.Count(), Used = g.Count(c => c.Scored != "") }).ToListAsync(ct);
        var rules = RulesJson.Read(meeting.Rules);
        return new MeetingConsole(meeting.Id, meeting.Title, meeting.Cycle, meeting.Direction, meeting.Stage, meeting.Rehearsal, meeting.HeldOn,
            meeting.Location, host, meeting.HostOrganizationId, meeting.PublishedAt, attendance, rehearsalCodes,
            [.. reporters.Select(r => new ReporterStatus(r.Id, r.Order, r.Name, r.Post, r.Organization, r.State, r.VetoReason,
                [.. groups.Select(g => new GroupCount(g.Key, g.Name,
                    counts.Where(c => c.ReporterId == r.Id && c.GroupId == g.Id && !c.Rehearsal).Sum(c => c.Count),
                    counts.Where(c => c.ReporterId == r.Id && c.GroupId == g.Id && c.Rehearsal).Sum(c => c.Count)))], r.SlidesFileName, r.HasReportText))],
            [.. groups.Select(g => new CodeCount(g.Key, g.Name, g.ExpectedRaters, codes.FirstOrDefault(c => c.Key == g.Id)?.Issued ?? 0, codes.FirstOrDefault(c => c.Key == g.Id)?.Used ?? 0,
                rules.Groups.FirstOrDefault(r => r.Key == g.Key)?.MinimumBallots ?? 1))], rules.Kind);
    }

    /// <summary>The anonymized ballots, in an order that says nothing about when they were cast.</summary>
    public async Task<BallotExport> BallotsAsync(long meetingId, CancellationToken ct = default)
    {
        var (meeting, _) = await access.MeetingAsync(meetingId, ct);
        if (meeting.Stage is MeetingStage.Preparation or MeetingStage.Scoring)
        {
            throw new RuleViolation("评分尚未全部结束，不能导出投票");
        }
        var groups = await db.MeetingGroups.Where(g => g.MeetingId == meetingId).ToDictionaryAsync(g => g.Id, g => g.Key, ct);
        var reporters = await results.Reporters(meetingId).ToListAsync(ct);
        var rows = await db.Ballots.AsNoTracking().Where(b => b.MeetingId == meetingId && !b.Rehearsal)
            .Select(b => new { b.ReporterId, b.GroupId, b.Grade, b.Indicators, b.Receipt }).ToListAsync(ct);
        var ballots = rows.Select(b => new AnonymousBallot(b.ReporterId, groups[b.GroupId], b.Grade,
                b.Indicators is null ? null : IndicatorPoints.Parse(b.Indicators).Values, b.Receipt))
            .OrderBy(b => reporters.FindIndex(r => r.Id == b.ReporterId)).ThenBy(b => b.Group, StringComparer.Ordinal)
            .ThenBy(b => b.Grade).ThenBy(b => b.Indicators is null ? "" : string.Join(",", b.Indicators), StringComparer.Ordinal)
            .ThenBy(b => b.Receipt, StringComparer.Ordinal).ToList();
        var published = meeting.PublishedAt is null ? null
            : await db.MeetingResults.Where(r => r.MeetingId == meetingId).Select(r => new ExportedResult(r.ReporterId, r.Composite, r.Grade, r.Position)).ToListAsync(ct);
        return new BallotExport(meeting.Id, meeting.Title, meeting.Cycle, meeting.Direction, meeting.HeldOn, RulesJson.Read(meeting.Rules),
            [.. reporters.Select(r => new ExportedReporter(r.Id, r.Order, r.Name, r.OrganizationName, r.VetoReason))], ballots,
            published?.OrderBy(p => reporters.FindIndex(r => r.Id == p.ReporterId)).ToList());
    }

    public async Task<IReadOnlyList<TalkSummary>> TalksAsync(long meetingId, CancellationToken ct = default)
    {
        await access.MeetingAsync(meetingId, ct);
        return await db.Talks.Where(t => t.MeetingId == meetingId).OrderBy(t => t.Id)
            .Select(t => new TalkSummary(t.Id, t.ReporterId, t.PersonName, t.Reason, t.State, t.ScheduledAt, t.CompletedAt, t.Notes)).ToListAsync(ct);
    }

    /// <summary>The published results of a person's duty reports, newest first (results feed the secretary's record).</summary>
    public async Task<IReadOnlyList<RecordedResult>> RecordOfAsync(long personId, CancellationToken ct = default)
    {
        var rows = await (from r in db.MeetingReporters
                          join m in db.Meetings on r.MeetingId equals m.Id
                          join x in db.MeetingResults on r.Id equals x.ReporterId
                          where r.PersonId == personId && m.PublishedAt != null
                          orderby m.HeldOn descending
                          select new { m.Id, m.Title, m.Cycle, m.Direction, m.HeldOn, x.Composite, x.Grade, x.Position, Reporters = m.Reporters.Count })
            .ToListAsync(ct);
        return [.. rows.Select(r => new RecordedResult(r.Id, r.Title, r.Cycle, r.Direction, r.HeldOn,
            MeetingResults.Shown(r.Composite), r.Grade, r.Position, r.Reporters))];
    }

    /// <summary>Every receipt of the meeting's counted ballots, sorted, so each rater can find theirs.</summary>
    public async Task<IReadOnlyList<string>?> ReceiptsAsync(long meetingId, CancellationToken ct = default) =>
        (await ReceiptListAsync(meetingId, ct))?.Receipts;

    /// <summary>The public list of receipts with the meeting's title (no account needed: a receipt names nobody).</summary>
    public async Task<ReceiptList?> ReceiptListAsync(long meetingId, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.Where(m => m.Id == meetingId).Select(m => new { m.Title, m.PublishedAt }).FirstOrDefaultAsync(ct);
        if (meeting is null)
        {
            return null;
        }
        var receipts = await db.Ballots.Where(b => b.MeetingId == meetingId && !b.Rehearsal).Select(b => b.Receipt).ToListAsync(ct);
        receipts.Sort(StringComparer.Ordinal);
        return new ReceiptList(meeting.Title, meeting.PublishedAt is not null, receipts);
    }

    public const string DefaultOpinionPrompt = "对该同志抓党建工作的意见建议";

    /// <summary>The ballot sheet of a code; opening it counts the code's holder as present.</summary>
    public async Task<BallotSheet> SheetAsync(CodeInfo code, MeetingForm form, CancellationToken ct = default)
    {
        await db.RaterCodes.Where(c => c.Id == code.Id && !c.Present).ExecuteUpdateAsync(s => s.SetProperty(c => c.Present, true), ct);
        var meeting = await db.Meetings.Where(m => m.Id == code.MeetingId).Select(m => new { m.Title, m.Rehearsal }).SingleAsync(ct);
        var scored = await db.RaterCodes.Where(c => c.Id == code.Id).Select(c => c.Scored).SingleAsync(ct);
        var done = scored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToHashSet();
        var reporters = await db.MeetingReporters.Where(r => r.MeetingId == code.MeetingId && (code.ReporterId == null || r.Id == code.ReporterId)).OrderBy(r => r.Order)
            .Select(r => new { r.Id, r.Order, r.Name, r.Post, Organization = r.Organization!.Name, r.State }).ToListAsync(ct);
        var group = form.Rules.Groups[code.GroupIndex];
        return new BallotSheet(code.MeetingId, meeting.Title, group.Name, code.Rehearsal, group.Parts, form.Rules.GradePoints,
            group.Parts.HasFlag(BallotParts.Indicators) ? form.Rules.Indicators : [], form.Rules.OpinionCategories,
            [.. reporters.Select(r => new SheetReporter(r.Id, r.Order, r.Name, r.Post, r.Organization, r.State, done.Contains(r.Id)))],
            form.Rules.GradeLabels ?? [.. Enum.GetValues<Grade>().Select(GradeText.Chinese)], form.Rules.OpinionPrompt ?? DefaultOpinionPrompt);
    }

    /// <summary>A reporter's uploaded slides.</summary>
    public async Task<(Stream Content, string FileName)> SlidesAsync(long meetingId, long reporterId, CancellationToken ct = default)
    {
        await access.MeetingAsync(meetingId, ct);
        var reporter = await db.MeetingReporters.Where(r => r.MeetingId == meetingId && r.Id == reporterId)
            .Select(r => new { r.SlidesFile, r.SlidesFileName }).FirstOrDefaultAsync(ct);
        return reporter?.SlidesFile is { } file && files.Open(file) is { } stream
            ? (stream, reporter.SlidesFileName ?? Path.GetFileName(file))
            : throw RuleViolation.NotFound("该述职人没有上传述职课件");
    }
}

public sealed record ReceiptList(string Title, bool Published, IReadOnlyList<string> Receipts);
