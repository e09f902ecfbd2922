using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Ledger;

public sealed class SaveYearEndReportHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, YearEndQueries reports)
{
    /// <summary>The township writes (or rewrites) its report; kept per organization and year, audited.</summary>
    public async Task<YearEndView> HandleAsync(long organizationId, int year, string? text, CancellationToken ct = default)
    {
        scope.User.Require(Policies.LedgerWorkers, "只有本单位可以撰写年终专题汇报");
        var org = await reports.FindAsync(organizationId, ct);
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > YearEndReport.TextMax)
        {
            throw RuleViolation.Invalid($"请填写汇报内容（不超过{YearEndReport.TextMax}字）");
        }
        var report = await db.YearEndReports.FirstOrDefaultAsync(r => r.OrganizationId == org.Id && r.Year == year, ct);
        if (report is null)
        {
            report = new YearEndReport { OrganizationId = org.Id, Year = year, Text = trimmed, UpdatedBy = "" };
            db.YearEndReports.Add(report);
        }
        report.Text = trimmed;
        report.UpdatedBy = scope.UserName ?? "system";
        report.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("yearend.save", nameof(YearEndReport), $"{org.Id}/{year}", org.Path, new { year, length = trimmed.Length });
        await db.SaveChangesAsync(ct);
        return await reports.GetAsync(org.Id, year, ct);
    }
}
