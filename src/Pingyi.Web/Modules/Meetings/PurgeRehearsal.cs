using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Meetings;

public sealed class PurgeRehearsalHandler(PingyiDbContext db, MeetingAccess access, AuditLog audit, RaterCodeCache cache, MeetingBoard board)
{
    /// <summary>Ends a rehearsal: its ballots, opinions and test codes are deleted and every reporter is pending again.</summary>
    public async Task<int> HandleAsync(long meetingId, CancellationToken ct = default)
    {
        var (meeting, path) = await access.MeetingAsync(meetingId, ct);
        if (!meeting.Rehearsal)
        {
            throw new RuleViolation("会议不在试运行中");
        }
        await using var tx = await db.BeginWorkAsync(ct);
        var ballots = await db.Ballots.Where(b => b.MeetingId == meetingId && b.Rehearsal).ExecuteDeleteAsync(ct);
        var opinions = await db.Opinions.Where(o => o.MeetingId == meetingId && o.Rehearsal).ExecuteDeleteAsync(ct);
        var codes = await db.RaterCodes.Where(c => c.MeetingId == meetingId && c.Rehearsal).ExecuteDeleteAsync(ct);
        await db.MeetingReporters.Where(r => r.MeetingId == meetingId).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ScoringState.Pending), ct);
        meeting.Rehearsal = false;
        meeting.Stage = MeetingStage.Preparation;
        audit.Record("meeting.rehearsal.purge", nameof(Meeting), meetingId, path, new { ballots, opinions, codes });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.ForgetCodes(meetingId);
        board.Changed(meetingId);
        return ballots;
    }
}
