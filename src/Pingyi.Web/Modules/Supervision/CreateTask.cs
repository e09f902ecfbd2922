using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Supervision;

public sealed record CreateTask(string Title, string? Description, DateOnly? Deadline, IReadOnlyList<long> OrganizationIds);

/// <summary>Assigns a task (督办任务) to organizations of the caller's subtree.</summary>
public sealed class CreateTaskHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, SupervisionQueries queries)
{
    public async Task<TaskView> HandleAsync(CreateTask request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.SupervisionPlanners, "只有督查或组织部门可以交办任务");
        var title = (request.Title ?? string.Empty).Trim();
        new FieldErrors()
            .Check(title.Length is > 0 and <= 200, "title", "请填写任务名称（不超过200字）")
            .Check((request.Description ?? string.Empty).Trim().Length <= WorkTask.DescriptionMax, "description", $"任务要求不超过{WorkTask.DescriptionMax}字")
            .Check(request.OrganizationIds is { Count: > 0 }, "organizationIds", "请选择承办单位")
            .ThrowIfAny();
        var ids = request.OrganizationIds.Distinct().ToList();
        var targets = await (await scope.OrganizationsAsync(ct)).Where(o => ids.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        if (targets.Count != ids.Count)
        {
            throw RuleViolation.NotFound("有承办单位不存在或不在您的管理范围内");
        }
        var task = new WorkTask
        {
            Title = title, Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(), Deadline = request.Deadline,
            AssignedByOrganizationId = scope.OrganizationId ?? 0, CreatedBy = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WorkTasks.Add(task);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        db.TaskAssignments.AddRange(targets.Select(o => new TaskAssignment { TaskId = task.Id, OrganizationId = o }));
        audit.Record("task.create", nameof(WorkTask), task.Id, await scope.PathAsync(ct), new { title, deadline = request.Deadline, organizations = targets });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return (await queries.TasksAsync([task.Id], ct)).Single();
    }
}
