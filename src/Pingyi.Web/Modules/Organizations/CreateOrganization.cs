using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Organizations;

public sealed record CreateOrganization(string Code, string Name, OrganizationLevel Level, OrganizationCategory Category, long ParentId, DateOnly? EstablishedOn);

/// <summary>Creates an organization under a parent in the caller's scope, with its code unique and its level below the parent's.</summary>
public sealed class CreateOrganizationHandler(PingyiDbContext db, AuditLog audit, TimeProvider clock, OrganizationChanges changes)
{
    public async Task<Organization> HandleAsync(CreateOrganization request, CancellationToken ct = default)
    {
        var code = (request.Code ?? string.Empty).Trim();
        var name = (request.Name ?? string.Empty).Trim();
        var parent = await changes.ActiveInScopeAsync(request.ParentId, ct);
        var levelKnown = Enum.IsDefined(request.Level);
        new FieldErrors()
            .Check(code.Length is > 0 and <= 64, "code", "组织编码不能为空，且不超过64个字符")
            .Check(name.Length is > 0 and <= 200, "name", "组织名称不能为空，且不超过200个字符")
            .Check(levelKnown, "level", "组织层级无效")
            .Check(Enum.IsDefined(request.Category), "category", "组织类别无效")
            .Check(!levelKnown || OrganizationNames.CanContain(parent.Level, request.Level), "level", $"{parent.Level.Chinese()}下不能设立{request.Level.Chinese()}")
            .ThrowIfAny();
        if (await db.Organizations.AnyAsync(o => o.Code == code, ct))
        {
            throw new RuleViolation($"组织编码 {code} 已被使用（编码一经使用不再重复分配）");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var effective = request.EstablishedOn ?? ChinaTime.Today(clock);
        await using var tx = await db.BeginWorkAsync(ct);
        var sortOrder = await db.Organizations.Where(o => o.ParentId == parent.Id).Select(o => (int?)o.SortOrder).MaxAsync(ct) ?? 0;
        var organization = new Organization
        {
            Code = code,
            Name = name,
            Level = request.Level,
            Category = request.Category,
            ParentId = parent.Id,
            Depth = parent.Depth + 1,
            SortOrder = sortOrder + 1,
            EstablishedOn = effective,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(ct);
        organization.Path = $"{parent.Path}{organization.Id}/";
        changes.AddEvent(organization.Id, OrganizationEventKind.Created, effective, null, name, parent.Id, null);
        audit.Record("organization.create", nameof(Organization), organization.Id, organization.Path,
            new { after = new { organization.Code, organization.Name, level = organization.Level.ToString(), category = organization.Category.ToString(), parent = parent.Code } });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return organization;
    }
}
