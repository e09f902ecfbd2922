using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Projects;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's county-leader projects: the three projects that have temporary branches, each carried by the branch's
/// parent and led by a committee secretary; the second is 40 days late on a milestone, so the delay job has raised its
/// ledger item and held its leader to account, as a clerk would find it.
/// </summary>
public sealed class DemoProjects(PingyiDbContext db, AuditLog audit, TimeProvider clock, ProjectDelays delays)
{
    public async Task GenerateAsync(CancellationToken ct = default)
    {
        if (await db.Projects.AnyAsync(ct))
        {
            return;
        }
        var branches = await db.Organizations.Where(o => o.Category == OrganizationCategory.TemporaryProject && o.ParentId != null)
            .OrderBy(o => o.Code).Select(o => new { o.Id, o.Name, ParentId = o.ParentId!.Value, o.Path }).ToListAsync(ct);
        var leaders = await db.CadrePositions.Where(p => p.TermEnd == null && p.Title == People.PositionTitle.Secretary
                && (p.Organization!.Level == OrganizationLevel.CountyCommittee || p.Organization.Level == OrganizationLevel.WorkingCommittee || p.Organization.Level == OrganizationLevel.TownshipCommittee))
            .OrderBy(p => p.Organization!.Level).ThenBy(p => p.Organization!.SortOrder).Select(p => p.PersonId).Take(branches.Count).ToListAsync(ct);
        if (branches.Count == 0 || leaders.Count < branches.Count)
        {
            return;
        }
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        // Milestones as (name, days from today, done days from today or null).
        (string, int, int?)[][] plans =
        [
            [("项目立项和用地审批", -150, -160), ("主体工程开工", -60, -58), ("主体工程完工", 90, null), ("竣工验收投产", 180, null)],
            [("设备采购招标", -120, -118), ("提标改造施工", -40, null), ("调试运行", 60, null)],
            [("线路勘察设计", -90, -95), ("路基路面施工", 45, null), ("交工验收", 150, null)],
        ];
        await using var work = await db.BeginWorkAsync(ct);
        for (var i = 0; i < branches.Count && i < plans.Length; i++)
        {
            var b = branches[i];
            var project = new Project
            {
                Name = b.Name.Replace("临时党支部", "", StringComparison.Ordinal), OrganizationId = b.ParentId, LeaderPersonId = leaders[i], ProjectBranchId = b.Id,
                Contacts = "项目临时党支部党员", StartOn = today.AddDays(-200), CreatedAt = now,
                Milestones = [.. plans[i].Select((m, n) => new ProjectMilestone { Order = n + 1, Name = m.Item1, DueOn = today.AddDays(m.Item2), DoneOn = m.Item3 is { } d ? today.AddDays(d) : null })],
            };
            db.Projects.Add(project);
            await db.SaveChangesAsync(ct);
            audit.Record("project.create", nameof(Project), project.Id, b.Path, new { name = project.Name, milestones = project.Milestones.Count, demo = true });
        }
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        await delays.RunOnceAsync(ct);
    }
}
