using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Documents;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// The Word documents of a meeting with the numbers they were issued with at publication: the report, the
/// rectification notices of the reporters with consequences (<see cref="MeetingConsequences"/>, the talks) and the
/// feedback sheets of the other reporters with opinions. Before publication the report is a draft without a number.
/// </summary>
public sealed class MeetingPapers(PingyiDbContext db, MeetingAccess access, MeetingResults results, DocumentRegister register, TimeProvider clock)
{
    public static string ReportSubject(long meetingId) => $"meeting:{meetingId}:report";

    public static string NoticeSubject(long meetingId, long reporterId) => $"meeting:{meetingId}:notice:{reporterId}";

    public static string FeedbackSubject(long meetingId, long reporterId) => $"meeting:{meetingId}:feedback:{reporterId}";

    public async Task<Paper> ReportAsync(long meetingId, CancellationToken ct = default)
    {
        var (meeting, _) = await access.MeetingAsync(meetingId, ct);
        var outcome = await results.GetAsync(meetingId, ct);
        var issue = await IssueAsync(meeting, ReportSubject(meetingId), ct);
        var opinions = await db.Opinions.Where(o => o.MeetingId == meetingId && !o.Rehearsal).GroupBy(o => o.Category)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byCategory = opinions.OrderByDescending(o => o.Count).ThenBy(o => o.Key, StringComparer.Ordinal).Select(o => (o.Key, o.Count)).ToList();
        return new Paper(MeetingDocuments.Report(outcome, issue, meeting.Location, byCategory),
            $"{outcome.Title}-{(outcome.Published ? "结果通报" : "结果审核稿")}.docx");
    }

    public async Task<Paper> NoticeAsync(long meetingId, long reporterId, CancellationToken ct = default)
    {
        var (meeting, outcome, reporter) = await PublishedAsync(meetingId, reporterId, ct);
        var reason = await db.Talks.Where(t => t.MeetingId == meetingId && t.ReporterId == reporterId).Select(t => t.Reason).FirstOrDefaultAsync(ct);
        var opinions = await OpinionsAsync(meetingId, reporterId, ct);
        if (reason is null)
        {
            throw RuleViolation.NotFound($"{reporter.Name}未评为较差、位次不在末位，按评议方案不下发整改通知书"
                + (opinions.Count > 0 ? "；针对其的意见建议请下载意见反馈单" : ""));
        }
        var issue = await IssueAsync(meeting, NoticeSubject(meetingId, reporterId), ct);
        return new Paper(MeetingDocuments.Notice(outcome, reporter, reason, issue, opinions), $"{outcome.Title}-整改通知书-{reporter.Name}.docx");
    }

    public async Task<Paper> FeedbackAsync(long meetingId, long reporterId, CancellationToken ct = default)
    {
        var (meeting, outcome, reporter) = await PublishedAsync(meetingId, reporterId, ct);
        if (await db.Talks.AnyAsync(t => t.MeetingId == meetingId && t.ReporterId == reporterId, ct))
        {
            throw RuleViolation.NotFound($"{reporter.Name}按评议方案下发整改通知书，意见建议已列入通知书");
        }
        var opinions = await OpinionsAsync(meetingId, reporterId, ct);
        if (opinions.Count == 0)
        {
            throw RuleViolation.NotFound($"评议中没有针对{reporter.Name}的意见建议，无需反馈");
        }
        var issue = await IssueAsync(meeting, FeedbackSubject(meetingId, reporterId), ct);
        return new Paper(MeetingDocuments.Feedback(outcome, reporter, issue, opinions), $"{outcome.Title}-意见反馈单-{reporter.Name}.docx");
    }

    /// <summary>The number of opinions about each reporter, for the results page's links.</summary>
    public async Task<IReadOnlyDictionary<long, int>> OpinionCountsAsync(long meetingId, CancellationToken ct = default)
    {
        await access.MeetingAsync(meetingId, ct);
        return await db.Opinions.Where(o => o.MeetingId == meetingId && !o.Rehearsal).GroupBy(o => o.ReporterId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    private async Task<(Meeting, MeetingOutcome, ReporterOutcome)> PublishedAsync(long meetingId, long reporterId, CancellationToken ct)
    {
        var (meeting, _) = await access.MeetingAsync(meetingId, ct);
        var outcome = await results.GetAsync(meetingId, ct);
        var reporter = outcome.Reporters.FirstOrDefault(r => r.ReporterId == reporterId)
            ?? throw RuleViolation.NotFound($"述职人 {reporterId} 不在本次会议中");
        if (!outcome.Published)
        {
            throw new RuleViolation("结果尚未发布：整改通知书和意见反馈单在发布结果时下发");
        }
        return (meeting, outcome, reporter);
    }

    private async Task<IReadOnlyList<(string Category, string Text)>> OpinionsAsync(long meetingId, long reporterId, CancellationToken ct)
    {
        var rows = await db.Opinions.Where(o => o.MeetingId == meetingId && o.ReporterId == reporterId && !o.Rehearsal)
            .Select(o => new { o.Category, o.Text }).ToListAsync(ct);
        return [.. rows.OrderBy(o => o.Category, StringComparer.Ordinal).ThenBy(o => o.Text, StringComparer.Ordinal).Select(o => (o.Category, o.Text))];
    }

    /// <summary>The issue the document got at publication; a draft (no number) under the host's issuer before it.</summary>
    private async Task<DocumentIssue> IssueAsync(Meeting meeting, string subject, CancellationToken ct)
    {
        if (await register.IssuedAsync(subject, ct) is { } issued)
        {
            return issued;
        }
        var issuer = await register.IssuerAsync(meeting.HostOrganizationId, ct);
        return new DocumentIssue(issuer.Name, null, ChinaTime.Today(clock));
    }
}
