using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Meetings;

public sealed record ScoringTarget(long? ReporterId);

/// <summary>
/// Opens scoring for one reporter or all pending ones, and closes it again. A closed reporter never reopens (a result
/// is not changed after it was seen); the first opening starts the scoring stage and the last closing the assessment.
/// </summary>
public sealed class ChangeScoringHandler(PingyiDbContext db, MeetingAccess access, AuditLog audit, MeetingBoard board)
{
    public Task OpenAsync(long meetingId, long? reporterId, CancellationToken ct = default) =>
        ChangeScoringAsync(meetingId, reporterId, open: true, ct);

    public Task CloseAsync(long meetingId, long? reporterId, CancellationToken ct = default) =>
        ChangeScoringAsync(meetingId, reporterId, open: false, ct);

    private async Task ChangeScoringAsync(long meetingId, long? reporterId, bool open, CancellationToken ct)
    {
        var (meeting, path) = await access.MeetingAsync(meetingId, ct);
        if (meeting.PublishedAt is not null)
        {
            throw new RuleViolation("结果已发布，评分不能再开启或结束");
        }
        var reporters = await db.MeetingReporters.Where(r => r.MeetingId == meetingId && (reporterId == null || r.Id == reporterId)).ToListAsync(ct);
        if (reporterId is not null && reporters.Count == 0)
        {
            throw RuleViolation.NotFound($"述职人 {reporterId} 不在本次会议中");
        }
        var (from, to) = open ? (ScoringState.Pending, ScoringState.Open) : (ScoringState.Open, ScoringState.Closed);
        var changing = reporters.Where(r => r.State == from).ToList();
        if (changing.Count == 0)
        {
            throw new RuleViolation(open
                ? (reporters.Any(r => r.State == ScoringState.Closed) && reporterId is not null ? "该述职人的评分已经结束，不能重新开启（结果不得在看到后再改变）" : "没有待开启评分的述职人")
                : "没有正在评分的述职人");
        }
        foreach (var r in changing)
        {
            r.State = to;
        }
        if (open && meeting.Stage == MeetingStage.Preparation)
        {
            meeting.Stage = MeetingStage.Scoring;
        }
        if (!open && !meeting.Rehearsal && !await db.MeetingReporters.AnyAsync(r => r.MeetingId == meetingId && r.State != ScoringState.Closed
                && !changing.Select(c => c.Id).Contains(r.Id), ct))
        {
            meeting.Stage = MeetingStage.Assessment;
        }
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record(open ? "meeting.open" : "meeting.close", nameof(Meeting), meetingId, path,
            new { reporters = changing.Select(r => r.Id), rehearsal = meeting.Rehearsal });
        await db.SaveChangesAsync(ct);
        if (!open)
        {
            // A ballot is written in the transaction that marks its code used, so on PostgreSQL both rows carry that
            // transaction's id (xmin) and anyone who reads the two tables could pair them; and the rows lie in the table in
            // the order they were written (ctid), which is the order of casting. Closing rewrites the meeting's codes, and
            // moves the closed reporters' ballots and opinions in the order of their random ids, in one transaction: they
            // all carry its id and lie in no order of time (BallotSecrecyTests, SecrecyAuditTests). Each ballot is moved
            // once, when its reporter closes. SQLite keeps neither: its rows lie in the order of their (random) ids.
            var closed = changing.Select(r => r.Id).ToArray();
            await db.RaterCodes.Where(c => c.MeetingId == meetingId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Scored, c => c.Scored), ct);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"""
                    WITH moved AS (DELETE FROM "Ballots" WHERE "MeetingId" = {meetingId} AND "ReporterId" = ANY({closed}) RETURNING *)
                    INSERT INTO "Ballots" SELECT * FROM moved ORDER BY "Id"
                    """, ct);
                await db.Database.ExecuteSqlAsync($"""
                    WITH moved AS (DELETE FROM "Opinions" WHERE "MeetingId" = {meetingId} AND "ReporterId" = ANY({closed}) RETURNING *)
                    INSERT INTO "Opinions" SELECT * FROM moved ORDER BY "Id"
                    """, ct);
            }
        }
        await work.CommitAsync(ct);
        board.Changed(meetingId);
    }
}
