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
        Named(code, name)
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
    /// <summary>
    /// The top of the tree on an empty database (a deployment that does not load the demo county): the county committee, or
    /// a city's or province's committee with its counties to come below. Refused once any organization exists.
    /// </summary>
    public async Task<Organization> CreateRootAsync(string? code, string? name, OrganizationLevel level, DateOnly? establishedOn, CancellationToken ct = default)
    {
        code = (code ?? string.Empty).Trim();
        name = (name ?? string.Empty).Trim();
        Named(code, name)
            .Check(level is OrganizationLevel.CountyCommittee or OrganizationLevel.MunicipalCommittee or OrganizationLevel.ProvincialCommittee, "level",
                "最上级组织只能是县委、市委或省委（CountyCommittee、MunicipalCommittee、ProvincialCommittee）")
            .ThrowIfAny();
        await using var tx = await db.BeginWorkAsync(ct);
        if (await db.Organizations.AnyAsync(ct))
        {
            throw new RuleViolation("数据库中已有组织：最上级组织只能在空数据库中建立，其余组织在“组织”页面或导入组织机构时建立");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var effective = establishedOn ?? ChinaTime.Today(clock);
        var root = new Organization { Code = code, Name = name, Level = level, Category = OrganizationCategory.None, EstablishedOn = effective, CreatedAt = now, UpdatedAt = now };
        db.Organizations.Add(root);
        await db.SaveChangesAsync(ct);
        root.Path = $"/{root.Id}/";
        changes.AddEvent(root.Id, OrganizationEventKind.Created, effective, null, name, null, "建立最上级组织");
        audit.Record("organization.create", nameof(Organization), root.Id, root.Path,
            new { after = new { root.Code, root.Name, level = root.Level.ToString(), category = root.Category.ToString(), parent = (string?)null } });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return root;
    }

    /// <summary>An organization's code and name as every organization needs them.</summary>
    private static FieldErrors Named(string code, string name) => new FieldErrors()
        .Check(code.Length is > 0 and <= 64, "code", "组织编码不能为空，且不超过64个字符")
        .Check(name.Length is > 0 and <= 200, "name", "组织名称不能为空，且不超过200个字符");
}
