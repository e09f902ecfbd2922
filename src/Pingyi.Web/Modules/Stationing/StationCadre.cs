using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Stationing;

/// <summary>A cadre (a person on record) sent to a village organization of the caller's subtree, by a unit, in a role, from a day.</summary>
public sealed record StationCadre(long PersonId, long VillageOrganizationId, long? SentByOrganizationId, string? Role, DateOnly? StartOn);

/// <summary>
/// Stations a cadre in a village: the village must be a village or community organization of the caller's subtree, the cadre
/// not already stationed elsewhere; every mistake beside its field, nothing saved until all hold; audited.
/// </summary>
public sealed class StationCadreHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public async Task<StationAssignment> HandleAsync(StationCadre request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇、村党组织的管理员可以登记驻村干部");
        var role = (request.Role ?? string.Empty).Trim();
        var today = ChinaTime.Today(clock);
        new FieldErrors()
            .Check(role.Length is > 0 and <= StationAssignment.RoleMax, "role", $"请填写驻村职务，如“驻村第一书记”（不超过{StationAssignment.RoleMax}字）")
            .Check(request.StartOn is not null, "startOn", "请填写驻村开始日期")
            .Check(request.StartOn is null || (Years.Valid(request.StartOn.Value.Year) && request.StartOn <= today.AddDays(31)), "startOn", "驻村开始日期应在今后一个月以内")
            .ThrowIfAny();
        var village = await scope.OrganizationAsync(request.VillageOrganizationId, ct);
        if (!await Organizations.VillageOrganizations.IsActiveAsync(db, village.Id, ct))
        {
            throw RuleViolation.Invalid($"{village.Name}不是在册的村（社区）党组织：驻村干部只派驻到村（社区）", "villageOrganizationId");
        }
        var person = await db.People.Where(p => p.Id == request.PersonId).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.Invalid("驻村干部不存在：请从人员中选择", "personId");
        string? sentBy = null;
        if (request.SentByOrganizationId is { } unitId)
        {
            sentBy = await db.Organizations.Where(o => o.Id == unitId).Select(o => o.Name).FirstOrDefaultAsync(ct)
                ?? throw RuleViolation.Invalid("派出单位不存在：请从组织中选择", "sentByOrganizationId");
        }
        var open = await db.StationAssignments.Where(a => a.PersonId == person.Id && a.EndOn == null).Select(a => a.Village!.Name).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            throw new RuleViolation($"{person.Name}正在{open}驻村：请先结束那次驻村再派驻");
        }
        var assignment = new StationAssignment
        {
            PersonId = person.Id, VillageOrganizationId = village.Id, SentByOrganizationId = request.SentByOrganizationId, Role = role, StartOn = request.StartOn!.Value,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.StationAssignments.Add(assignment);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("station.assign", nameof(StationAssignment), assignment.Id, village.Path, new { person = person.Name, village = village.Name, sentBy, role, start = assignment.StartOn });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return assignment;
    }
}
