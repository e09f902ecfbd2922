using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Projects;

public sealed record NewMilestone(string? Name, DateOnly? DueOn);

/// <summary>A project: its name, the carrying organization, the responsible leader, contacts, the project branch, the start and the milestones.</summary>
public sealed record CreateProject(string? Name, long OrganizationId, long LeaderPersonId, string? Contacts, long? ProjectBranchId, DateOnly? StartOn,
    IReadOnlyList<NewMilestone>? Milestones);

/// <summary>
/// Registers a project of the caller's subtree with its responsible leader (a person on record) and its milestones in date
/// order; every mistake named beside its field, nothing saved until all hold; audited.
/// </summary>
public sealed class CreateProjectHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public const int MostMilestones = 20;

    public async Task<Project> HandleAsync(CreateProject request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.ProjectKeepers, "只有组织部门和项目所在单位可以登记包靠项目");
        var name = (request.Name ?? string.Empty).Trim();
        var contacts = string.IsNullOrWhiteSpace(request.Contacts) ? null : request.Contacts.Trim();
        var milestones = (request.Milestones ?? []).Where(m => !string.IsNullOrWhiteSpace(m.Name) || m.DueOn is not null).ToList();
        var errors = new FieldErrors()
            .Check(name.Length is > 0 and <= Project.NameMax, "name", $"请填写项目名称（不超过{Project.NameMax}字）")
            .Check((contacts?.Length ?? 0) <= Project.ContactsMax, "contacts", $"联系党员不超过{Project.ContactsMax}字")
            .Check(request.StartOn is not null, "startOn", "请填写项目开工日期")
            .Check(milestones.Count is > 0 and <= MostMilestones, "milestones", $"请填写 1 到 {MostMilestones} 个项目节点");
        for (var i = 0; i < milestones.Count; i++)
        {
            var m = milestones[i];
            errors.Check((m.Name?.Trim().Length ?? 0) is > 0 and <= ProjectMilestone.NameMax, $"milestones[{i}].name", $"第 {i + 1} 个节点：请填写节点名称（不超过{ProjectMilestone.NameMax}字）")
                .Check(m.DueOn is not null, $"milestones[{i}].dueOn", $"第 {i + 1} 个节点：请填写完成时限")
                .Check(m.DueOn is null || request.StartOn is null || m.DueOn >= request.StartOn, $"milestones[{i}].dueOn", $"第 {i + 1} 个节点：完成时限不能早于开工日期")
                .Check(i == 0 || m.DueOn is null || milestones[i - 1].DueOn is null || m.DueOn >= milestones[i - 1].DueOn, $"milestones[{i}].dueOn",
                    $"第 {i + 1} 个节点：完成时限不能早于上一个节点");
        }
        errors.ThrowIfAny();
        var organization = await scope.OrganizationAsync(request.OrganizationId, ct);
        var leader = await db.People.Where(p => p.Id == request.LeaderPersonId).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.Invalid("包靠领导不存在：请从人员中选择", "leaderPersonId");
        if (request.ProjectBranchId is { } branchId)
        {
            var branch = await scope.OrganizationAsync(branchId, ct);
            if (branch.Category != OrganizationCategory.TemporaryProject)
            {
                throw RuleViolation.Invalid($"{branch.Name}不是项目临时党支部", "projectBranchId");
            }
        }
        var project = new Project
        {
            Name = name, OrganizationId = organization.Id, LeaderPersonId = leader.Id, Contacts = contacts, ProjectBranchId = request.ProjectBranchId,
            StartOn = request.StartOn!.Value, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Milestones = [.. milestones.Select((m, i) => new ProjectMilestone { Order = i + 1, Name = m.Name!.Trim(), DueOn = m.DueOn!.Value })],
        };
        db.Projects.Add(project);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("project.create", nameof(Project), project.Id, organization.Path, new { name, leader = leader.Name, milestones = project.Milestones.Count });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return project;
    }
}
