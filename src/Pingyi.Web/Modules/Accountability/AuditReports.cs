using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>
/// An economic responsibility audit report (经济责任审计报告, seed 003: read with petitions and study records before a re-election) on a
/// cadre: who audited, the period, when it was issued, its findings, and the report file itself.
/// </summary>
public sealed class AuditReport
{
    public const int TitleMax = 200;

    public long Id { get; set; }

    public long PersonId { get; set; }

    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public required string Title { get; set; }

    /// <summary>The audit body, e.g. "县审计局".</summary>
    public required string Auditor { get; set; }

    public DateOnly IssuedOn { get; set; }

    public required string Findings { get; set; }

    public required string FilePath { get; set; }

    public required string FileName { get; set; }

    public required string FileSha256 { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class AuditReportConfiguration : IEntityTypeConfiguration<AuditReport>
{
    public void Configure(EntityTypeBuilder<AuditReport> b)
    {
        b.Property(x => x.Title).HasMaxLength(AuditReport.TitleMax);
        b.Property(x => x.Auditor).HasMaxLength(100);
        b.Property(x => x.Findings).HasMaxLength(AccountabilityRecord.TextMax);
        b.Property(x => x.FilePath).HasMaxLength(400);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.FileSha256).HasMaxLength(64);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasIndex(x => x.PersonId);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record RecordAuditReport(long PersonId, string? Title, string? Auditor, DateOnly? IssuedOn, string? Findings);

public sealed record AuditReportView(long Id, long PersonId, string Title, string Auditor, DateOnly IssuedOn, string Findings, string FileName, string UserName);

/// <summary>
/// Records an audit report on a cadre of the caller's subtree with its file (PDF, Office or a photo, under the ledger's evidence
/// rules) and reads them back for the profile; the organization department and the discipline body only; audited with the file's hash.
/// </summary>
public sealed class AuditReports(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, AccountabilityAccess cadres, FileStore files)
{
    public async Task<AuditReport> RecordAsync(RecordAuditReport request, IFormFile? file, CancellationToken ct = default)
    {
        scope.User.Require(Policies.CadreSupervisors, "经济责任审计报告由组织部门和纪检监察机关登记");
        var title = (request.Title ?? string.Empty).Trim();
        var auditor = (request.Auditor ?? string.Empty).Trim();
        var findings = (request.Findings ?? string.Empty).Trim();
        new FieldErrors()
            .Check(title.Length is > 0 and <= AuditReport.TitleMax, "title", $"请填写报告名称（不超过{AuditReport.TitleMax}字）")
            .Check(auditor.Length is > 0 and <= 100, "auditor", "请填写审计机关（不超过100字）")
            .Check(request.IssuedOn is { } d && Years.Valid(d.Year) && d <= ChinaTime.Today(clock), "issuedOn", "请填写报告日期（不晚于今天）")
            .Check(findings.Length is > 0 and <= AccountabilityRecord.TextMax, "findings", $"请写明审计发现和评价，不超过{AccountabilityRecord.TextMax}字")
            .Check(file is { Length: > 0 }, "file", "请附上审计报告文件")
            .ThrowIfAny();
        var cadre = await cadres.CadreAsync(request.PersonId, ct);
        var stored = await files.SaveAsync(file!, Ledger.ReportProgressHandler.EvidenceTypes, Ledger.ReportProgressHandler.MaxEvidenceBytes, ct);
        var report = new AuditReport
        {
            PersonId = cadre.Id, OrganizationId = cadre.OrganizationId, Title = title, Auditor = auditor, IssuedOn = request.IssuedOn!.Value, Findings = findings,
            FilePath = stored.Path, FileName = stored.ShortName, FileSha256 = stored.Sha256,
            UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AuditReports.Add(report);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("accountability.audit", nameof(AuditReport), report.Id, cadre.Path,
            new { person = cadre.Name, title, auditor, issuedOn = report.IssuedOn, file = new { stored.FileName, stored.Sha256, stored.Length } });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return report;
    }

    public async Task<IReadOnlyList<AuditReportView>> OfPersonAsync(long personId, CancellationToken ct = default)
    {
        scope.User.Require(Policies.CadreSupervisors, "经济责任审计报告只对组织部门和纪检监察机关开放");
        var path = await scope.PathAsync(ct);
        return await db.AuditReports.Where(r => r.PersonId == personId && r.Organization!.Path.StartsWith(path)).OrderByDescending(r => r.IssuedOn).ThenByDescending(r => r.Id)
            .Select(r => new AuditReportView(r.Id, r.PersonId, r.Title, r.Auditor, r.IssuedOn, r.Findings, r.FileName, r.UserName)).ToListAsync(ct);
    }

    public async Task<(Stream Content, string FileName)> OpenAsync(long id, CancellationToken ct = default)
    {
        scope.User.Require(Policies.CadreSupervisors, "经济责任审计报告只对组织部门和纪检监察机关开放");
        var path = await scope.PathAsync(ct);
        var report = await db.AuditReports.FirstOrDefaultAsync(r => r.Id == id && r.Organization!.Path.StartsWith(path), ct);
        return report is not null && files.Open(report.FilePath) is { } stream ? (stream, report.FileName) : throw RuleViolation.NotFound($"审计报告 {id} 不存在或不在您的管理范围内");
    }
}
