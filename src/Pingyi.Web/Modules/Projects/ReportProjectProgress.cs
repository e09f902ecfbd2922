using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Projects;

/// <summary>A progress report; with a milestone and <paramref name="Done"/>, the milestone is completed on the day.</summary>
public sealed record ReportProjectProgress(string? Text, long? MilestoneId, bool Done);

/// <summary>Records a project's progress and, when asked, completes a milestone (today, China time); audited.</summary>
public sealed class ReportProjectProgressHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, ProjectAccess access)
{
    public async Task HandleAsync(long projectId, ReportProjectProgress request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.ProjectKeepers, "只有组织部门和项目所在单位可以报告项目进展");
        var (project, path) = await access.ProjectAsync(projectId, ct);
        var text = (request.Text ?? string.Empty).Trim();
        new FieldErrors().Check(text.Length is > 0 and <= ProjectReport.TextMax, "text", $"请填写进展情况（不超过{ProjectReport.TextMax}字）").ThrowIfAny();
        ProjectMilestone? milestone = null;
        if (request.MilestoneId is { } id)
        {
            milestone = await db.ProjectMilestones.FirstOrDefaultAsync(m => m.Id == id && m.ProjectId == project.Id, ct)
                ?? throw RuleViolation.Invalid("该节点不属于这个项目", "milestoneId");
            if (request.Done && milestone.DoneOn is not null)
            {
                throw new RuleViolation($"节点“{milestone.Name}”已于{ChinaTime.Date(milestone.DoneOn)}完成");
            }
        }
        else if (request.Done)
        {
            throw RuleViolation.Invalid("请选择完成的节点", "milestoneId");
        }
        var today = ChinaTime.Today(clock);
        if (request.Done)
        {
            milestone!.DoneOn = today;
        }
        db.ProjectReports.Add(new ProjectReport { ProjectId = project.Id, MilestoneId = milestone?.Id, Text = text, UserName = scope.UserName ?? "", At = clock.GetUtcNow().UtcDateTime });
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("project.progress", nameof(Project), project.Id, path, new { milestone = milestone?.Name, done = request.Done ? today : (DateOnly?)null, text = TextCut.Short(text, 100) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
