using Pingyi.Core.Evaluation;

namespace Pingyi.Core.Tests.Evaluation;

/// <summary>A scheme may rename the grades and offer fewer of them: 推荐 / 不推荐 leaves only the first two to choose.</summary>
public sealed class GradeLabelsTests
{
    private static SchemeRules Rules(params string[]? labels) => new() { Groups = [new("voters", "投票人", 100, BallotParts.Grade, 1)], GradeLabels = labels, Trim = 0 };

    [Fact]
    public void TwoLabels_OfferTheFirstTwoGrades_AndABallotOfAnotherIsRefusedByName()
    {
        var rules = Rules("推荐", "不推荐");
        Assert.Empty(rules.Validate());
        Assert.Equal([true, true, false, false], Enum.GetValues<Grade>().Select(rules.Offers).ToArray());
        Assert.Equal(Grade.FairlyGood, CastBallot.Create(rules, 0, 0, Grade.FairlyGood, null).Grade);
        var refused = Assert.Throws<BallotException>(() => CastBallot.Create(rules, 0, 0, Grade.Average, null));
        Assert.Equal("评价等次只能是推荐、不推荐之一。", refused.Message);
    }

    [Fact]
    public void WithoutLabels_AllFourGradesAreOffered_AndAnUndefinedOneIsRefused()
    {
        var rules = Rules(null);
        Assert.All(Enum.GetValues<Grade>(), g => Assert.True(rules.Offers(g)));
        Assert.Equal("评价等次只能是好、较好、一般、较差之一。", Assert.Throws<BallotException>(() => CastBallot.Create(rules, 0, 0, (Grade)7, null)).Message);
    }

    [Theory]
    [InlineData("推荐")]
    [InlineData("一", "二", "三", "四", "五")]
    [InlineData("推荐", "推荐")]
    [InlineData("推荐", " ")]
    public void OneLabel_FiveLabels_OrRepeatedOrBlankOnes_AreRefused(params string[] labels) =>
        Assert.Contains(Rules(labels).ValidateFields(), e => e.Field == "gradeLabels");

    [Fact]
    public void AnEmptyOrLongOpinionPrompt_IsRefused()
    {
        Assert.Contains(new SchemeRules { Groups = [new("v", "投票人", 100)], OpinionPrompt = " " }.ValidateFields(), e => e.Field == "opinionPrompt");
        Assert.Contains(new SchemeRules { Groups = [new("v", "投票人", 100)], OpinionPrompt = new string('意', SchemeRules.OpinionPromptMax + 1) }.ValidateFields(), e => e.Field == "opinionPrompt");
        Assert.DoesNotContain(new SchemeRules { Groups = [new("v", "投票人", 100)], OpinionPrompt = "对推荐人选的意见建议" }.ValidateFields(), e => e.Field == "opinionPrompt");
    }
}
