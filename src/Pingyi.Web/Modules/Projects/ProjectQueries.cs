using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Projects;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Projects;

public sealed record MilestoneView(long Id, int Order, string Name, DateOnly DueOn, DateOnly? DoneOn, MilestoneStanding Standing, int DaysLate, long? DelayItemId, DateTime? AccountabilityAt);

public sealed record ProjectView(long Id, string Name, long OrganizationId, string Organization, long LeaderPersonId, string Leader, string? Contacts,
    long? ProjectBranchId, DateOnly StartOn, IReadOnlyList<MilestoneView> Milestones)
{
    /// <summary>The worst standing of the open milestones: what the list shows.</summary>
    public MilestoneStanding Standing => Milestones.Where(m => m.DoneOn is null).Select(m => m.Standing).DefaultIfEmpty(MilestoneStanding.Done).Max();

    public int Done => Milestones.Count(m => m.DoneOn is not null);
}

public sealed record ProjectReportView(string Text, string? Milestone, string UserName, DateTime At);

public sealed record AccountabilityView(long ProjectId, string Project, string Reason, int DaysLate, DateTime CreatedAt);

/// <summary>Projects in the caller's subtree with their milestones' standing; a project's reports; a leader's projects and accountability records.</summary>
public sealed class ProjectQueries(PingyiDbContext db, ProjectAccess access, TimeProvider clock, IOptions<ProjectOptions> options)
{
    public async Task<IReadOnlyList<ProjectView>> ListAsync(long? leaderPersonId = null, CancellationToken ct = default)
    {
        var projects = await access.VisibleAsync(ct);
        if (leaderPersonId is { } leader)
        {
            projects = projects.Where(p => p.LeaderPersonId == leader);
        }
        return await ViewsAsync(projects.OrderBy(p => p.StartOn).ThenBy(p => p.Id), ct);
    }

    public async Task<ProjectView> GetAsync(long id, CancellationToken ct = default)
    {
        await access.ProjectAsync(id, ct);
        return (await ViewsAsync(db.Projects.Where(p => p.Id == id), ct))[0];
    }

    public async Task<IReadOnlyList<ProjectReportView>> ReportsAsync(long id, CancellationToken ct = default)
    {
        await access.ProjectAsync(id, ct);
        return await db.ProjectReports.Where(r => r.ProjectId == id).OrderByDescending(r => r.At)
            .Select(r => new ProjectReportView(r.Text, db.ProjectMilestones.Where(m => m.Id == r.MilestoneId).Select(m => m.Name).FirstOrDefault(), r.UserName, r.At))
            .ToListAsync(ct);
    }

    /// <summary>A leader's accountability records for projects the caller can see.</summary>
    public async Task<IReadOnlyList<AccountabilityView>> AccountabilityAsync(long leaderPersonId, CancellationToken ct = default)
    {
        var projects = await access.VisibleAsync(ct);
        return await db.ProjectAccountabilities.Where(a => a.LeaderPersonId == leaderPersonId && projects.Any(p => p.Id == a.ProjectId))
            .OrderByDescending(a => a.CreatedAt)
            .Select(a => new AccountabilityView(a.ProjectId, projects.Where(p => p.Id == a.ProjectId).Select(p => p.Name).First(), a.Reason, a.DaysLate, a.CreatedAt))
            .ToListAsync(ct);
    }

    private async Task<IReadOnlyList<ProjectView>> ViewsAsync(IQueryable<Project> projects, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var threshold = options.Value.AccountabilityAfterDays;
        var rows = await projects.Select(p => new
        {
            p.Id, p.Name, p.OrganizationId, Organization = p.Organization!.Name, p.LeaderPersonId, Leader = p.Leader!.Name, p.Contacts, p.ProjectBranchId, p.StartOn,
            Milestones = p.Milestones.OrderBy(m => m.Order).ToList(),
        }).ToListAsync(ct);
        return [.. rows.Select(p => new ProjectView(p.Id, p.Name, p.OrganizationId, p.Organization, p.LeaderPersonId, p.Leader, p.Contacts, p.ProjectBranchId, p.StartOn,
            [.. p.Milestones.Select(m => new MilestoneView(m.Id, m.Order, m.Name, m.DueOn, m.DoneOn, ProjectSchedule.Standing(m.DueOn, m.DoneOn, today, threshold),
                ProjectSchedule.DaysLate(m.DueOn, m.DoneOn, today), m.DelayItemId, m.AccountabilityAt))]))];
    }
}
