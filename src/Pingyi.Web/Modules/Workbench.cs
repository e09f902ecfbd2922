using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules;

/// <summary>One thing waiting for the user: how many, what, and where to deal with it.</summary>
public sealed record WaitingItem(string Key, int Count, string Label, string Link);

/// <summary>
/// The workbench (工作台): what waits for the signed-in user, by role — ledger items their organization must act on,
/// items they must verify, overdue items in their scope, commitments to approve, lagging organizations without conversion
/// measures, award nominations to review and publicized lists to approve, meetings this week, unread notifications.
/// Each is a link.
/// </summary>
public sealed class Workbench(PingyiDbContext db, Scope scope, Notifications.Notifier notifier, TimeProvider clock)
{
    public async Task<IReadOnlyList<WaitingItem>> WaitingAsync(CancellationToken ct = default)
    {
        var user = scope.User;
        var own = scope.OrganizationId ?? -1;
        var path = await scope.PathAsync(ct);
        var today = ChinaTime.Today(clock);
        var items = new List<WaitingItem>();
        var inScope = db.LedgerItems.Where(i => i.ResponsibleOrganization!.Path.StartsWith(path));
        if (user.Allows(Policies.LedgerWorkers))
        {
            var act = await db.LedgerItems.CountAsync(i => i.ResponsibleOrganizationId == own && (i.State == LedgerState.ToRectify || i.State == LedgerState.InProgress), ct);
            items.Add(new("act", act, "本单位待整改事项", $"/Ledger?organizationId={own}"));
        }
        if (user.Allows(Policies.LedgerSupervisors))
        {
            // Whoever supervises an organization in the user's scope may verify its items (LedgerAccess).
            var verify = await db.LedgerItems.CountAsync(i => i.State == LedgerState.AwaitingVerification
                && db.Organizations.Any(o => o.Id == i.SupervisingOrganizationId && o.Path.StartsWith(path)), ct);
            items.Add(new("verify", verify, "待验收销号事项", "/Ledger?state=AwaitingVerification"));
        }
        if (user.Allows(Policies.LedgerStaff))
        {
            items.Add(new("overdue", await inScope.Where(LedgerOverdue.On(today)).CountAsync(ct), "管辖范围内逾期事项", "/Ledger?overdue=true"));
        }
        if (user.Allows(Policies.CommitmentReviewers))
        {
            // Commitments of organizations below the user's, submitted and waiting for the user's organization to approve (定诺).
            var approve = await db.Commitments.CountAsync(c => c.State == Core.Commitments.CommitmentState.Submitted
                && db.Organizations.Any(o => o.Id == c.SupervisingOrganizationId && o.Path.StartsWith(path)), ct);
            items.Add(new("approve", approve, "待定诺的承诺", "/Commitments?state=Submitted"));
        }
        if (user.Allows(Policies.GradingRecorders))
        {
            // Organizations in scope graded 后进 whose conversion plan has no measure yet (整顿转化).
            var plans = await db.GradeResults.CountAsync(r => r.PublishedGrade == Core.Grading.OrganizationGrade.Lagging && r.Organization!.Path.StartsWith(path)
                && !db.ConversionMeasures.Any(m => m.GradeResultId == r.Id), ct);
            items.Add(new("convert", plans, "待定整顿转化措施的后进组织", "/Grading?track=Lagging"));
        }
        if (user.Allows(Policies.Awarders))
        {
            // Nominations for the awards the user's organization confers (or below), waiting for review; lists whose publicity is over.
            var review = await db.AwardNominations.CountAsync(n => n.State == Core.Awards.NominationState.Nominated && n.Award!.Organization!.Path.StartsWith(path), ct);
            items.Add(new("nominations", review, "待审核的表彰提名", "/Awards"));
            var approve = await db.Awards.CountAsync(a => a.Stage == Core.Awards.AwardStage.Publicity && a.PublicityUntil < today && a.Organization!.Path.StartsWith(path), ct);
            items.Add(new("awards", approve, "公示期满待批准的表彰", "/Awards"));
        }
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var organizations = await scope.OrganizationsAsync(ct);
        var meetings = await db.Meetings.Where(m => organizations.Any(o => o.Id == m.HostOrganizationId)
                && ((m.HeldOn >= monday && m.HeldOn <= monday.AddDays(6)) || m.Stage == MeetingStage.Scoring))
            .CountAsync(ct);
        items.Add(new("meetings", meetings, "本周述职评议会", "/Meetings"));
        items.Add(new("notifications", await notifier.UnreadCountAsync(ct), "未读通知", "/Notifications?unread=true"));
        return items;
    }
}
