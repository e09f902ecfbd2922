using Pingyi.Core.Commitments;

namespace Pingyi.Core.Tests.Commitments;

public sealed class CommitmentWorkflowTests
{
    /// <summary>Every allowed step; every other (state, action) pair is refused.</summary>
    private static readonly Dictionary<(CommitmentState, CommitmentAction), CommitmentState> Allowed = new()
    {
        [(CommitmentState.Draft, CommitmentAction.Submit)] = CommitmentState.Submitted,
        [(CommitmentState.Submitted, CommitmentAction.Approve)] = CommitmentState.Approved,
        [(CommitmentState.Submitted, CommitmentAction.SendBack)] = CommitmentState.Draft,
        [(CommitmentState.Approved, CommitmentAction.Publish)] = CommitmentState.Published,
        [(CommitmentState.Published, CommitmentAction.CloseFulfilled)] = CommitmentState.Fulfilled,
        [(CommitmentState.Published, CommitmentAction.CloseUnfulfilled)] = CommitmentState.Unfulfilled,
    };

    public static TheoryData<CommitmentState, CommitmentAction> Pairs()
    {
        var data = new TheoryData<CommitmentState, CommitmentAction>();
        foreach (var s in Enum.GetValues<CommitmentState>())
        {
            foreach (var a in Enum.GetValues<CommitmentAction>())
            {
                data.Add(s, a);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(Pairs))]
    public void EveryPair_IsAllowedExactlyAsTheTableSays_AndARefusalNamesTheStateAndTheStep(CommitmentState state, CommitmentAction action)
    {
        var next = CommitmentWorkflow.Next(state, action);
        var refusal = CommitmentWorkflow.Refusal(state, action, "理由");

        if (Allowed.TryGetValue((state, action), out var expected))
        {
            Assert.Equal(expected, next);
            Assert.Null(refusal);
        }
        else
        {
            Assert.Null(next);
            Assert.Equal($"“{CommitmentWorkflow.Chinese(state)}”的承诺不能{CommitmentWorkflow.Chinese(action)}", refusal);
        }
    }

    [Theory]
    [InlineData(CommitmentAction.SendBack, CommitmentState.Submitted, "退回修改须说明理由")]
    [InlineData(CommitmentAction.CloseUnfulfilled, CommitmentState.Published, "销诺（未兑现）须说明理由")]
    public void ASendBackAndANotFulfilled_NeedTheirReason(CommitmentAction action, CommitmentState state, string message)
    {
        Assert.Equal(message, CommitmentWorkflow.Refusal(state, action, "  "));
        Assert.Null(CommitmentWorkflow.Refusal(state, action, "目标未量化"));
    }

    [Fact]
    public void FulfilledAndNotFulfilled_AreBothClosed_AndDistinct()
    {
        Assert.True(CommitmentWorkflow.Closed(CommitmentState.Fulfilled));
        Assert.True(CommitmentWorkflow.Closed(CommitmentState.Unfulfilled));
        Assert.NotEqual(CommitmentWorkflow.Chinese(CommitmentState.Fulfilled), CommitmentWorkflow.Chinese(CommitmentState.Unfulfilled));
        Assert.All(Enum.GetValues<CommitmentState>().Where(s => CommitmentWorkflow.Closed(s)),
            s => Assert.All(Enum.GetValues<CommitmentAction>(), a => Assert.Null(CommitmentWorkflow.Next(s, a))));
    }

    [Fact]
    public void AnItemIsOverdue_OnlyWhilePublished_PastItsDeadline_AndShortOfAHundred()
    {
        var today = new DateOnly(2026, 11, 30);
        Assert.True(CommitmentWorkflow.IsOverdue(CommitmentState.Published, today.AddDays(-1), 99, today));
        Assert.False(CommitmentWorkflow.IsOverdue(CommitmentState.Published, today, 0, today));
        Assert.False(CommitmentWorkflow.IsOverdue(CommitmentState.Published, today.AddDays(-1), 100, today));
        Assert.False(CommitmentWorkflow.IsOverdue(CommitmentState.Approved, today.AddDays(-1), 0, today));
        Assert.False(CommitmentWorkflow.IsOverdue(CommitmentState.Unfulfilled, today.AddDays(-1), 0, today));
    }
}

public sealed class CommitmentProgressTests
{
    [Fact]
    public void WithWeights_TheWeightedMean_RoundedHalfAwayFromZero()
    {
        // (100×30 + 50×20 + 0×50) / 100 = 40; (25×1 + 50×1) / 2 = 37.5 → 38.
        Assert.Equal(40, CommitmentProgress.Of([(100, 30m), (50, 20m), (0, 50m)]));
        Assert.Equal(38, CommitmentProgress.Of([(25, 1m), (50, 1m)]));
    }

    [Fact]
    public void WithoutWeights_ThePlainMean_AndNoItemsIsZero()
    {
        Assert.Equal(50, CommitmentProgress.Of([(100, null), (0, null)]));
        Assert.Equal(33, CommitmentProgress.Of([(100, null), (0, null), (0, null)]));
        Assert.Equal(0, CommitmentProgress.Of([]));
    }

    [Fact]
    public void TheRollUp_StaysBetweenTheSmallestAndTheLargestItem()
    {
        var random = new Random(20261130);
        for (var run = 0; run < 2000; run++)
        {
            var weighted = random.Next(2) == 0;
            var items = Enumerable.Range(0, random.Next(1, 12))
                .Select(_ => (random.Next(0, 101), weighted ? (decimal?)random.Next(1, 100) : null)).ToList();
            var progress = CommitmentProgress.Of(items);
            Assert.InRange(progress, items.Min(i => i.Item1), items.Max(i => i.Item1));
        }
    }

    [Fact]
    public void Weights_AreOnEveryItemOrNone_AndPositive()
    {
        Assert.Null(CommitmentProgress.WeightRefusal([null, null]));
        Assert.Null(CommitmentProgress.WeightRefusal([40m, 60m]));
        Assert.Equal("权重要么每项都填，要么都不填", CommitmentProgress.WeightRefusal([40m, null]));
        Assert.Equal("权重须在 0 到 100 之间（不含 0）", CommitmentProgress.WeightRefusal([0m, 10m]));
    }
}
