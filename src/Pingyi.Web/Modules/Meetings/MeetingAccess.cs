using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// Finds a meeting, one of its reporters, a talk or a host organization within the caller's organization
/// subtree; anything outside it is refused as not found (404), like something that does not exist.
/// Every use case of the module starts here.
/// </summary>
public sealed class MeetingAccess(PingyiDbContext db, Scope scope)
{
    /// <summary>The meeting and its host organization's path (the audit scope of what is done to it).</summary>
    public async Task<(Meeting Meeting, string Path)> MeetingAsync(long meetingId, CancellationToken ct)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var found = await db.Meetings.Where(m => m.Id == meetingId)
            .Join(organizations, m => m.HostOrganizationId, o => o.Id, (m, o) => new { Meeting = m, o.Path })
            .FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"会议 {meetingId} 不存在或不在您的管理范围内");
        return (found.Meeting, found.Path);
    }

    public async Task<MeetingReporter> ReporterAsync(long meetingId, long reporterId, CancellationToken ct) =>
        await db.MeetingReporters.FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.Id == reporterId, ct)
        ?? throw RuleViolation.NotFound($"述职人 {reporterId} 不在本次会议中");

    public async Task<(Talk Talk, string Path)> TalkAsync(long talkId, CancellationToken ct)
    {
        var meetingId = await db.Talks.Where(t => t.Id == talkId).Select(t => (long?)t.MeetingId).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"约谈 {talkId} 不存在或不在您的管理范围内");
        var (_, path) = await MeetingAsync(meetingId, ct);
        return (await db.Talks.SingleAsync(t => t.Id == talkId, ct), path);
    }

    /// <summary>A scheme of an organization in the caller's subtree.</summary>
    public async Task<Scheme> SchemeAsync(long schemeId, CancellationToken ct)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        return await db.Schemes.Where(s => s.Id == schemeId && organizations.Any(o => o.Id == s.OrganizationId)).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"评议方案 {schemeId} 不存在或不在您的管理范围内");
    }

    public async Task<Organization> OrganizationAsync(long organizationId, CancellationToken ct) =>
        await (await scope.OrganizationsAsync(ct)).FirstOrDefaultAsync(o => o.Id == organizationId, ct)
        ?? throw RuleViolation.NotFound($"组织 {organizationId} 不存在或不在您的管理范围内");
}
