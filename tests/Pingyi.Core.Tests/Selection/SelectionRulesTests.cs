using CsCheck;
using Pingyi.Core.Selection;

namespace Pingyi.Core.Tests.Selection;

public sealed class SelectionRulesTests
{
    private static readonly PostRequirements Post = new(MinAge: 28, MaxAge: 45, MinYearsInPost: 2);

    [Fact]
    public void AnEligibleNominee_HasNoRefusal() =>
        Assert.Empty(SelectionRules.Refusals(Post, new NomineeFacts(Age: 38, YearsInPost: 3, AccountabilityInEffect: null, IntegrityFailed: false)));

    [Fact]
    public void EachFailedRequirement_IsNamed()
    {
        Assert.Equal(["年龄 46 岁，超过职位要求的 45 岁", "任现职 1 年，不满职位要求的 2 年", "问责处理尚在影响期内（诫勉，影响期至2027年6月1日）", "任前廉政审查未通过"],
            SelectionRules.Refusals(Post, new NomineeFacts(46, 1, "诫勉，影响期至2027年6月1日", true)));
        Assert.Equal(["年龄 27 岁，低于职位要求的 28 岁"], SelectionRules.Refusals(Post, new NomineeFacts(27, 5, null, false)));
        // Unknown facts do not pass a requirement.
        Assert.Equal(["没有出生日期（身份证号码），无法核对年龄要求", "没有在任职务记录，不满职位要求的任现职 2 年"],
            SelectionRules.Refusals(Post, new NomineeFacts(null, null, null, false)));
        Assert.Empty(SelectionRules.Refusals(new PostRequirements(null, null, null), new NomineeFacts(null, null, null, false)));
    }

    [Theory]
    [InlineData(1, 0, "差额竞争至少要有 2 名人选")]
    [InlineData(3, 3, "晋级人数（3）必须少于参加人数（3），才是差额")]
    [InlineData(3, 0, "晋级人数至少为 1")]
    public void ARoundPlan_MustCutSomeone(int candidates, int advancing, string refusal) => Assert.Equal(refusal, RoundCut.CheckPlan(candidates, advancing));

    [Fact]
    public void TheBestAdvance_TheRestAreEliminated()
    {
        var outcome = RoundCut.Cut([new(1, 30), new(2, 45), new(3, 12), new(4, 40)], 2, TieRule.Runoff);
        Assert.Equal([2L, 4L], outcome.Advancing);
        Assert.Equal([1L, 3L], outcome.Eliminated);
        Assert.True(outcome.Settled);
    }

    [Fact]
    public void ATieAcrossTheCut_GoesToARunoff_AndThosePlainlyAboveOrBelowAreSettled()
    {
        // Two places; 45 advances, 30 and 30 are tied for the second place, 12 is out.
        var outcome = RoundCut.Cut([new(1, 30), new(2, 45), new(3, 12), new(4, 30)], 2, TieRule.Runoff);
        Assert.Equal([2L], outcome.Advancing);
        Assert.Equal([3L], outcome.Eliminated);
        Assert.Equal([1L, 4L], outcome.Runoff.Order().ToArray());
        Assert.False(outcome.Settled);
        // A tie wholly above the cut is no tie at the cut.
        Assert.True(RoundCut.Cut([new(1, 50), new(2, 50), new(3, 12)], 2, TieRule.Runoff).Settled);
    }

    [Fact]
    public void UnderThePreviousRoundRule_ThePreviousScoreBreaksTheTie()
    {
        var outcome = RoundCut.Cut([new(1, 30, 80), new(2, 45, 70), new(4, 30, 85)], 2, TieRule.PreviousRound);
        Assert.Equal([2L, 4L], outcome.Advancing);
        Assert.Equal([1L], outcome.Eliminated);
        Assert.Equal([1L, 4L], RoundCut.Cut([new(1, 30, 80), new(2, 45, 70), new(4, 30, 80)], 2, TieRule.PreviousRound).Runoff.Order().ToArray());
    }

    [Fact]
    public void Property_EveryCandidateHasExactlyOneFate_AndTheAdvancingNeverExceedThePlaces() =>
        Gen.Int[2, 12].SelectMany(n => Gen.Int[1, n - 1].Select(Gen.Int[0, 5].Array[n], Gen.Enum<TieRule>(), (k, scores, rule) => (n, k, scores, rule)))
            .Sample(t =>
            {
                var results = t.scores.Select((s, i) => new RoundResult(i + 1, s, i % 3)).ToList();
                var outcome = RoundCut.Cut(results, t.k, t.rule);
                var all = outcome.Advancing.Concat(outcome.Eliminated).Concat(outcome.Runoff).Order().ToList();
                var worstAdvancing = outcome.Advancing.Select(id => results[(int)id - 1].Score).DefaultIfEmpty(decimal.MaxValue).Min();
                var bestEliminated = outcome.Eliminated.Select(id => results[(int)id - 1].Score).DefaultIfEmpty(decimal.MinValue).Max();
                return all.SequenceEqual(results.Select(r => r.CandidateId))
                    && outcome.Advancing.Count <= t.k
                    && (outcome.Settled ? outcome.Advancing.Count == t.k : outcome.Advancing.Count + outcome.Runoff.Count > t.k)
                    && worstAdvancing >= bestEliminated;
            });
}
