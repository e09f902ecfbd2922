using Pingyi.Core.OpenAffairs;

namespace Pingyi.Core.Tests.OpenAffairs;

public sealed class DecisionProcedureTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DecisionProcedure Four = DecisionProcedure.FourDeliberations;

    [Fact]
    public void Steps_AreTakenInOrder_NoneSkippedOrRepeated()
    {
        var skipped = Four.Refusal(done: 1, index: 2, new(2026, 11, 3), new(2026, 11, 1), Today, new(40, 30, 25, 3, 2));
        Assert.Equal("step", skipped!.Field);
        Assert.Contains("须先完成“村“两委”会议商议”", skipped.Message);
        Assert.Contains("已经登记", Four.Refusal(2, 0, new(2026, 11, 3), new(2026, 11, 1), Today, null)!.Message);
        Assert.Null(Four.Refusal(1, 1, new(2026, 11, 3), new(2026, 11, 1), Today, null));
        Assert.Null(Four.Next(6));
        Assert.Equal("决议公开", Four.Next(4)!.Name);
    }

    [Fact]
    public void AStep_IsNotDatedBeforeTheOneBefore_NorInTheFuture()
    {
        Assert.Contains("不能早于上一步", Four.Refusal(1, 1, new(2026, 10, 31), new(2026, 11, 1), Today, null)!.Message);
        Assert.Null(Four.Refusal(1, 1, new(2026, 11, 1), new(2026, 11, 1), Today, null));
        Assert.Equal("on", Four.Refusal(0, 0, Today.AddDays(1), null, Today, null)!.Field);
    }

    [Theory]
    [InlineData(30, 20, true)]   // two thirds exactly: 以上 includes the number
    [InlineData(30, 19, false)]
    [InlineData(31, 21, true)]
    [InlineData(31, 20, false)]
    public void TheRepresentativesMeeting_NeedsTwoThirdsPresent(int entitled, int present, bool held)
    {
        var refusal = Four.Refusal(3, 3, Today, Today, Today, new(entitled, present, present, 0, 0));
        Assert.Equal(held, refusal is null);
        if (!held)
        {
            Assert.Contains("第二十六条", refusal!.Message);
            Assert.Contains($"至少 {(entitled * 2 + 2) / 3} 人", refusal.Message);
        }
    }

    [Theory]
    [InlineData(10, 6, true)]
    [InlineData(10, 5, false)]   // half is not more than half
    [InlineData(11, 6, true)]
    public void TheMembersMeeting_NeedsMoreThanHalfPresent(int entitled, int present, bool held) =>
        Assert.Equal(held, Four.Refusal(2, 2, Today, Today, Today, new(entitled, present, present, 0, 0)) is null);

    [Fact]
    public void AVote_PassesWithMoreThanHalfOfThosePresent()
    {
        Assert.True(DecisionProcedure.Passed(new(40, 30, 16, 10, 4)));
        Assert.False(DecisionProcedure.Passed(new(40, 30, 15, 10, 5)));
        Assert.Contains("表决结果", Four.Refusal(2, 2, Today, Today, Today, null)!.Message);
        Assert.Equal("for", Four.Refusal(2, 2, Today, Today, Today, new(40, 30, 20, 10, 1))!.Field);
        Assert.Equal("present", Four.Refusal(2, 2, Today, Today, Today, new(40, 41, 20, 10, 1))!.Field);
    }

    [Fact]
    public void AVariant_IsConfiguration_AndKeepsItsShapeWhenStored()
    {
        var six = new DecisionProcedure("六议两公开",
        [
            new("村党支部提议", DecisionStepKind.Proposal),
            new("村“两委”会议商议", DecisionStepKind.Consultation),
            new("征求群众意见", DecisionStepKind.Consultation),
            new("党员大会审议", DecisionStepKind.MembersMeeting),
            new("乡镇审核", DecisionStepKind.Consultation),
            new("村民代表会议决议", DecisionStepKind.RepresentativesMeeting),
            new("决议公开", DecisionStepKind.ResolutionPublished),
            new("实施结果公开", DecisionStepKind.ResultPublished),
        ]);
        var back = DecisionProcedure.Deserialize(six.Name, six.Serialize());
        Assert.Equal(six.Steps, back.Steps);
        Assert.Equal(8, back.Steps.Count);
        Assert.NotNull(DecisionProcedure.Problem("缺决议", [new("提议", DecisionStepKind.Proposal), new("商议", DecisionStepKind.Consultation),
            new("决议公开", DecisionStepKind.ResolutionPublished), new("实施结果公开", DecisionStepKind.ResultPublished)]));
        Assert.NotNull(DecisionProcedure.Problem("公开在前", [new("提议", DecisionStepKind.Proposal), new("决议公开", DecisionStepKind.ResolutionPublished),
            new("决议", DecisionStepKind.RepresentativesMeeting), new("决议公开2", DecisionStepKind.ResolutionPublished), new("实施结果公开", DecisionStepKind.ResultPublished)]));
        Assert.Null(DecisionProcedure.Problem(Four.Name, Four.Steps));
    }
}
