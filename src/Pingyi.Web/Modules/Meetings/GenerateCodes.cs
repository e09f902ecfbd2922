using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Meetings;

/// <param name="ReporterId">Codes for one reporter only (the people of a village evaluate their own secretary); null: for all.</param>
public sealed record GenerateCodes(string? GroupKey, int Count, bool Rehearsal = false, long? ReporterId = null);

/// <param name="ReporterName">The one reporter the code scores, when it was made for one.</param>
public sealed record GeneratedCode(string Code, string GroupKey, string GroupName, bool Rehearsal, string? ReporterName = null);

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
        var reporter = request.ReporterId is { } reporterId
            ? await db.MeetingReporters.Where(r => r.MeetingId == meetingId && r.Id == reporterId).Select(r => new { r.Id, r.Name }).FirstOrDefaultAsync(ct)
              ?? throw RuleViolation.Invalid("指定的述职人不在这次会议中", "reporterId")
            : null;
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
            db.RaterCodes.Add(new RaterCode { MeetingId = meetingId, GroupId = group.Id, CodeHash = hash, Rehearsal = request.Rehearsal, ReporterId = reporter?.Id });
            codes.Add(new GeneratedCode(RaterCodeText.Display(code), group.Key, group.Name, request.Rehearsal, reporter?.Name));
        }
        audit.Record("meeting.codes", nameof(Meeting), meetingId, path, new { group = group.Key, count = request.Count, rehearsal = request.Rehearsal, reporter = reporter?.Id });
        await db.SaveChangesAsync(ct);
        return codes;
    }
}
