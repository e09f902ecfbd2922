using Pingyi.Core.Commitments;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>The reason of a send-back or of a close-out as not fulfilled; a note otherwise.</summary>
public sealed record CommitmentChange(string? Text);

/// <summary>
/// A step of the commitment's lifecycle (<see cref="CommitmentWorkflow"/>): the owner side submits (报诺); the superior
/// organization approves or sends back (定诺), publishes (亮诺) and closes out (销诺). Each step is an event, an audit
/// entry and a notification to the other side.
/// </summary>
public sealed class ActOnCommitmentHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, Notifications.Notifier notifier,
    CommitmentAccess access, CommitmentQueries queries, Documents.DocumentRegister register)
{
    public async Task<CommitmentView> HandleAsync(long id, CommitmentAction action, string? text, CancellationToken ct = default)
    {
        var (commitment, path) = await access.CommitmentAsync(id, ct);
        var bySuperior = CommitmentWorkflow.BySuperior(action);
        if (!scope.User.Allows(bySuperior ? Policies.CommitmentReviewers : Policies.CommitmentMakers))
        {
            throw RuleViolation.Forbidden(bySuperior ? "只有上级党组织可以定诺、亮诺或销诺" : "只有作出承诺的党组织或党员所在支部可以报诺");
        }
        if (bySuperior && !await access.InScopeAsync(commitment.SupervisingOrganizationId, ct))
        {
            // The owner's own administrators see the commitment but do not approve it.
            throw RuleViolation.Forbidden("只有上级党组织可以定诺、亮诺或销诺");
        }
        if (CommitmentWorkflow.Refusal(commitment.State, action, text) is { } refusal)
        {
            throw CommitmentWorkflow.Next(commitment.State, action) is null ? new RuleViolation(refusal) : RuleViolation.Invalid(refusal, "text");
        }
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed?.Length > Commitment.ReasonMax)
        {
            throw RuleViolation.Invalid($"说明不超过{Commitment.ReasonMax}字", "text");
        }
        var from = commitment.State;
        commitment.State = CommitmentWorkflow.Next(from, action)!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        if (CommitmentWorkflow.NeedsReason(action))
        {
            commitment.Reason = trimmed;
        }
        else if (action == CommitmentAction.Submit)
        {
            commitment.Reason = null;
        }
        await using var work = await db.BeginWorkAsync(ct);
        if (action == CommitmentAction.Publish)
        {
            commitment.PublishedAt = now;
            // 亮诺 issues the commitment letter: its number now, in this unit of work (ADR 0013).
            await register.IssueAsync(commitment.OrganizationId, CommitmentLetter.Subject(id), commitment.Title + "（公开承诺书）", ChinaTime.Today(clock), path, ct);
        }
        if (CommitmentWorkflow.Closed(commitment.State))
        {
            commitment.ClosedAt = now;
        }
        db.CommitmentEvents.Add(new CommitmentEvent
        {
            CommitmentId = id, Kind = action.ToString(), FromState = from, ToState = commitment.State, Text = trimmed, UserName = scope.UserName ?? "system", At = now,
        });
        audit.Record("commitment." + action.ToString().ToLowerInvariant(), nameof(Commitment), id, path,
            new { from = from.ToString(), to = commitment.State.ToString(), text = trimmed });
        var link = $"/Commitments/Details/{id}";
        var title = $"{CommitmentWorkflow.Chinese(action)}：{commitment.Title}{(trimmed is null ? "" : $"（{trimmed}）")}";
        if (bySuperior)
        {
            await notifier.NotifyAsync(commitment.OrganizationId, Policies.CommitmentMakers, "Commitment", title, link, null, ct);
        }
        else
        {
            await notifier.NotifyAsync(commitment.SupervisingOrganizationId, Policies.CommitmentReviewers, "Commitment", $"待定诺：{commitment.Title}", link, null, ct);
        }
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return (await queries.GetAsync(id, ct))!;
    }
}
