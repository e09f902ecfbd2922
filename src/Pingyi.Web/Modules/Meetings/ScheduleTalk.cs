using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Meetings;

public sealed record ScheduleTalk(DateTime ScheduledAt);

public sealed class ScheduleTalkHandler(PingyiDbContext db, MeetingAccess access, AuditLog audit)
{
    /// <summary>Schedules a talk (约谈); the time is given in UTC or with an offset, and shown in China time.</summary>
    public async Task<Talk> HandleAsync(long talkId, ScheduleTalk request, CancellationToken ct = default)
    {
        var (talk, path) = await access.TalkAsync(talkId, ct);
        if (talk.State == TalkState.Completed)
        {
            throw new RuleViolation("约谈已完成，不能再改期");
        }
        var at = request.ScheduledAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(request.ScheduledAt - ChinaTime.Offset, DateTimeKind.Utc) : request.ScheduledAt.ToUniversalTime();
        var before = talk.ScheduledAt;
        talk.ScheduledAt = at;
        audit.Record("talk.schedule", nameof(Talk), talk.Id, path, new { before, after = at });
        await db.SaveChangesAsync(ct);
        return talk;
    }
}
