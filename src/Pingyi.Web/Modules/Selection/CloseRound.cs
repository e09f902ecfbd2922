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
        if (round.Method == RoundMethod.Phones)
        {
            throw new RuleViolation($"第 {round.Number} 轮在手机上无记名投票：在评议会议中公布结果后自动结束，不能手工填写得票");
        }
        return await CloseAsync(round, post, batch, path, request.Voters, request.Results ?? [], ct);
    }

    /// <summary>The close itself, after the caller's checks: by hand, or by the publication of a phone round's meeting (inside its unit of work).</summary>
    internal async Task<CutOutcome> CloseAsync(SelectionRound round, SelectionPost post, SelectionBatch batch, string path, int? voters, IReadOnlyList<CandidateResult> results,
        CancellationToken ct)
    {
        var request = new CloseRound(voters, results);
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
        round.Voters = voters;
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
            post = post.Title, round = round.Number, runoff = round.Runoff, voters = round.Voters, meeting = round.MeetingId,
            results = round.Entries.Select(e => new { nomination = e.NominationId, nominee = names[e.NominationId].Name, score = e.Score, outcome = SelectionText.Outcome(e.Outcome) }),
        });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return outcome;
    }
}

/// <summary>
/// The publication of a phone round's meeting closes the round, inside the publication's unit of work: each candidate's result is
/// their published composite rounded to two places as the results show it (none — no ballot — counts as 0; equal shown results
/// are a tie), the eligible voters are the meeting's expected voters, and the cut is
/// the round's own rule. A ballot is never read here: only the meeting's published outcome.
/// </summary>
public sealed class SelectionRoundPublication(PingyiDbContext db, CloseRoundHandler close) : Meetings.IMeetingPublication
{
    public async Task OnPublishedAsync(Meetings.Meeting meeting, Meetings.MeetingOutcome outcome, string organizationPath, CancellationToken ct)
    {
        var round = await db.SelectionRounds.Include(r => r.Entries).FirstOrDefaultAsync(r => r.MeetingId == meeting.Id && r.State == RoundState.Open, ct);
        if (round is null)
        {
            return;
        }
        var post = await db.SelectionPosts.SingleAsync(p => p.Id == round.PostId, ct);
        var batch = await db.SelectionBatches.Include(b => b.Organization).SingleAsync(b => b.Id == post.BatchId, ct);
        var composites = outcome.Reporters.ToDictionary(r => r.ReporterId, r => r.Composite);
        var results = round.Entries.Select(e => new CandidateResult(e.NominationId, e.ReporterId is { } r && composites.GetValueOrDefault(r) is { } c ? decimal.Round(c, 2, MidpointRounding.AwayFromZero) : 0m)).ToList();
        await close.CloseAsync(round, post, batch, batch.Organization!.Path, outcome.Attendance.Sum(a => a.Expected), results, ct);
    }
}
