using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Organizations;

public sealed record CreateOrganization(string Code, string Name, OrganizationLevel Level, OrganizationCategory Category, long ParentId, DateOnly? EstablishedOn);

public sealed record RenameOrganization(string Name, DateOnly? EffectiveOn, string? Reason);

public sealed record MoveOrganization(long NewParentId, DateOnly? EffectiveOn, string? Reason);

public sealed record MergeOrganization(long TargetId, DateOnly? EffectiveOn, string? Reason);

public sealed record DissolveOrganization(DateOnly? EffectiveOn, string? Reason);

/// <summary>
/// Creates, renames, moves, merges and dissolves organizations. Each operation checks every rule
/// before it writes, runs in one transaction, and leaves a dated event and an audit entry.
/// </summary>
public sealed class OrganizationService(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public async Task<Organization> GetInScopeAsync(long id, CancellationToken ct = default)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        return await organizations.FirstOrDefaultAsync(o => o.Id == id, ct)
            ?? throw RuleViolation.NotFound($"组织 {id} 不存在或不在您的管理范围内");
    }

    public async Task<Organization> CreateAsync(CreateOrganization request, CancellationToken ct = default)
    {
        var code = (request.Code ?? string.Empty).Trim();
        var name = (request.Name ?? string.Empty).Trim();
        if (code.Length is 0 or > 64)
        {
            throw RuleViolation.Invalid("组织编码不能为空，且不超过64个字符");
        }
        if (name.Length is 0 or > 200)
        {
            throw RuleViolation.Invalid("组织名称不能为空，且不超过200个字符");
        }
        if (!Enum.IsDefined(request.Level) || !Enum.IsDefined(request.Category))
        {
            throw RuleViolation.Invalid("组织层级或类别无效");
        }
        var parent = await GetInScopeAsync(request.ParentId, ct);
        EnsureActive(parent);
        if (!OrganizationNames.CanContain(parent.Level, request.Level))
        {
            throw RuleViolation.Invalid($"{parent.Level.Chinese()}下不能设立{request.Level.Chinese()}");
        }
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
        AddEvent(organization.Id, OrganizationEventKind.Created, effective, null, name, parent.Id, null);
        audit.Record("organization.create", nameof(Organization), organization.Id, organization.Path,
            new { after = new { organization.Code, organization.Name, level = organization.Level.ToString(), category = organization.Category.ToString(), parent = parent.Code } });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return organization;
    }

    public async Task<Organization> RenameAsync(long id, RenameOrganization request, CancellationToken ct = default)
    {
        var organization = await GetInScopeAsync(id, ct);
        EnsureActive(organization);
        var name = (request.Name ?? string.Empty).Trim();
        if (name.Length is 0 or > 200)
        {
            throw RuleViolation.Invalid("组织名称不能为空，且不超过200个字符");
        }
        if (name == organization.Name)
        {
            throw RuleViolation.Invalid("新名称与原名称相同");
        }
        var effective = request.EffectiveOn ?? ChinaTime.Today(clock);
        var old = organization.Name;
        organization.Name = name;
        organization.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        AddEvent(id, OrganizationEventKind.Renamed, effective, old, name, null, request.Reason);
        audit.Record("organization.rename", nameof(Organization), id, organization.Path, new { before = old, after = name, effectiveOn = effective });
        await db.SaveChangesAsync(ct);
        return organization;
    }

    public async Task<Organization> MoveAsync(long id, MoveOrganization request, CancellationToken ct = default)
    {
        var organization = await GetInScopeAsync(id, ct);
        EnsureActive(organization);
        if (organization.ParentId is null)
        {
            throw new RuleViolation("县委是组织树的根，不能迁移");
        }
        var newParent = await GetInScopeAsync(request.NewParentId, ct);
        EnsureActive(newParent);
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
        await MoveSubtreeAsync(organization, newParent, ct);
        AddEvent(id, OrganizationEventKind.Moved, effective, oldParent.Name, newParent.Name, newParent.Id, request.Reason);
        audit.Record("organization.move", nameof(Organization), id, organization.Path,
            new { before = oldParent.Code, after = newParent.Code, effectiveOn = effective });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return organization;
    }

    /// <summary>
    /// Merges an organization into another (并村): its members transfer, its sub-organizations move
    /// under the target, its current posts end, and it is kept as merged.
    /// </summary>
    public async Task<Organization> MergeAsync(long id, MergeOrganization request, CancellationToken ct = default)
    {
        var source = await GetInScopeAsync(id, ct);
        EnsureActive(source);
        var target = await GetInScopeAsync(request.TargetId, ct);
        EnsureActive(target);
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
            await MoveSubtreeAsync(child, target, ct);
            AddEvent(child.Id, OrganizationEventKind.Moved, effective, source.Name, target.Name, target.Id, $"随“{source.Name}”并入");
        }
        var memberIds = await db.People.Where(p => p.OrganizationId == source.Id).Select(p => p.Id).ToListAsync(ct);
        await TransferPeopleAsync(memberIds, source.Id, target.Id, effective, $"组织合并：{source.Name}并入{target.Name}", ct);
        await db.CadrePositions.Where(c => c.OrganizationId == source.Id && c.TermEnd == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TermEnd, effective), ct);
        source.Status = OrganizationStatus.Merged;
        source.MergedIntoId = target.Id;
        source.EndedOn = effective;
        source.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        AddEvent(source.Id, OrganizationEventKind.MergedInto, effective, source.Name, target.Name, target.Id, request.Reason);
        AddEvent(target.Id, OrganizationEventKind.Absorbed, effective, null, source.Name, source.Id, request.Reason);
        audit.Record("organization.merge", nameof(Organization), source.Id, source.Path,
            new { source = source.Code, target = target.Code, members = memberIds.Count, children = children.Count, effectiveOn = effective });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return source;
    }

    public async Task<Organization> DissolveAsync(long id, DissolveOrganization request, CancellationToken ct = default)
    {
        var organization = await GetInScopeAsync(id, ct);
        EnsureActive(organization);
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
        AddEvent(id, OrganizationEventKind.Dissolved, effective, organization.Name, null, null, request.Reason);
        audit.Record("organization.dissolve", nameof(Organization), id, organization.Path, new { effectiveOn = effective, reason = request.Reason });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return organization;
    }

    /// <summary>Moves a person to another organization, closing the current membership and opening the next.</summary>
    public async Task TransferPeopleAsync(IReadOnlyCollection<long> personIds, long fromOrganizationId, long toOrganizationId, DateOnly effective, string reason, CancellationToken ct)
    {
        if (personIds.Count == 0)
        {
            return;
        }
        foreach (var chunk in personIds.Chunk(500))
        {
            await db.Memberships.Where(m => chunk.Contains(m.PersonId) && m.OrganizationId == fromOrganizationId && m.EndedOn == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.EndedOn, effective).SetProperty(m => m.Reason, reason), ct);
            await db.People.Where(p => chunk.Contains(p.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.OrganizationId, toOrganizationId), ct);
            db.Memberships.AddRange(chunk.Select(pid => new Membership { PersonId = pid, OrganizationId = toOrganizationId, StartedOn = effective, Reason = reason }));
        }
    }

    private async Task MoveSubtreeAsync(Organization organization, Organization newParent, CancellationToken ct)
    {
        var oldPath = organization.Path;
        var newPath = $"{newParent.Path}{organization.Id}/";
        var depthDelta = newParent.Depth + 1 - organization.Depth;
        var oldLength = oldPath.Length;
        // Descendants first, in one statement; the moved row itself is tracked and saved with the event.
        await db.Organizations.Where(o => o.Path.StartsWith(oldPath) && o.Id != organization.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Path, o => newPath + o.Path.Substring(oldLength))
                .SetProperty(o => o.Depth, o => o.Depth + depthDelta), ct);
        organization.ParentId = newParent.Id;
        organization.Path = newPath;
        organization.Depth = newParent.Depth + 1;
        organization.UpdatedAt = clock.GetUtcNow().UtcDateTime;
    }

    private void AddEvent(long organizationId, OrganizationEventKind kind, DateOnly effective, string? oldValue, string? newValue, long? related, string? reason) =>
        db.OrganizationEvents.Add(new OrganizationEvent
        {
            OrganizationId = organizationId,
            Kind = kind,
            EffectiveOn = effective,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            OldValue = oldValue,
            NewValue = newValue,
            RelatedOrganizationId = related,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            RecordedBy = scope.UserName ?? "system",
        });

    private static void EnsureActive(Organization organization)
    {
        if (organization.Status != OrganizationStatus.Active)
        {
            throw new RuleViolation($"“{organization.Name}”{organization.Status.Chinese()}，不能再变更");
        }
    }
}
