using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Supervision;

public sealed record PlanVisits(IReadOnlyList<long> OrganizationIds, string Subject, DateOnly FirstOn, int? Count, int? IntervalMonths);

/// <summary>Plans visits (督查) to organizations of the caller's subtree: monthly by default, up to 24 of them.</summary>
public sealed class PlanVisitsHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, SupervisionQueries queries)
{
    public async Task<IReadOnlyList<VisitView>> HandleAsync(PlanVisits plan, CancellationToken ct = default)
    {
        scope.User.Require(Policies.SupervisionPlanners, "只有督查或组织部门可以安排督查");
        var subject = (plan.Subject ?? string.Empty).Trim();
        var count = plan.Count ?? 1;
        var interval = plan.IntervalMonths ?? 1;
        new FieldErrors()
            .Check(subject.Length is > 0 and <= 200, "subject", "请填写督查主题（不超过200字）")
            .Check(count is >= 1 and <= 24, "count", "督查次数为1至24次（默认每月一次）")
            .Check(interval is >= 1 and <= 12, "intervalMonths", "督查间隔为1至12个月（默认每月一次）")
            .Check(plan.OrganizationIds is { Count: > 0 }, "organizationIds", "请选择被督查的单位")
            .ThrowIfAny();
        var organizations = await scope.OrganizationsAsync(ct);
        var targets = await organizations.Where(o => plan.OrganizationIds.Contains(o.Id)).Select(o => new { o.Id, o.ParentId, o.Path }).ToListAsync(ct);
        if (targets.Count != plan.OrganizationIds.Distinct().Count())
        {
            throw RuleViolation.NotFound("有被督查单位不存在或不在您的管理范围内");
        }
        var by = scope.OrganizationId ?? 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var visits = targets.SelectMany(t => Enumerable.Range(0, count).Select(i => new SupervisionVisit
        {
            OrganizationId = t.Id, SupervisingOrganizationId = t.Id == by ? t.ParentId ?? by : by, Subject = subject,
            PlannedOn = plan.FirstOn.AddMonths(i * interval), CreatedBy = scope.UserName ?? "system", CreatedAt = now,
        })).ToList();
        db.SupervisionVisits.AddRange(visits);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("supervision.plan", nameof(SupervisionVisit), null, await scope.PathAsync(ct),
            new { subject, organizations = targets.Select(t => t.Id), firstOn = plan.FirstOn, count, interval, visits = visits.Select(v => v.Id) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        var ids = visits.Select(v => v.Id).ToList();
        return await queries.Visits(db.SupervisionVisits.Where(v => ids.Contains(v.Id)).OrderBy(v => v.PlannedOn).ThenBy(v => v.Id)).ToListAsync(ct);
    }
}
