using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Meetings;

public sealed record VoidCode(string Code);

/// <summary>
/// Voids an unused code — a lost slip — so that no one who finds it can score. A code that has scored anyone cannot be
/// voided: its ballots are secret and stay counted. The audit entry names the group, never the code.
/// </summary>
public sealed class VoidCodeHandler(PingyiDbContext db, MeetingAccess access, AuditLog audit, PiiProtector keys, RaterCodeCache cache)
{
    public async Task<string> HandleAsync(long meetingId, VoidCode request, CancellationToken ct = default)
    {
        var (meeting, path) = await access.MeetingAsync(meetingId, ct);
        if (meeting.PublishedAt is not null)
        {
            throw new RuleViolation("结果已发布，评议码已全部失效");
        }
        var normalized = RaterCodeText.Normalize(request.Code) ?? throw RuleViolation.Invalid("请输入遗失的评议码，如 AB3D-7KQP", "code");
        var hash = RaterCodeText.Hash(keys, normalized);
        await using var work = await db.BeginWorkAsync(ct);
        var code = await db.RaterCodes.FirstOrDefaultAsync(c => c.CodeHash == hash && c.MeetingId == meetingId, ct)
            ?? throw RuleViolation.Invalid("本次会议没有这个评议码，请核对", "code");
        if (code.Scored.Length > 0)
        {
            throw new RuleViolation("这个评议码已经投过票，不能作废：已投的票匿名计入结果");
        }
        var group = await db.MeetingGroups.Where(g => g.Id == code.GroupId).Select(g => g.Name).SingleAsync(ct);
        db.RaterCodes.Remove(code);
        audit.Record("meeting.code-void", nameof(Meeting), meetingId, path, new { group, rehearsal = code.Rehearsal });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        cache.ForgetCodes(meetingId);
        return group;
    }
}
