using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>A veto item (一票否决) that forces the grade 较差; an empty reason clears it.</summary>
public sealed record SetVeto(string? Reason);

public sealed class SetVetoHandler(PingyiDbContext db, MeetingAccess access, AuditLog audit, MeetingBoard board)
{
    public async Task HandleAsync(long meetingId, long reporterId, SetVeto request, CancellationToken ct = default)
    {
        var (meeting, path) = await access.MeetingAsync(meetingId, ct);
        if (meeting.PublishedAt is not null)
        {
            throw new RuleViolation("结果已发布，不能再设置一票否决");
        }
        var reporter = await access.ReporterAsync(meetingId, reporterId, ct);
        var trimmed = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (trimmed?.Length > 500)
        {
            throw RuleViolation.Invalid("否决理由不超过500字");
        }
        var before = reporter.VetoReason;
        reporter.VetoReason = trimmed;
        audit.Record("meeting.veto", nameof(MeetingReporter), reporterId, path, new { meeting = meetingId, before, after = trimmed });
        await db.SaveChangesAsync(ct);
        board.Changed(meetingId);
    }
}
