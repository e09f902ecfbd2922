using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Supervision;

public sealed record SubmitDailyReport(DateOnly? Date, string Text);

/// <summary>A cadre's daily report (每日一报).</summary>
public sealed class SubmitDailyReportHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    /// <summary>The signed-in cadre's report for a day (today by default, or one of the two days before); a second report the same day replaces the first.</summary>
    public async Task<DateOnly> HandleAsync(SubmitDailyReport report, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var date = report.Date ?? today;
        if (date > today || date < today.AddDays(-2))
        {
            throw RuleViolation.Invalid("只能填报今天或前两天的每日一报", "date");
        }
        var text = (report.Text ?? string.Empty).Trim();
        if (text.Length is 0 or > 2000)
        {
            throw RuleViolation.Invalid("请填写今日工作（不超过2000字）", "text");
        }
        var me = scope.UserId ?? 0;
        var organization = scope.OrganizationId ?? throw RuleViolation.Forbidden("账号没有所属组织，不能填报");
        var existing = await db.DailyReports.FirstOrDefaultAsync(r => r.UserId == me && r.Date == date, ct);
        if (existing is null)
        {
            db.DailyReports.Add(new DailyReport { UserId = me, OrganizationId = organization, Date = date, Text = text, At = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            existing.Text = text;
            existing.At = clock.GetUtcNow().UtcDateTime;
        }
        audit.Record(existing is null ? "daily.submit" : "daily.update", nameof(DailyReport), null, await scope.PathAsync(ct), new { date, length = text.Length });
        await db.SaveChangesAsync(ct);
        return date;
    }
}
