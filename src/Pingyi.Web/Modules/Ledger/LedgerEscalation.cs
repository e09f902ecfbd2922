using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Notifications;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Ledger;

public sealed class LedgerOptions
{
    /// <summary>The categories offered for items (configurable; by default the five of the evaluation meetings).</summary>
    public string[] Categories { get; set; } = ["思想建设", "组织建设", "作风建设", "制度建设", "发展与服务"];

    /// <summary>Items made from a meeting's opinions are due this many days after the results are published.</summary>
    public int OpinionDeadlineDays { get; set; } = 90;

    /// <summary>Remind the responsible side this many working days before the deadline (the work calendar's).</summary>
    public int RemindDaysBefore { get; set; } = 3;

    /// <summary>An item overdue for longer than this escalates to the organization above its supervisor.</summary>
    public int EscalateAfterDays { get; set; } = 15;

    /// <summary>How often the job looks at the ledger.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

public sealed record EscalationRun(int Reminded, int MarkedOverdue, int Escalated);

/// <summary>
/// The ledger's clock-driven duties, run every <see cref="LedgerOptions.Interval"/>: remind before the
/// deadline, mark items overdue and tell both sides, escalate items overdue too long to the next level
/// up. Each item is handled once per deadline (an extension starts over); runs are serialized.
/// </summary>
public sealed class LedgerEscalation(IServiceScopeFactory scopes, JobLocks locks, TimeProvider clock, IOptions<LedgerOptions> options, ILogger<LedgerEscalation> logger)
    : IntervalJob(clock, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override async Task RunAsync(CancellationToken ct)
    {
        var run = await RunOnceAsync(ct);
        if (run != new EscalationRun(0, 0, 0))
        {
            Logger.LogInformation("Ledger: {Reminded} reminded, {Overdue} marked overdue, {Escalated} escalated", run.Reminded, run.MarkedOverdue, run.Escalated);
        }
    }

    public async Task<EscalationRun> RunOnceAsync(CancellationToken ct = default)
    {
        var held = await locks.AcquireAsync(nameof(LedgerEscalation), ct);
        try
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            var settings = options.Value;
            var today = ChinaTime.Today(Clock);
            var now = Clock.GetUtcNow().UtcDateTime;
            var calendar = await scope.ServiceProvider.GetRequiredService<Calendar.WorkCalendars>().CurrentAsync(ct);
            // Three working days' notice, whatever holiday lies between (a reminder on the eve of the Spring Festival week is no notice).
            var remindBy = calendar.AddWorkingDays(today, settings.RemindDaysBefore);
            var escalateBefore = today.AddDays(-settings.EscalateAfterDays);
            // Marks, events, notifications and audit entries commit together or not at all.
            await using var tx = await db.BeginWorkAsync(ct);

            var due = await db.LedgerItems.Where(i => i.State != LedgerState.ClosedOut && i.Deadline != null && i.Deadline >= today && i.Deadline <= remindBy && i.RemindedAt == null)
                .Select(i => new { i.Id, i.Description, i.Deadline, i.ResponsibleOrganizationId, i.ResponsibleOrganization!.Path }).ToListAsync(ct);
            foreach (var item in due)
            {
                await notifier.NotifyAsync(item.ResponsibleOrganizationId, Policies.LedgerWorkers, "Reminder",
                    $"整改事项将于{ChinaTime.Date(item.Deadline)}到期：{item.Description}", Link(item.Id), item.Id, ct);
                audit.Record("ledger.remind", nameof(LedgerItem), item.Id, item.Path, new { deadline = item.Deadline });
            }
            await MarkAsync(db, due.Select(i => i.Id), i => i.SetProperty(x => x.RemindedAt, now), ct);

            var overdue = await db.LedgerItems.Where(LedgerOverdue.On(today)).Where(i => i.OverdueMarkedAt == null)
                .Select(i => new { i.Id, i.Description, i.Deadline, i.ResponsibleOrganizationId, i.SupervisingOrganizationId, i.ResponsibleOrganization!.Path }).ToListAsync(ct);
            foreach (var item in overdue)
            {
                var title = $"整改事项已逾期（时限{ChinaTime.Date(item.Deadline)}）：{item.Description}";
                await notifier.NotifyAsync(item.ResponsibleOrganizationId, Policies.LedgerWorkers, "Overdue", title, Link(item.Id), item.Id, ct);
                await notifier.NotifyAsync(item.SupervisingOrganizationId, Policies.LedgerSupervisors, "Overdue", title, Link(item.Id), item.Id, ct);
                db.LedgerEvents.Add(new LedgerEvent { ItemId = item.Id, Kind = "Overdue", OldDeadline = item.Deadline, UserName = "system", At = now });
                audit.Record("ledger.overdue", nameof(LedgerItem), item.Id, item.Path, new { deadline = item.Deadline });
            }
            await MarkAsync(db, overdue.Select(i => i.Id), i => i.SetProperty(x => x.OverdueMarkedAt, now), ct);

            var late = await db.LedgerItems.Where(LedgerOverdue.On(escalateBefore)).Where(i => i.EscalatedToOrganizationId == null)
                .Select(i => new { i.Id, i.Description, i.Deadline, i.SupervisingOrganizationId, i.ResponsibleOrganization!.Path, i.ResponsibleOrganization.ParentId }).ToListAsync(ct);
            var escalated = 0;
            var escalatedTo = new Dictionary<long, List<(long Id, string Description)>>();
            foreach (var item in late)
            {
                // The next level up from the supervisor; an item supervised at the top goes to the top.
                var supervisor = item.SupervisingOrganizationId ?? item.ParentId;
                var above = supervisor is { } s ? await db.Organizations.Where(o => o.Id == s).Select(o => o.ParentId ?? o.Id).FirstOrDefaultAsync(ct) : 0;
                if (above == 0)
                {
                    continue;
                }
                (escalatedTo.TryGetValue(above, out var list) ? list : escalatedTo[above] = []).Add((item.Id, item.Description));
                db.LedgerEvents.Add(new LedgerEvent { ItemId = item.Id, Kind = "Escalated", OldDeadline = item.Deadline, Text = $"逾期超过{settings.EscalateAfterDays}天，提级督办", UserName = "system", At = now });
                audit.Record("ledger.escalate", nameof(LedgerItem), item.Id, item.Path, new { deadline = item.Deadline, to = above });
                await db.LedgerItems.Where(i => i.Id == item.Id).ExecuteUpdateAsync(i => i.SetProperty(x => x.EscalatedToOrganizationId, above).SetProperty(x => x.EscalatedAt, now), ct);
                escalated++;
            }
            // One notice per organization and run: one item by name, several as a count with the list of overdue items.
            foreach (var (above, items) in escalatedTo)
            {
                if (items.Count == 1)
                {
                    await notifier.NotifyAsync(above, Policies.LedgerSupervisors, "Escalated",
                        $"逾期超过{settings.EscalateAfterDays}天，提级督办：{items[0].Description}", Link(items[0].Id), items[0].Id, ct);
                }
                else
                {
                    await notifier.NotifyAsync(above, Policies.LedgerSupervisors, "Escalated",
                        $"{items.Count} 项整改事项逾期超过{settings.EscalateAfterDays}天，已提级督办", "/Ledger?overdue=true", null, ct);
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new EscalationRun(due.Count, overdue.Count, escalated);
        }
        finally
        {
            await held.DisposeAsync();
        }
    }

    private static string Link(long id) => $"/Ledger/Details/{id}";

    private static async Task MarkAsync(PingyiDbContext db, IEnumerable<long> ids,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<LedgerItem>> set, CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(500))
        {
            await db.LedgerItems.Where(i => chunk.Contains(i.Id)).ExecuteUpdateAsync(set, ct);
        }
    }
}
