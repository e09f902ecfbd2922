using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Projects;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Notifications;

namespace Pingyi.Web.Modules.Projects;

public sealed class ProjectOptions
{
    /// <summary>A milestone delayed longer than this many days holds the responsible leader to account.</summary>
    public int AccountabilityAfterDays { get; set; } = 30;

    /// <summary>The ledger item a delay raises is due this many days later.</summary>
    public int DelayItemDays { get; set; } = 15;

    /// <summary>How often the job looks at the milestones.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

public sealed record DelayRun(int ItemsRaised, int HeldToAccount);

/// <summary>
/// Projects' clock (项目过程管理问责): a milestone found delayed raises one supervision item in the ledger for the carrying
/// organization, its leader named; delayed past <see cref="ProjectOptions.AccountabilityAfterDays"/>, the leader gets one
/// accountability record and the organization department is told. Each in the same unit of work as its audit entry; runs
/// serialized. The standing is Core <see cref="ProjectSchedule"/>.
/// </summary>
public sealed class ProjectDelays(IServiceScopeFactory scopes, JobLocks locks, TimeProvider clock, IOptions<ProjectOptions> options, ILogger<ProjectDelays> logger)
    : IntervalJob(clock, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override async Task RunAsync(CancellationToken ct)
    {
        var run = await RunOnceAsync(ct);
        if (run != new DelayRun(0, 0))
        {
            Logger.LogInformation("Projects: {Items} delay items raised, {Accountable} leaders held to account", run.ItemsRaised, run.HeldToAccount);
        }
    }

    public async Task<DelayRun> RunOnceAsync(CancellationToken ct = default)
    {
        var held = await locks.AcquireAsync(nameof(ProjectDelays), ct);
        try
        {
            using var scope = scopes.CreateScope();
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<Scope>().UseWholeTree();
            var db = sp.GetRequiredService<PingyiDbContext>();
            var audit = sp.GetRequiredService<AuditLog>();
            var create = sp.GetRequiredService<CreateLedgerItemHandler>();
            var notifier = sp.GetRequiredService<Notifier>();
            var today = ChinaTime.Today(Clock);
            var threshold = options.Value.AccountabilityAfterDays;
            var late = await (from m in db.ProjectMilestones
                              join p in db.Projects on m.ProjectId equals p.Id
                              where m.DoneOn == null && m.DueOn < today && (m.DelayItemId == null || m.AccountabilityAt == null)
                              orderby m.DueOn
                              select new { Milestone = m, p.Id, p.Name, p.OrganizationId, p.Organization!.Path, p.Organization.ParentId, p.LeaderPersonId, Leader = p.Leader!.Name })
                .ToListAsync(ct);
            var (raised, accountable) = (0, 0);
            foreach (var x in late)
            {
                var m = x.Milestone;
                var days = ProjectSchedule.DaysLate(m.DueOn, null, today);
                await using var work = await db.BeginWorkAsync(ct);
                if (m.DelayItemId is null)
                {
                    var item = await create.HandleAsync(new CreateLedgerItem("项目推进", $"项目《{x.Name}》节点“{m.Name}”未按期完成（时限{ChinaTime.Date(m.DueOn)}），包靠领导{x.Leader}",
                        x.OrganizationId, x.Leader, null, today.AddDays(options.Value.DelayItemDays), null, LedgerSource.ProjectDelay), ct);
                    m.DelayItemId = item.Id;
                    audit.Record("project.delay", nameof(Project), x.Id, x.Path, new { milestone = m.Name, due = m.DueOn, days, item = item.Id });
                    raised++;
                }
                if (ProjectSchedule.Standing(m.DueOn, null, today, threshold) == MilestoneStanding.DelayedPastAccountability && m.AccountabilityAt is null)
                {
                    var reason = $"项目《{x.Name}》节点“{m.Name}”延期 {days} 天（超过 {threshold} 天问责期限）";
                    db.ProjectAccountabilities.Add(new ProjectAccountability
                    {
                        ProjectId = x.Id, MilestoneId = m.Id, LeaderPersonId = x.LeaderPersonId, DaysLate = days, Reason = reason, CreatedAt = Clock.GetUtcNow().UtcDateTime,
                    });
                    m.AccountabilityAt = Clock.GetUtcNow().UtcDateTime;
                    audit.Record("project.accountability", nameof(Project), x.Id, x.Path, new { milestone = m.Name, leader = x.Leader, days });
                    if (x.ParentId is { } above)
                    {
                        await notifier.NotifyAsync(above, Policies.ProjectKeepers, "Overdue", $"问责提示：{reason}，包靠领导{x.Leader}", $"/Projects/Details/{x.Id}", null, ct);
                    }
                    accountable++;
                }
                await db.SaveChangesAsync(ct);
                await work.CommitAsync(ct);
            }
            return new DelayRun(raised, accountable);
        }
        finally
        {
            await held.DisposeAsync();
        }
    }
}
