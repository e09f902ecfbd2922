using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;

namespace Pingyi.Web.Modules.Supervision;

public sealed record Finding(string Category, string Description, DateOnly? Deadline, string? Measures);

public sealed record RecordVisit(DateOnly VisitedOn, string? Summary, IReadOnlyList<Finding>? Findings);

public sealed class RecordVisitHandler(PingyiDbContext db, Scope scope, AuditLog audit, CreateLedgerItemHandler createItem, SupervisionQueries queries)
{
    /// <summary>Records a visit as made; each finding becomes a ledger item of the visited organization, supervised by the visiting one.</summary>
    public async Task<VisitView> HandleAsync(long id, RecordVisit record, CancellationToken ct = default)
    {
        scope.User.Require(Policies.SupervisionPlanners, "只有督查或组织部门可以记录督查情况");
        var visit = await queries.VisibleVisits(await scope.OrganizationsAsync(ct)).FirstOrDefaultAsync(v => v.Id == id, ct)
            ?? throw RuleViolation.NotFound($"督查 {id} 不存在或不在您的管理范围内");
        if (!await (await scope.OrganizationsAsync(ct)).AnyAsync(o => o.Id == visit.SupervisingOrganizationId, ct))
        {
            throw RuleViolation.Forbidden("只有安排督查的单位可以记录督查情况");
        }
        if (visit.VisitedOn is not null)
        {
            throw new RuleViolation("这次督查已经记录过了");
        }
        if (record.Summary?.Length > 4000)
        {
            throw RuleViolation.Invalid("督查情况不超过4000字", "summary");
        }
        var findings = record.Findings ?? [];
        await using var tx = await db.BeginWorkAsync(ct);
        visit.VisitedOn = record.VisitedOn;
        visit.Summary = string.IsNullOrWhiteSpace(record.Summary) ? null : record.Summary.Trim();
        var items = new List<long>();
        foreach (var f in findings)
        {
            var item = await createItem.HandleAsync(new CreateLedgerItem(f.Category, f.Description, visit.OrganizationId, null, visit.SupervisingOrganizationId,
                f.Deadline, f.Measures, LedgerSource.Supervision), ct);
            items.Add(item.Id);
        }
        await db.LedgerItems.Where(i => items.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.VisitId, visit.Id), ct);
        var path = await db.Organizations.Where(o => o.Id == visit.OrganizationId).Select(o => o.Path).SingleAsync(ct);
        audit.Record("supervision.record", nameof(SupervisionVisit), visit.Id, path, new { visitedOn = record.VisitedOn, summary = visit.Summary, items });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await queries.Visits(db.SupervisionVisits.Where(v => v.Id == id)).SingleAsync(ct);
    }
}
