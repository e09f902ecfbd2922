using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Selection;

public sealed record CandidateResult(long NominationId, decimal? Score);

/// <summary>A round's close: the eligible voters (or examiners) and every candidate's votes or score.</summary>
public sealed record CloseRound(int? Voters, IReadOnlyList<CandidateResult>? Results);

/// <summary>
/// Closes a round with every candidate's result and no one else's (an eliminated nominee cannot be scored again): the cut of
/// Core <see cref="RoundCut"/> under the round's own rule marks who advances and who is eliminated — for good — or sends a tie
/// at the cut to a runoff; the eligible voters are recorded; votes are whole numbers no more than the voters. Audited.
/// </summary>
public sealed class CloseRoundHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, SelectionAccess access)
{
    public const int MostVoters = 100_000;

    public async Task<CutOutcome> HandleAsync(long roundId, CloseRound request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "干部选任只由组织部门办理");
        var round = await db.SelectionRounds.Include(r => r.Entries).FirstOrDefaultAsync(r => r.Id == roundId, ct)
            ?? throw RuleViolation.NotFound($"选拔轮次 {roundId} 不存在");
        var (post, batch, path) = await access.PostAsync(round.PostId, ct);
        if (round.State != RoundState.Open)
        {
            throw new RuleViolation($"第 {round.Number} 轮已经结束");
        }
        var results = request.Results ?? [];
        var candidates = round.Entries.Select(e => e.NominationId).ToHashSet();
        var names = await db.Nominations.Where(n => n.PostId == post.Id).Select(n => new { n.Id, n.Person!.Name, n.State, n.EliminatedInRound })
            .ToDictionaryAsync(n => n.Id, ct);
        var errors = new FieldErrors()
            .Check(request.Voters is >= 1 and <= MostVoters, "voters", $"请填写本轮有投票（评分）资格的人数（1 到 {MostVoters}）");
        foreach (var stranger in results.Where(r => !candidates.Contains(r.NominationId)))
        {
            errors.Check(false, "results", names.TryGetValue(stranger.NominationId, out var n) && n.State == NominationState.Eliminated
                ? $"{n.Name}已在第 {n.EliminatedInRound} 轮淘汰，不能再参加本轮"
                : $"提名 {stranger.NominationId} 不是本轮人选");
        }
        foreach (var missing in candidates.Where(c => results.Count(r => r.NominationId == c) != 1))
        {
            errors.Check(false, "results", $"请为{names[missing].Name}填写一个结果");
        }
        foreach (var r in results.Where(r => candidates.Contains(r.NominationId)))
        {
            var valid = r.Score is >= 0 and <= MostVoters
                && (round.Method != RoundMethod.Ballot || (r.Score == decimal.Truncate(r.Score.Value) && r.Score <= request.Voters));
            errors.Check(valid, "results", round.Method == RoundMethod.Ballot
                ? $"{names[r.NominationId].Name}的得票应为 0 到投票人数之间的整数"
                : $"{names[r.NominationId].Name}的得分应为 0 以上的数");
        }
        errors.ThrowIfAny();
        // Under the previous-round rule, the previous round's results break a tie.
        var previous = round.Number == 1 ? [] : await db.RoundEntries
            .Where(e => db.SelectionRounds.Any(r => r.Id == e.RoundId && r.PostId == post.Id && r.Number == round.Number - 1 && !r.Runoff))
            .ToDictionaryAsync(e => e.NominationId, e => e.Score, ct);
        var outcome = RoundCut.Cut([.. results.Select(r => new RoundResult(r.NominationId, r.Score!.Value, previous.GetValueOrDefault(r.NominationId)))], round.Advancing,
            round.Runoff ? TieRule.Runoff : round.TieRule);
        foreach (var e in round.Entries)
        {
            e.Score = results.Single(r => r.NominationId == e.NominationId).Score;
            e.Outcome = outcome.Advancing.Contains(e.NominationId) ? EntryOutcome.Advanced : outcome.Eliminated.Contains(e.NominationId) ? EntryOutcome.Eliminated : EntryOutcome.Runoff;
        }
        var eliminated = await db.Nominations.Where(n => outcome.Eliminated.Contains(n.Id)).ToListAsync(ct);
        foreach (var n in eliminated)
        {
            n.State = NominationState.Eliminated;
            n.EliminatedInRound = round.Number;
        }
        round.Voters = request.Voters;
        round.ClosedAt = clock.GetUtcNow().UtcDateTime;
        round.State = outcome.Settled ? RoundState.Closed : RoundState.AwaitingRunoff;
        if (round.Runoff && outcome.Settled)
        {
            // The runoff settles the round it came from, and any runoff before it that tied again.
            foreach (var waiting in await db.SelectionRounds.Where(r => r.PostId == post.Id && r.Number == round.Number && r.Id != round.Id && r.State == RoundState.AwaitingRunoff).ToListAsync(ct))
            {
                waiting.State = RoundState.Closed;
            }
        }
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record("selection.close", nameof(SelectionBatch), batch.Id, path, new
        {
            post = post.Title, round = round.Number, runoff = round.Runoff, voters = round.Voters,
            results = round.Entries.Select(e => new { nomination = e.NominationId, nominee = names[e.NominationId].Name, score = e.Score, outcome = SelectionText.Outcome(e.Outcome) }),
        });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return outcome;
    }
}
