using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Meetings;

public sealed record GenerateCodes(string? GroupKey, int Count, bool Rehearsal = false);

public sealed record GeneratedCode(string Code, string GroupKey, string GroupName, bool Rehearsal);

public sealed class GenerateCodesHandler(PingyiDbContext db, MeetingAccess access, AuditLog audit, PiiProtector keys)
{
    /// <summary>Makes one-time codes; the plaintext is returned here once and never stored.</summary>
    public async Task<IReadOnlyList<GeneratedCode>> HandleAsync(long meetingId, GenerateCodes request, CancellationToken ct = default)
    {
        var (meeting, path) = await access.MeetingAsync(meetingId, ct);
        if (meeting.PublishedAt is not null)
        {
            throw new RuleViolation("结果已发布，不能再生成评议码");
        }
        if (meeting.Stage >= MeetingStage.Assessment)
        {
            throw new RuleViolation("评分已全部结束，不能再生成评议码");
        }
        if (request.Count is < 1 or > 2000)
        {
            throw RuleViolation.Invalid("每次生成 1 到 2000 个评议码");
        }
        var groups = await db.MeetingGroups.Where(g => g.MeetingId == meetingId).OrderBy(g => g.Index).ToListAsync(ct);
        var group = request.GroupKey is null && groups.Count == 1 ? groups[0]
            : groups.FirstOrDefault(g => g.Key == request.GroupKey)
              ?? throw RuleViolation.Invalid($"请指定评议组：{string.Join("、", groups.Select(g => $"{g.Key}（{g.Name}）"))}");
        var codes = new List<GeneratedCode>(request.Count);
        var hashes = new HashSet<string>();
        while (codes.Count < request.Count)
        {
            var code = RaterCodeText.New();
            var hash = RaterCodeText.Hash(keys, code);
            if (!hashes.Add(hash) || await db.RaterCodes.AnyAsync(c => c.CodeHash == hash, ct))
            {
                continue;
            }
            db.RaterCodes.Add(new RaterCode { MeetingId = meetingId, GroupId = group.Id, CodeHash = hash, Rehearsal = request.Rehearsal });
            codes.Add(new GeneratedCode(RaterCodeText.Display(code), group.Key, group.Name, request.Rehearsal));
        }
        audit.Record("meeting.codes", nameof(Meeting), meetingId, path, new { group = group.Key, count = request.Count, rehearsal = request.Rehearsal });
        await db.SaveChangesAsync(ct);
        return codes;
    }
}
