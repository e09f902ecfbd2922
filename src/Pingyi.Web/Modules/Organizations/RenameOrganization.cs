using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Organizations;

public sealed record RenameOrganization(string Name, DateOnly? EffectiveOn, string? Reason);

/// <summary>Renames an organization from a date, keeping the old name in its history.</summary>
public sealed class RenameOrganizationHandler(PingyiDbContext db, AuditLog audit, TimeProvider clock, OrganizationChanges changes)
{
    public async Task<Organization> HandleAsync(long id, RenameOrganization request, CancellationToken ct = default)
    {
        var organization = await changes.ActiveInScopeAsync(id, ct);
        var name = (request.Name ?? string.Empty).Trim();
        if (name.Length is 0 or > 200)
        {
            throw RuleViolation.Invalid("组织名称不能为空，且不超过200个字符", "name");
        }
        if (name == organization.Name)
        {
            throw RuleViolation.Invalid("新名称与原名称相同", "name");
        }
        var effective = request.EffectiveOn ?? ChinaTime.Today(clock);
        var old = organization.Name;
        organization.Name = name;
        organization.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        changes.AddEvent(id, OrganizationEventKind.Renamed, effective, old, name, null, request.Reason);
        audit.Record("organization.rename", nameof(Organization), id, organization.Path, new { before = old, after = name, effectiveOn = effective });
        await db.SaveChangesAsync(ct);
        return organization;
    }
}
