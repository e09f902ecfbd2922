using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Meetings;

public sealed record CompleteTalk(string Notes);

/// <summary>Records that a talk (约谈) took place, with its notes.</summary>
public sealed class CompleteTalkHandler(PingyiDbContext db, MeetingAccess access, AuditLog audit, TimeProvider clock)
{
    public async Task<Talk> HandleAsync(long talkId, CompleteTalk request, CancellationToken ct = default)
    {
        var (talk, path) = await access.TalkAsync(talkId, ct);
        var notes = (request.Notes ?? string.Empty).Trim();
        if (notes.Length is 0 or > 4000)
        {
            throw RuleViolation.Invalid("请填写约谈记录（不超过4000字）");
        }
        if (talk.State == TalkState.Completed)
        {
            throw new RuleViolation("约谈已经完成");
        }
        talk.State = TalkState.Completed;
        talk.CompletedAt = clock.GetUtcNow().UtcDateTime;
        talk.Notes = notes;
        audit.Record("talk.complete", nameof(Talk), talk.Id, path, new { notes });
        await db.SaveChangesAsync(ct);
        return talk;
    }
}
