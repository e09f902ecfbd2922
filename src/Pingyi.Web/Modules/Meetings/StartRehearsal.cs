using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>A rehearsal (试运行) with test codes, so that a meeting's room and phones are tried before it counts.</summary>
public sealed class StartRehearsalHandler(PingyiDbContext db, MeetingAccess access, AuditLog audit, MeetingBoard board)
{
    /// <summary>Starts a rehearsal: only before any real scoring.</summary>
    public async Task HandleAsync(long meetingId, CancellationToken ct = default)
    {
        var (meeting, path) = await access.MeetingAsync(meetingId, ct);
        if (meeting.Stage != MeetingStage.Preparation || meeting.Rehearsal)
        {
            throw new RuleViolation(meeting.Rehearsal ? "会议已在试运行中" : "正式评分已经开始，不能再试运行");
        }
        meeting.Rehearsal = true;
        audit.Record("meeting.rehearsal.start", nameof(Meeting), meetingId, path);
        await db.SaveChangesAsync(ct);
        board.Changed(meetingId);
    }
}
