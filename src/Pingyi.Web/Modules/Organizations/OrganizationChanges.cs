using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Organizations;

/// <summary>
/// What the tree's use cases (create, rename, move, merge, dissolve — one file each) share: finding an organization
/// in scope, the dated history event, moving a subtree, transferring members. Each use case checks every rule before
/// it writes, runs in one transaction, and leaves a dated event and an audit entry.
/// </summary>
public sealed class OrganizationChanges(PingyiDbContext db, Scope scope, TimeProvider clock)
{
    public async Task<Organization> GetInScopeAsync(long id, CancellationToken ct = default)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        return await organizations.FirstOrDefaultAsync(o => o.Id == id, ct)
            ?? throw RuleViolation.NotFound($"组织 {id} 不存在或不在您的管理范围内");
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
            db.Memberships.AddRange(chunk.Select(pid => new People.Membership { PersonId = pid, OrganizationId = toOrganizationId, StartedOn = effective, Reason = reason }));
        }
    }

    /// <summary>Moves the organization and, in one statement, all below it: paths and depths follow.</summary>
    public async Task MoveSubtreeAsync(Organization organization, Organization newParent, CancellationToken ct)
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

    /// <summary>A dated event of the organization's history, recorded by the caller.</summary>
    public void AddEvent(long organizationId, OrganizationEventKind kind, DateOnly effective, string? oldValue, string? newValue, long? related, string? reason) =>
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

    /// <summary>An organization in scope that can still change (not merged or dissolved); 404 or 409 otherwise.</summary>
    public async Task<Organization> ActiveInScopeAsync(long id, CancellationToken ct = default)
    {
        var organization = await GetInScopeAsync(id, ct);
        EnsureActive(organization);
        return organization;
    }

    /// <summary>Refuses a change to a merged or dissolved organization.</summary>
    private static void EnsureActive(Organization organization)
    {
        if (organization.Status != OrganizationStatus.Active)
        {
            throw new RuleViolation($"“{organization.Name}”{organization.Status.Chinese()}，不能再变更");
        }
    }
}
