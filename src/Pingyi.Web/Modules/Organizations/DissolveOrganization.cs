using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Organizations;

public sealed record DissolveOrganization(DateOnly? EffectiveOn, string? Reason);

/// <summary>Dissolves an organization that has no active sub-organizations and no members left.</summary>
public sealed class DissolveOrganizationHandler(PingyiDbContext db, AuditLog audit, TimeProvider clock, OrganizationChanges changes)
{
    public async Task<Organization> HandleAsync(long id, DissolveOrganization request, CancellationToken ct = default)
    {
        var organization = await changes.ActiveInScopeAsync(id, ct);
        if (organization.ParentId is null)
        {
            throw new RuleViolation("县委不能撤销");
        }
        var members = await db.People.CountAsync(p => p.OrganizationId == id, ct);
        if (members > 0)
        {
            throw new RuleViolation($"“{organization.Name}”还有{members}名人员，请先转出人员或合并到其他组织后再撤销");
        }
        var children = await db.Organizations.CountAsync(o => o.ParentId == id && o.Status == OrganizationStatus.Active, ct);
        if (children > 0)
        {
            throw new RuleViolation($"“{organization.Name}”还有{children}个下级组织，请先迁移或撤销下级组织");
        }
        var effective = request.EffectiveOn ?? ChinaTime.Today(clock);
        organization.Status = OrganizationStatus.Dissolved;
        organization.EndedOn = effective;
        organization.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await using var work = await db.BeginWorkAsync(ct);
        await db.CadrePositions.Where(c => c.OrganizationId == id && c.TermEnd == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TermEnd, effective), ct);
        changes.AddEvent(id, OrganizationEventKind.Dissolved, effective, organization.Name, null, null, request.Reason);
        audit.Record("organization.dissolve", nameof(Organization), id, organization.Path, new { effectiveOn = effective, reason = request.Reason });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return organization;
    }
}
