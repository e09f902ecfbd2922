using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Stationing;

public sealed record EndStation(DateOnly? EndOn);

/// <summary>Ends a stay on a day between its start and today (China time); audited. An ended stay is not ended again.</summary>
public sealed class EndStationHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, StationingAccess access)
{
    public async Task HandleAsync(long id, EndStation request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇、村党组织的管理员可以结束驻村");
        var (assignment, path) = await access.AssignmentAsync(id, ct);
        if (assignment.EndOn is { } ended)
        {
            throw new RuleViolation($"这次驻村已于{ChinaTime.Date(ended)}结束");
        }
        var today = ChinaTime.Today(clock);
        new FieldErrors()
            .Check(request.EndOn is not null, "endOn", "请填写结束日期")
            .Check(request.EndOn is null || (request.EndOn >= assignment.StartOn && request.EndOn <= today), "endOn",
                $"结束日期应在驻村开始日期（{ChinaTime.Date(assignment.StartOn)}）和今天之间")
            .ThrowIfAny();
        assignment.EndOn = request.EndOn;
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record("station.end", nameof(StationAssignment), assignment.Id, path, new { end = assignment.EndOn });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
