using Pingyi.Core.Grading;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;

namespace Pingyi.Web.Modules.Grading;

public sealed record AddConversionMeasure(string Description, DateOnly? Deadline, string? Measures, string? ResponsiblePersonName);

/// <summary>
/// A measure of a lagging organization's conversion plan (整顿转化): an item of the rectification ledger for the
/// organization, supervised by the one above it, tracked there to close-out; the plan is converted when every measure is closed out.
/// </summary>
public sealed class AddConversionMeasureHandler(PingyiDbContext db, Scope scope, AuditLog audit, GradingAccess access, CreateLedgerItemHandler ledger)
{
    public const string Category = "后进整顿转化";

    public async Task<LedgerItemView> HandleAsync(long organizationId, int year, AddConversionMeasure request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.GradingRecorders, "只有组织部门和党组织管理员可以制定整顿转化措施");
        var (result, path) = await access.ResultAsync(organizationId, year, ct);
        if (result.PublishedGrade != OrganizationGrade.Lagging)
        {
            throw new RuleViolation($"该组织 {year} 年度定级为“{GradingText.Grade(result.PublishedGrade)}”，不是后进，无需整顿转化");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var item = await ledger.HandleAsync(new CreateLedgerItem(Category, request.Description, organizationId, request.ResponsiblePersonName,
            null, request.Deadline, request.Measures, LedgerSource.Conversion), ct);
        db.ConversionMeasures.Add(new ConversionMeasure { GradeResultId = result.Id, LedgerItemId = item.Id });
        audit.Record("grading.measure", nameof(GradeResult), result.Id, path, new { year, ledgerItem = item.Id });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return item;
    }
}
