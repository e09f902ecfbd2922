using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Ledger;

/// <summary>The text of a step: progress for start and submit, the reason for a send-back.</summary>
public sealed record LedgerChange(string? Text);

/// <summary>
/// A step of the item's workflow (<see cref="LedgerWorkflow"/>): the responsible side starts and submits, the
/// supervising side closes out or sends back; each step is an event, an audit entry and a notification.
/// </summary>
public sealed class ActOnLedgerItemHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, Notifications.Notifier notifier,
    LedgerAccess access, LedgerQueries queries)
{
    public async Task<LedgerItemView> HandleAsync(long id, LedgerAction action, string? text, CancellationToken ct = default)
    {
        var (item, path) = await access.ItemAsync(id, ct);
        var supervising = action is LedgerAction.CloseOut or LedgerAction.SendBack;
        if (!scope.User.Allows(supervising ? Policies.LedgerSupervisors : Policies.LedgerWorkers))
        {
            throw RuleViolation.Forbidden(supervising ? "只有督查或组织部门可以销号或退回" : "只有责任单位可以开始整改或提交验收");
        }
        if (supervising && !await access.InScopeAsync(item.SupervisingOrganizationId, ct))
        {
            throw RuleViolation.Forbidden("只有督查单位可以销号或退回");
        }
        if (LedgerWorkflow.Refusal(item.State, action, text) is { } refusal)
        {
            // The state forbids it (409), or the action lacks its reason (422).
            throw LedgerWorkflow.Next(item.State, action) is null ? new RuleViolation(refusal) : RuleViolation.Invalid(refusal, "text");
        }
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed?.Length > 4000)
        {
            throw RuleViolation.Invalid("说明不超过4000字");
        }
        var from = item.State;
        item.State = LedgerWorkflow.Next(from, action)!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        if (item.State == LedgerState.ClosedOut)
        {
            item.ClosedOutAt = now;
        }
        if (trimmed is not null && action is LedgerAction.Start or LedgerAction.Submit)
        {
            item.Progress = trimmed;
        }
        db.LedgerEvents.Add(new LedgerEvent { ItemId = id, Kind = action.ToString(), FromState = from, ToState = item.State, Text = trimmed, UserName = scope.UserName ?? "system", At = now });
        audit.Record("ledger." + action.ToString().ToLowerInvariant(), nameof(LedgerItem), id, path, new { from = from.ToString(), to = item.State.ToString(), text = trimmed });
        var link = $"/Ledger/Details/{id}";
        switch (action)
        {
            case LedgerAction.Submit:
                await notifier.NotifyAsync(item.SupervisingOrganizationId, Policies.LedgerSupervisors, "Submitted", $"整改事项已提交验收：{item.Description}", link, id, ct);
                break;
            case LedgerAction.SendBack:
                await notifier.NotifyAsync(item.ResponsibleOrganizationId, Policies.LedgerWorkers, "SentBack", $"整改事项被退回（{trimmed}）：{item.Description}", link, id, ct);
                break;
            case LedgerAction.CloseOut:
                await notifier.NotifyAsync(item.ResponsibleOrganizationId, Policies.LedgerWorkers, "ClosedOut", $"整改事项已销号：{item.Description}", link, id, ct);
                break;
        }
        await db.SaveChangesAsync(ct);
        return (await queries.GetAsync(id, ct))!;
    }
}
