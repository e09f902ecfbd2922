using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Supervision;

public sealed record CompleteTask(string? Note);

public sealed class CompleteTaskHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, SupervisionQueries queries)
{
    /// <summary>The assigned organization (or one above it) reports its part of a task done.</summary>
    public async Task<TaskView> HandleAsync(long taskId, long organizationId, CompleteTask request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.TaskWorkers, "您的角色不能办结任务");
        var organizations = await scope.OrganizationsAsync(ct);
        var assignment = await db.TaskAssignments.Where(a => a.TaskId == taskId && a.OrganizationId == organizationId && organizations.Any(o => o.Id == a.OrganizationId))
            .FirstOrDefaultAsync(ct) ?? throw RuleViolation.NotFound("任务不存在或不在您的管理范围内");
        if (assignment.CompletedAt is not null)
        {
            throw new RuleViolation("该单位已办结这项任务");
        }
        var note = request.Note;
        if (note?.Length > 2000)
        {
            throw RuleViolation.Invalid("说明不超过2000字");
        }
        assignment.CompletedAt = clock.GetUtcNow().UtcDateTime;
        assignment.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var path = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Path).SingleAsync(ct);
        audit.Record("task.complete", nameof(WorkTask), taskId, path, new { organization = organizationId, note = assignment.Note });
        await db.SaveChangesAsync(ct);
        return (await queries.TasksAsync([taskId], ct)).Single();
    }
}
