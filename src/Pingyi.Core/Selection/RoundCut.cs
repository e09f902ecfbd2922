namespace Pingyi.Core.Selection;

/// <summary>How a tie at the cut is settled, fixed before the round starts.</summary>
public enum TieRule
{
    /// <summary>The tied candidates vote again among themselves (加试); none of them advances or is eliminated until then.</summary>
    Runoff = 0,

    /// <summary>The higher score of the previous round decides; still tied, a runoff.</summary>
    PreviousRound = 1,
}

/// <summary>A candidate's result in a round: votes or the scored total; the previous round's, when there was one.</summary>
public sealed record RoundResult(long CandidateId, decimal Score, decimal? PreviousScore = null);

/// <summary>Who advances, who is eliminated, and who must go to a runoff because of a tie at the cut.</summary>
public sealed record CutOutcome(IReadOnlyList<long> Advancing, IReadOnlyList<long> Eliminated, IReadOnlyList<long> Runoff)
{
    public bool Settled => Runoff.Count == 0;
}

/// <summary>
/// The cut of a competitive round with more candidates than places (差额, seed 000): the number advancing is fixed before the
/// round and is less than the number of candidates; the best advance; a tie across the cut is settled by the round's rule
/// — never by order of entry. Only the candidates of the round are cut: one eliminated before is not among them.
/// </summary>
public static class RoundCut
{
    /// <summary>Null when the plan holds, or why not.</summary>
    public static string? CheckPlan(int candidates, int advancing) =>
        candidates < 2 ? "差额竞争至少要有 2 名人选"
        : advancing < 1 ? "晋级人数至少为 1"
        : advancing >= candidates ? $"晋级人数（{advancing}）必须少于参加人数（{candidates}），才是差额"
        : null;

    public static CutOutcome Cut(IReadOnlyList<RoundResult> results, int advancing, TieRule rule)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (CheckPlan(results.Count, advancing) is { } wrong)
        {
            throw new ArgumentException(wrong, nameof(advancing));
        }
        if (results.Select(r => r.CandidateId).Distinct().Count() != results.Count)
        {
            throw new ArgumentException("a candidate appears twice", nameof(results));
        }
        // Order by score, and — under the previous-round rule — by the previous score next.
        var ordered = results.OrderByDescending(r => r.Score).ThenByDescending(r => rule == TieRule.PreviousRound ? r.PreviousScore ?? decimal.MinValue : 0).ToList();
        bool Same(RoundResult a, RoundResult b) => a.Score == b.Score && (rule == TieRule.Runoff || a.PreviousScore == b.PreviousScore);
        var last = ordered[advancing - 1];
        var next = ordered[advancing];
        if (!Same(last, next))
        {
            return new CutOutcome([.. ordered.Take(advancing).Select(r => r.CandidateId)], [.. ordered.Skip(advancing).Select(r => r.CandidateId)], []);
        }
        // A tie across the cut: those above the tie advance, those below it are eliminated, the tied go to a runoff.
        var tied = ordered.Where(r => Same(r, last)).ToList();
        var above = ordered.TakeWhile(r => !Same(r, last)).ToList();
        var below = ordered.Skip(above.Count + tied.Count).ToList();
        return new CutOutcome([.. above.Select(r => r.CandidateId)], [.. below.Select(r => r.CandidateId)], [.. tied.Select(r => r.CandidateId)]);
    }
}
