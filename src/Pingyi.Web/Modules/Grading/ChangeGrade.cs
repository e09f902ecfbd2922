using Pingyi.Core.Grading;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Grading;

public sealed record ChangeGrade(OrganizationGrade Grade, string Reason);

/// <summary>
/// 动态升级 / 降级: the organization department changes a published grade during the year, with the reason (a lagging
/// organization converted, an advanced one found wanting). The published grade stays beside it; the change is an event.
/// </summary>
public sealed class ChangeGradeHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, GradingAccess access)
{
    public async Task<GradeHistoryEntry> HandleAsync(long organizationId, int year, ChangeGrade request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Graders, "只有组织部门可以调整定级等次");
        var (result, path) = await access.ResultAsync(organizationId, year, ct);
        var reason = (request.Reason ?? string.Empty).Trim();
        new FieldErrors()
            .Check(Enum.IsDefined(request.Grade), "grade", "等次须为先进、一般或后进")
            .Check(reason.Length is > 0 and <= GradeEvent.ReasonMax, "reason", $"请写明调整理由（不超过{GradeEvent.ReasonMax}字）")
            .ThrowIfAny();
        if (request.Grade == result.Grade)
        {
            throw RuleViolation.Invalid($"该组织现在已是“{GradingText.Grade(result.Grade)}”", "grade");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var from = result.Grade;
        result.Grade = request.Grade;
        var now = clock.GetUtcNow().UtcDateTime;
        db.GradeEvents.Add(new GradeEvent { GradeResultId = result.Id, FromGrade = from, ToGrade = request.Grade, Reason = reason, UserName = scope.UserName ?? "system", At = now });
        audit.Record(request.Grade < from ? "grading.upgrade" : "grading.downgrade", nameof(GradeResult), result.Id, path,
            new { year, from = from.ToString(), to = request.Grade.ToString(), reason });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return new GradeHistoryEntry(year, from, request.Grade, reason, scope.UserName ?? "system", now);
    }
}
