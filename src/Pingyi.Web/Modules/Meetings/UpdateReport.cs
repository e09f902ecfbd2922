using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>A reporter's duty report: slides (PDF or PowerPoint) and the report text, until the results are published.</summary>
public sealed class UpdateReportHandler(PingyiDbContext db, MeetingAccess access, AuditLog audit, FileStore files)
{
    public static readonly string[] SlideTypes = [".pdf", ".ppt", ".pptx"];

    public const long MaxSlideBytes = 50L * 1024 * 1024;

    /// <summary>Attaches a reporter's slides (PDF or PowerPoint) and, when given, replaces the report text.</summary>
    public async Task<MeetingReporter> HandleAsync(long meetingId, long reporterId, IFormFile? slides, string? reportText, CancellationToken ct = default)
    {
        var (meeting, path) = await access.MeetingAsync(meetingId, ct);
        if (meeting.PublishedAt is not null)
        {
            throw new RuleViolation("结果已发布，述职材料不能再修改");
        }
        var reporter = await access.ReporterAsync(meetingId, reporterId, ct);
        if (reportText is not null && reportText.Length > 100_000)
        {
            throw RuleViolation.Invalid("述职报告不超过10万字");
        }
        StoredFile? stored = null;
        if (slides is not null)
        {
            stored = await files.SaveAsync(slides, SlideTypes, MaxSlideBytes, ct);
            reporter.SlidesFile = stored.Path;
            reporter.SlidesFileName = stored.FileName.Length > 200 ? stored.FileName[..200] : stored.FileName;
        }
        if (reportText is not null)
        {
            reporter.ReportText = reportText.Trim();
        }
        audit.Record("meeting.report", nameof(MeetingReporter), reporterId, path, new
        {
            meeting = meetingId,
            slides = stored is null ? null : new { stored.FileName, stored.Sha256, stored.Length },
            reportTextLength = reportText?.Length,
        });
        await db.SaveChangesAsync(ct);
        return reporter;
    }
}
