using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// Publishes a meeting's results once every reporter's scoring is closed, with their consequences in the same
/// transaction: a talk (约谈) for every reporter graded 较差 and for the last-positioned ones, and a ledger item for
/// every opinion, due after the configured time, each responsible organization notified.
/// </summary>
public sealed class PublishResultsHandler(PingyiDbContext db, MeetingAccess access, MeetingResults results, AuditLog audit, TimeProvider clock,
    Notifications.Notifier notifier, Microsoft.Extensions.Options.IOptions<LedgerOptions> ledgerOptions, MeetingBoard board, Documents.DocumentRegister register,
    Calendar.WorkCalendars calendars, IEnumerable<IMeetingPublication> publications)
{
    private static readonly JsonSerializerOptions Json = RulesJson.Options;

    public async Task<MeetingOutcome> HandleAsync(long meetingId, CancellationToken ct = default)
    {
        var (meeting, path) = await access.MeetingAsync(meetingId, ct);
        if (meeting.PublishedAt is not null)
        {
            throw new RuleViolation("结果已经发布");
        }
        if (meeting.Rehearsal)
        {
            throw new RuleViolation("会议正在试运行：请先清除试运行数据");
        }
        if (meeting.Stage != MeetingStage.Assessment)
        {
            throw new RuleViolation("评分尚未全部结束，不能发布结果");
        }
        var outcome = await results.ComputeAsync(meeting, ct);
        var rules = RulesJson.Read(meeting.Rules);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.BeginWorkAsync(ct);
        foreach (var r in outcome.Reporters)
        {
            db.MeetingResults.Add(new MeetingResult
            {
                MeetingId = meeting.Id,
                ReporterId = r.ReporterId,
                Composite = r.Composite,
                Grade = r.Grade,
                Position = r.Position,
                Flags = MeetingResults.ParseFlags(r.Flags),
                Explanation = JsonSerializer.Serialize(r.Groups, Json),
            });
        }
        meeting.Attendance = JsonSerializer.Serialize(outcome.Attendance, Json);
        meeting.PublishedAt = now;
        meeting.Stage = MeetingStage.Rectification;

        // Consequences of a 述职评议 only (a vote's or a survey's result is its module's business): a talk for every reporter
        // graded 较差 and for the last-positioned ones; the opinions to the ledger; the numbered report and sheets.
        var evaluation = rules.Kind == Core.Evaluation.MeetingKind.Evaluation;
        var consequences = evaluation ? MeetingConsequences.Reasons(outcome.Reporters, rules.TalkBottomCount) : new Dictionary<long, string>();
        foreach (var r in outcome.Reporters.Where(r => consequences.ContainsKey(r.ReporterId)))
        {
            db.Talks.Add(new Talk
            {
                MeetingId = meeting.Id,
                ReporterId = r.ReporterId,
                OrganizationId = r.OrganizationId,
                PersonId = r.PersonId,
                PersonName = r.Name,
                Reason = consequences[r.ReporterId],
                State = TalkState.Scheduled,
                CreatedAt = now,
            });
        }
        var talks = consequences.Count;

        // Every opinion becomes a ledger item of the reporter's organization, supervised by the host,
        // due after the configured time (the supervisor can extend it); each organization is told.
        var opinions = evaluation ? await db.Opinions.Where(o => o.MeetingId == meeting.Id && !o.Rehearsal).OrderBy(o => o.ReporterId).ThenBy(o => o.Category).ThenBy(o => o.Text).ToListAsync(ct) : [];
        var organizationOf = outcome.Reporters.ToDictionary(r => r.ReporterId, r => r.OrganizationId);
        // The period does not count the day of publication and ends on a working day (Civil Code §201, §203).
        var deadline = (await calendars.CurrentAsync(ct)).PeriodEnd(ChinaTime.Today(clock), ledgerOptions.Value.OpinionDeadlineDays);
        foreach (var group in opinions.GroupBy(o => organizationOf[o.ReporterId]))
        {
            await notifier.NotifyAsync(group.Key, Policies.LedgerWorkers, "Assigned",
                $"{meeting.Title}的 {group.Count()} 条意见建议已列入整改台账（相同意见合并为一项），请于{ChinaTime.Date(deadline)}前整改", $"/Ledger?organizationId={group.Key}&source=MeetingOpinion", null, ct);
        }
        // The same opinion about the same reporter from several raters is one item to rectify, saying how many raised it.
        var distinct = opinions.GroupBy(o => (o.ReporterId, o.Category, Text: o.Text.Trim())).ToList();
        foreach (var same in distinct)
        {
            var o = same.First();
            db.LedgerItems.Add(new LedgerItem
            {
                Source = LedgerSource.MeetingOpinion,
                Category = o.Category,
                Description = same.Count() == 1 ? same.Key.Text : $"{same.Key.Text}（{same.Count()} 名评议人员提出）",
                ResponsibleOrganizationId = organizationOf[o.ReporterId],
                SupervisingOrganizationId = meeting.HostOrganizationId,
                State = LedgerState.ToRectify,
                Deadline = deadline,
                MeetingId = meeting.Id,
                CreatedAt = now,
            });
        }
        // The documents the publication issues get their numbers now: the report, a notice for each reporter with
        // consequences, a feedback sheet for each other reporter with opinions.
        var today = ChinaTime.Today(clock);
        if (evaluation)
        {
            await register.IssueAsync(meeting.HostOrganizationId, MeetingPapers.ReportSubject(meeting.Id), $"关于{meeting.Title}结果的通报", today, path, ct);
        }
        var withOpinions = opinions.Select(o => o.ReporterId).ToHashSet();
        var planDue = (await calendars.CurrentAsync(ct)).PeriodEnd(today, MeetingConsequences.PlanDays);
        foreach (var r in outcome.Reporters)
        {
            if (consequences.ContainsKey(r.ReporterId))
            {
                var notice = await register.IssueAsync(meeting.HostOrganizationId, MeetingPapers.NoticeSubject(meeting.Id, r.ReporterId), $"{r.Name}同志整改通知书", today, path, ct);
                // The plan the notice asks for is itself an item of the ledger, so that it is followed up like any other.
                db.LedgerItems.Add(new LedgerItem
                {
                    Source = LedgerSource.RectificationNotice,
                    Category = MeetingConsequences.NoticeCategory,
                    Description = $"{r.Name}同志（{r.Organization}）{consequences[r.ReporterId]}，收到整改通知书{(notice.Number is { } n ? $"（{n}）" : "")}" +
                        $"后 {MeetingConsequences.PlanDays} 日内报送整改方案，并在下一次述职评议时作专题汇报",
                    ResponsibleOrganizationId = r.OrganizationId,
                    ResponsiblePersonName = r.Name,
                    SupervisingOrganizationId = meeting.HostOrganizationId,
                    State = LedgerState.ToRectify,
                    Deadline = planDue,
                    MeetingId = meeting.Id,
                    CreatedAt = now,
                });
                await notifier.NotifyAsync(r.OrganizationId, Policies.LedgerWorkers, "Assigned",
                    $"{r.Name}同志收到{meeting.Title}的整改通知书，请于{ChinaTime.Date(planDue)}前报送整改方案", $"/Ledger?organizationId={r.OrganizationId}&source=RectificationNotice", null, ct);
            }
            else if (withOpinions.Contains(r.ReporterId))
            {
                await register.IssueAsync(meeting.HostOrganizationId, MeetingPapers.FeedbackSubject(meeting.Id, r.ReporterId), $"{r.Name}同志意见反馈单", today, path, ct);
            }
        }
        foreach (var publication in publications)
        {
            await publication.OnPublishedAsync(meeting, outcome, path, ct);
        }
        audit.Record("meeting.publish", nameof(Meeting), meeting.Id, path, new
        {
            results = outcome.Reporters.Select(r => new { r.ReporterId, r.Composite, grade = r.Grade?.ToString(), r.Position }),
            talks,
            opinions = opinions.Count,
            ledgerItems = distinct.Count + consequences.Count,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        board.Changed(meetingId);
        return outcome with { Published = true, PublishedAt = now };
    }
}
