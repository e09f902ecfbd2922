using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Organizations;

public sealed record MoveOrganization(long NewParentId, DateOnly? EffectiveOn, string? Reason);

/// <summary>Moves an organization with its whole subtree under another parent.</summary>
public sealed class MoveOrganizationHandler(PingyiDbContext db, AuditLog audit, TimeProvider clock, OrganizationChanges changes)
{
    public async Task<Organization> HandleAsync(long id, MoveOrganization request, CancellationToken ct = default)
    {
        var organization = await changes.ActiveInScopeAsync(id, ct);
        if (organization.ParentId is null)
        {
            throw new RuleViolation($"“{organization.Name}”是组织树的根，不能迁移");
        }
        var newParent = await changes.ActiveInScopeAsync(request.NewParentId, ct);
        if (newParent.Id == organization.Id || newParent.Path.StartsWith(organization.Path, StringComparison.Ordinal))
        {
            throw new RuleViolation($"不能把“{organization.Name}”迁移到它自己或它的下级组织“{newParent.Name}”之下");
        }
        if (newParent.Id == organization.ParentId)
        {
            throw RuleViolation.Invalid($"“{organization.Name}”已经在“{newParent.Name}”之下");
        }
        if (!OrganizationNames.CanContain(newParent.Level, organization.Level))
        {
            throw RuleViolation.Invalid($"{newParent.Level.Chinese()}下不能设立{organization.Level.Chinese()}");
        }
        var oldParent = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organization.ParentId, ct);
        var effective = request.EffectiveOn ?? ChinaTime.Today(clock);
        await using var tx = await db.BeginWorkAsync(ct);
        await changes.MoveSubtreeAsync(organization, newParent, ct);
        changes.AddEvent(id, OrganizationEventKind.Moved, effective, oldParent.Name, newParent.Name, newParent.Id, request.Reason);
        audit.Record("organization.move", nameof(Organization), id, organization.Path,
            new { before = oldParent.Code, after = newParent.Code, effectiveOn = effective });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return organization;
    }
}
