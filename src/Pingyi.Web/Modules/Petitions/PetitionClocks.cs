using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Notifications;

namespace Pingyi.Web.Modules.Petitions;

public sealed class PetitionOptions
{
    /// <summary>Remind the holding unit this many working days before a case's limit.</summary>
    public int RemindDaysBefore { get; set; } = 3;

    /// <summary>How often the job looks at the clocks.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

public sealed record PetitionClockRun(int Reminded, int Overdue);

/// <summary>
/// The petitions' clocks, like the ledger's: a reminder to the unit holding a case a few working days before its limit (routing
/// §22/§23, handling §34, review §35/§36), and when the limit passes the case is marked overdue, its unit and the unit above told
/// (提级督办). Once per limit: a new limit (a transfer, an extension, a hearing, a review) starts over. An accusation's notices
/// go to the discipline body only and name no one (§30). Runs are serialized; each run commits in one unit of work.
/// </summary>
public sealed class PetitionClocks(IServiceScopeFactory scopes, JobLocks locks, TimeProvider clock, IOptions<PetitionOptions> options, ILogger<PetitionClocks> logger)
    : IntervalJob(clock, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override async Task RunAsync(CancellationToken ct)
    {
        var run = await RunOnceAsync(ct);
        if (run != new PetitionClockRun(0, 0))
        {
            Logger.LogInformation("Petitions: {Reminded} reminded, {Overdue} marked overdue", run.Reminded, run.Overdue);
        }
    }

    public async Task<PetitionClockRun> RunOnceAsync(CancellationToken ct = default)
    {
        var held = await locks.AcquireAsync(nameof(PetitionClocks), ct);
        try
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
            var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
            var access = scope.ServiceProvider.GetRequiredService<PetitionAccess>();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            var calendar = await scope.ServiceProvider.GetRequiredService<Calendar.WorkCalendars>().CurrentAsync(ct);
            var today = ChinaTime.Today(Clock);
            var remindBy = calendar.AddWorkingDays(today, options.Value.RemindDaysBefore);
            await using var work = await db.BeginWorkAsync(ct);
            var open = await db.Petitions.Where(p => p.Status == PetitionStatus.Registered || p.Status == PetitionStatus.Accepted || p.Status == PetitionStatus.InReview)
                .Where(p => (p.Status == PetitionStatus.Registered ? p.RoutingDue : p.Status == PetitionStatus.Accepted ? p.HandlingDue : p.ReviewDue) <= remindBy)
                .Include(p => p.HandlingOrganization).ToListAsync(ct);
            int reminded = 0, overdue = 0;
            foreach (var p in open)
            {
                var due = p.Due!.Value;
                var policy = p.Kind == PetitionKind.Accusation ? Policies.AccusationHandlers : Policies.PetitionStaff;
                var what = Limit(p);
                var link = $"/Petitions/Details/{p.Id}";
                if (due < today && p.OverdueFor != due)
                {
                    var title = $"信访事项{p.Number}{what}已逾期（期限{ChinaTime.Date(due)}）";
                    await notifier.NotifyAsync(p.HandlingOrganizationId, policy, "Overdue", title, link, null, ct);
                    if (p.HandlingOrganization!.ParentId is { } above)
                    {
                        await notifier.NotifyAsync(above, policy, "Escalated", $"下级单位{title}，请督办", link, null, ct);
                    }
                    p.OverdueFor = due;
                    access.Log(p, p.HandlingOrganization.Path, "overdue", $"{what}已逾期（期限{ChinaTime.Date(due)}），已告知上一级督办", shown: false, due: due, userName: "system");
                    overdue++;
                }
                else if (due >= today && p.RemindedFor != due)
                {
                    await notifier.NotifyAsync(p.HandlingOrganizationId, policy, "Reminder", $"信访事项{p.Number}{what}将于{ChinaTime.Date(due)}到期", link, null, ct);
                    p.RemindedFor = due;
                    access.Log(p, p.HandlingOrganization!.Path, "remind", $"{what}将于{ChinaTime.Date(due)}到期，已提醒", shown: false, due: due, userName: "system");
                    reminded++;
                }
            }
            // Video receptions within a day: the township the petitioner attends from is told.
            reminded += await scope.ServiceProvider.GetRequiredService<Receptions>().RemindAsync(notifier, ct);
            await db.SaveChangesAsync(ct);
            await work.CommitAsync(ct);
            return new PetitionClockRun(reminded, overdue);
        }
        finally
        {
            await held.DisposeAsync();
        }
    }

    private static string Limit(Petition p) => p.Status switch
    {
        PetitionStatus.Registered => "受理期限",
        PetitionStatus.Accepted => "办理期限",
        _ => p.Level == 1 ? "复查期限" : "复核期限",
    };
}
