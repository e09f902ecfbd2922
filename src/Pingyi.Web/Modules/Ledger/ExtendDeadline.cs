using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Ledger;

public sealed record ExtendDeadline(DateOnly Deadline, string Reason);

/// <summary>
/// The supervising side moves an open item's deadline later, with a reason; the reminders start over. A new deadline on a
/// day off moves to the next working day.
/// </summary>
public sealed class ExtendDeadlineHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, LedgerAccess access, LedgerQueries queries,
    Calendar.WorkCalendars calendars)
{
    public async Task<LedgerItemView> HandleAsync(long id, ExtendDeadline request, CancellationToken ct = default)
    {
        var (item, path) = await access.ItemAsync(id, ct);
        if (!scope.User.Allows(Policies.LedgerSupervisors) || !await access.InScopeAsync(item.SupervisingOrganizationId, ct))
        {
            throw RuleViolation.Forbidden("只有督查单位可以批准延期");
        }
        if (LedgerWorkflow.ExtensionRefusal(item.State, item.Deadline, request.Deadline, request.Reason) is { } refusal)
        {
            throw item.State == LedgerState.ClosedOut ? new RuleViolation(refusal)
                : RuleViolation.Invalid(refusal, string.IsNullOrWhiteSpace(request.Reason) ? "reason" : "deadline");
        }
        var old = item.Deadline;
        // A deadline on a day off moves to the next working day (Civil Code §203).
        var deadline = (await calendars.CurrentAsync(ct)).OnOrNextWorkingDay(request.Deadline);
        item.Deadline = deadline;
        // A new deadline starts the reminders over; an escalation already made stays on record.
        item.RemindedAt = null;
        item.OverdueMarkedAt = null;
        db.LedgerEvents.Add(new LedgerEvent
        {
            ItemId = id, Kind = "Extend", OldDeadline = old, NewDeadline = deadline, Text = request.Reason.Trim(),
            UserName = scope.UserName ?? "system", At = clock.GetUtcNow().UtcDateTime,
        });
        audit.Record("ledger.extend", nameof(LedgerItem), id, path, new { from = old, to = deadline, asked = deadline == request.Deadline ? (DateOnly?)null : request.Deadline, reason = request.Reason.Trim() });
        await db.SaveChangesAsync(ct);
        return (await queries.GetAsync(id, ct))!;
    }
}
