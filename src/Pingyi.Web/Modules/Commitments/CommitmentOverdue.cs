using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Commitments;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Notifications;

namespace Pingyi.Web.Modules.Commitments;

public sealed class CommitmentOptions
{
    /// <summary>How often the job looks for overdue items.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The lowest score of five, four, three and two stars (Commitments:Stars:Five…); checked when an evaluation begins.</summary>
    public StarLines Stars { get; set; } = new();
}

/// <summary>The configurable star lines (<see cref="Core.Commitments.StarThresholds"/>).</summary>
public sealed class StarLines
{
    public decimal Five { get; set; } = 95;

    public decimal Four { get; set; } = 90;

    public decimal Three { get; set; } = 80;

    public decimal Two { get; set; } = 70;
}

/// <summary>
/// The commitments' clock: an item of a published commitment past its deadline short of 100% is overdue; the job tells
/// the owner and the superior once per item (with the audit entry, in one unit of work). The pages flag overdue items
/// from the same rule (<see cref="CommitmentWorkflow.IsOverdue"/>) whether or not the job has run.
/// </summary>
public sealed class CommitmentOverdue(IServiceScopeFactory scopes, JobLocks locks, TimeProvider clock, IOptions<CommitmentOptions> options, ILogger<CommitmentOverdue> logger)
    : IntervalJob(clock, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override async Task RunAsync(CancellationToken ct)
    {
        if (await RunOnceAsync(ct) is > 0 and var marked)
        {
            Logger.LogInformation("Commitments: {Marked} items marked overdue", marked);
        }
    }

    /// <summary>Marks the newly overdue items and tells both sides; returns how many were marked.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var held = await locks.AcquireAsync(nameof(CommitmentOverdue), ct);
        try
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            var today = ChinaTime.Today(Clock);
            var now = Clock.GetUtcNow().UtcDateTime;
            await using var work = await db.BeginWorkAsync(ct);
            var overdue = await (from i in db.CommitmentItems
                                 join c in db.Commitments on i.CommitmentId equals c.Id
                                 where c.State == CommitmentState.Published && i.Progress < 100 && i.Deadline < today && i.OverdueMarkedAt == null
                                 select new { i.Id, i.Order, i.Target, i.Deadline, c.Title, CommitmentId = c.Id, c.OrganizationId, c.SupervisingOrganizationId, c.Organization!.Path })
                .ToListAsync(ct);
            foreach (var item in overdue)
            {
                var title = $"承诺事项已逾期（时限{ChinaTime.Date(item.Deadline)}）：{item.Title} 第 {item.Order} 项 {TextCut.Short(item.Target, 40)}";
                var link = $"/Commitments/Details/{item.CommitmentId}";
                await notifier.NotifyAsync(item.OrganizationId, Policies.CommitmentMakers, "Overdue", title, link, null, ct);
                await notifier.NotifyAsync(item.SupervisingOrganizationId, Policies.CommitmentReviewers, "Overdue", title, link, null, ct);
                db.CommitmentEvents.Add(new CommitmentEvent { CommitmentId = item.CommitmentId, ItemId = item.Id, Kind = "Overdue", UserName = "system", At = now });
                audit.Record("commitment.overdue", nameof(Commitment), item.CommitmentId, item.Path, new { item = item.Order, deadline = item.Deadline });
            }
            foreach (var chunk in overdue.Select(i => i.Id).Chunk(500))
            {
                await db.CommitmentItems.Where(i => chunk.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.OverdueMarkedAt, now), ct);
            }
            await db.SaveChangesAsync(ct);
            await work.CommitAsync(ct);
            return overdue.Count;
        }
        finally
        {
            await held.DisposeAsync();
        }
    }
}
