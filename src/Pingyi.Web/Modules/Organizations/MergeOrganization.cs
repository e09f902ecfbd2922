using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Organizations;

public sealed record MergeOrganization(long TargetId, DateOnly? EffectiveOn, string? Reason);

public sealed class MergeOrganizationHandler(PingyiDbContext db, AuditLog audit, TimeProvider clock, OrganizationChanges changes)
{
    /// <summary>
    /// Merges an organization into another (并村): its members transfer, its sub-organizations move
    /// under the target, its current posts end, and it is kept as merged.
    /// </summary>
    public async Task<Organization> HandleAsync(long id, MergeOrganization request, CancellationToken ct = default)
    {
        var source = await changes.ActiveInScopeAsync(id, ct);
        var target = await changes.ActiveInScopeAsync(request.TargetId, ct);
        if (target.Id == source.Id || target.Path.StartsWith(source.Path, StringComparison.Ordinal))
        {
            throw new RuleViolation($"不能把“{source.Name}”合并到它自己或它的下级组织中");
        }
        if (source.ParentId is null)
        {
            throw new RuleViolation("县委不能被合并");
        }
        if (target.Level != source.Level)
        {
            throw RuleViolation.Invalid($"只能合并同一层级的组织：“{source.Name}”是{source.Level.Chinese()}，“{target.Name}”是{target.Level.Chinese()}");
        }
        var effective = request.EffectiveOn ?? ChinaTime.Today(clock);
        await using var tx = await db.BeginWorkAsync(ct);
        var children = await db.Organizations.Where(o => o.ParentId == source.Id && o.Status == OrganizationStatus.Active).ToListAsync(ct);
        foreach (var child in children)
        {
            await changes.MoveSubtreeAsync(child, target, ct);
            changes.AddEvent(child.Id, OrganizationEventKind.Moved, effective, source.Name, target.Name, target.Id, $"随“{source.Name}”并入");
        }
        var memberIds = await db.People.Where(p => p.OrganizationId == source.Id).Select(p => p.Id).ToListAsync(ct);
        await changes.TransferPeopleAsync(memberIds, source.Id, target.Id, effective, $"组织合并：{source.Name}并入{target.Name}", ct);
        await db.CadrePositions.Where(c => c.OrganizationId == source.Id && c.TermEnd == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TermEnd, effective), ct);
        source.Status = OrganizationStatus.Merged;
        source.MergedIntoId = target.Id;
        source.EndedOn = effective;
        source.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        changes.AddEvent(source.Id, OrganizationEventKind.MergedInto, effective, source.Name, target.Name, target.Id, request.Reason);
        changes.AddEvent(target.Id, OrganizationEventKind.Absorbed, effective, null, source.Name, source.Id, request.Reason);
        audit.Record("organization.merge", nameof(Organization), source.Id, source.Path,
            new { source = source.Code, target = target.Code, members = memberIds.Count, children = children.Count, effectiveOn = effective });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return source;
    }
}
