using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Awards;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Awards;

/// <summary>
/// A step of a nomination (<see cref="AwardWorkflow"/>): the conferring side passes it within the quota — the conditions checked
/// again, the record may have changed since — or turns it down with the reason (审核); the nominating side or the conferring
/// side withdraws it with the reason until the list is approved. Audited; the nominating side is told.
/// </summary>
public sealed class ActOnNominationHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, AwardAccess access, AwardQueries queries,
    NomineeRecords records, Notifications.Notifier notifier)
{
    public async Task<NominationView> HandleAsync(long id, NominationAction action, string? reason, CancellationToken ct = default)
    {
        var (nomination, award, path) = await access.NominationAsync(id, ct);
        var awardPath = await db.Organizations.Where(o => o.Id == award.OrganizationId).Select(o => o.Path).FirstAsync(ct);
        var runs = scope.User.Allows(Policies.Awarders) && await access.RunsAsync(awardPath, ct);
        if (action == NominationAction.Withdraw ? !runs && !scope.User.Allows(Policies.Nominators) : !runs)
        {
            throw RuleViolation.Forbidden(action == NominationAction.Withdraw ? "只有提名单位或组织部门可以撤销提名" : "只有授予单位的组织部门可以审核提名");
        }
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var recommended = await db.AwardNominations.CountAsync(n => n.AwardId == award.Id && n.State == NominationState.Recommended, ct);
        if (AwardWorkflow.Refusal(nomination.State, award.Stage, action, text, recommended, award.Quota) is { } refusal)
        {
            throw AwardWorkflow.Next(nomination.State, award.Stage, action) is not null && action != NominationAction.Recommend
                ? RuleViolation.Invalid(refusal, "reason") : new RuleViolation(refusal);
        }
        if (text?.Length > AwardNomination.ReasonMax)
        {
            throw RuleViolation.Invalid($"理由不超过{AwardNomination.ReasonMax}字", "reason");
        }
        if (action == NominationAction.Recommend
            && AwardEligibility.Refusals(award.Rules, award.Year, await records.FactsAsync(nomination.OrganizationId, nomination.PersonId, award.Year, ct)) is { Count: > 0 } failed)
        {
            throw new RuleViolation("不符合评选条件：" + string.Join("；", failed));
        }
        await using var work = await db.BeginWorkAsync(ct);
        var from = nomination.State;
        Apply(nomination, award.Stage, action, text, scope.UserName ?? "system", clock.GetUtcNow().UtcDateTime);
        audit.Record("award." + action.ToString().ToLowerInvariant(), nameof(AwardNomination), id, path,
            new { award = award.Id, from = from.ToString(), to = nomination.State.ToString(), reason = text });
        await notifier.NotifyAsync(nomination.OrganizationId, Policies.Nominators, "Award",
            $"{AwardWorkflow.Chinese(action)}：{award.Year}年度{award.Name}提名（{nomination.PersonName ?? "本组织"}）{(text is null ? "" : $"，{text}")}", $"/Awards/Details/{award.Id}", null, ct);
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return await queries.NominationAsync(id, ct);
    }

    /// <summary>The change of a step, shared with an objection found true (which withdraws the nomination).</summary>
    public static void Apply(AwardNomination nomination, AwardStage stage, NominationAction action, string? reason, string userName, DateTime at)
    {
        nomination.State = AwardWorkflow.Next(nomination.State, stage, action)
            ?? throw new InvalidOperationException($"{action} of a {nomination.State} nomination while {stage}");
        nomination.Reason = action == NominationAction.Recommend ? null : reason;
        nomination.ReviewedBy = userName;
        nomination.ReviewedAt = at;
    }
}
