using Pingyi.Core.Awards;
using Pingyi.Core.Grading;

namespace Pingyi.Core.Tests.Awards;

public sealed class AwardRulesTests
{
    /// <summary>Every allowed step of a nomination by the award's stage; every other triple is refused.</summary>
    private static readonly Dictionary<(NominationState, AwardStage, NominationAction), NominationState> Allowed = new()
    {
        [(NominationState.Nominated, AwardStage.Nominating, NominationAction.Recommend)] = NominationState.Recommended,
        [(NominationState.Nominated, AwardStage.Nominating, NominationAction.Reject)] = NominationState.Rejected,
        [(NominationState.Nominated, AwardStage.Nominating, NominationAction.Withdraw)] = NominationState.Withdrawn,
        [(NominationState.Recommended, AwardStage.Nominating, NominationAction.Withdraw)] = NominationState.Withdrawn,
        [(NominationState.Nominated, AwardStage.Publicity, NominationAction.Withdraw)] = NominationState.Withdrawn,
        [(NominationState.Recommended, AwardStage.Publicity, NominationAction.Withdraw)] = NominationState.Withdrawn,
    };

    public static TheoryData<NominationState, AwardStage, NominationAction> Triples()
    {
        var data = new TheoryData<NominationState, AwardStage, NominationAction>();
        foreach (var s in Enum.GetValues<NominationState>())
        {
            foreach (var g in Enum.GetValues<AwardStage>())
            {
                foreach (var a in Enum.GetValues<NominationAction>())
                {
                    data.Add(s, g, a);
                }
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(Triples))]
    public void EveryStep_IsAllowedExactlyAsTheTableSays_WithItsReasonAndWithinTheQuota(NominationState state, AwardStage stage, NominationAction action)
    {
        var next = AwardWorkflow.Next(state, stage, action);
        if (Allowed.TryGetValue((state, stage, action), out var expected))
        {
            Assert.Equal(expected, next);
            Assert.Null(AwardWorkflow.Refusal(state, stage, action, "理由", recommended: 0, quota: 1));
            if (action == NominationAction.Recommend)
            {
                Assert.Equal("已审核通过 1 个，达到名额 1 个；请先撤销或不通过其他提名", AwardWorkflow.Refusal(state, stage, action, null, recommended: 1, quota: 1));
            }
            else
            {
                Assert.Equal($"{AwardWorkflow.Chinese(action)}须说明理由", AwardWorkflow.Refusal(state, stage, action, " ", 0, 1));
            }
        }
        else
        {
            Assert.Null(next);
            Assert.NotNull(AwardWorkflow.Refusal(state, stage, action, "理由", 0, 1));
        }
    }

    [Fact]
    public void TheAwardsStages_WaitForEveryReview_ThePeriod_AndEveryObjection()
    {
        Assert.Equal("还有 2 个提名未审核，审核完毕才能公示", AwardWorkflow.PublicityRefusal(AwardStage.Nominating, waiting: 2, recommended: 3));
        Assert.Equal("没有审核通过的提名，无可公示", AwardWorkflow.PublicityRefusal(AwardStage.Nominating, 0, 0));
        Assert.Null(AwardWorkflow.PublicityRefusal(AwardStage.Nominating, 0, 1));
        Assert.NotNull(AwardWorkflow.PublicityRefusal(AwardStage.Publicity, 0, 1));

        var until = new DateOnly(2026, 12, 8);
        Assert.Equal("名单须先公示，公示期满才能批准", AwardWorkflow.ApprovalRefusal(AwardStage.Nominating, until, until.AddDays(1), 0, 1));
        Assert.Equal("公示期至 2026-12-08 止，期满后才能批准", AwardWorkflow.ApprovalRefusal(AwardStage.Publicity, until, until, 0, 1)); // the last day is still in it
        Assert.Equal("还有 1 件异议未核实处理，处理完毕才能批准", AwardWorkflow.ApprovalRefusal(AwardStage.Publicity, until, until.AddDays(1), 1, 1));
        Assert.Null(AwardWorkflow.ApprovalRefusal(AwardStage.Publicity, until, until.AddDays(1), 0, 1));
        Assert.NotNull(AwardWorkflow.ApprovalRefusal(AwardStage.Publicity, until, until.AddDays(1), 0, 0));

        Assert.Null(AwardWorkflow.PublicationRefusal(AwardStage.Approved));
        Assert.All(new[] { AwardStage.Nominating, AwardStage.Publicity, AwardStage.Published }, s => Assert.NotNull(AwardWorkflow.PublicationRefusal(s)));
        Assert.Null(AwardWorkflow.ObjectionRefusal(AwardStage.Publicity, NominationState.Recommended));
        Assert.NotNull(AwardWorkflow.ObjectionRefusal(AwardStage.Publicity, NominationState.Withdrawn));
        Assert.NotNull(AwardWorkflow.ObjectionRefusal(AwardStage.Approved, NominationState.Recommended));
    }

    private const EligibilityRules All = EligibilityRules.NoPoorGrade | EligibilityRules.NoVeto | EligibilityRules.AdvancedOrStars;

    [Fact]
    public void Eligibility_NamesEveryConditionFailed_AndOnlyThoseTheAwardAsks()
    {
        var clean = new EligibilityFacts([], [], OrganizationGrade.Advanced, null);
        Assert.Empty(AwardEligibility.Refusals(All, 2026, clean));
        // Three stars stand in for 先进; two do not.
        Assert.Empty(AwardEligibility.Refusals(All, 2026, clean with { Grade = OrganizationGrade.Average, Stars = 3 }));
        Assert.Equal(["2026 年度既未定为“先进”（定为“一般”），承诺也未达三星（承诺评为2星）"],
            AwardEligibility.Refusals(All, 2026, clean with { Grade = OrganizationGrade.Average, Stars = 2 }));
        Assert.Equal(["2026 年度既未定为“先进”（尚未定级），承诺也未达三星（承诺未经三评评星）"], AwardEligibility.Refusals(All, 2026, clean with { Grade = null }));

        var poor = new EligibilityFacts([new PoorEvaluation("述职评议会", new DateOnly(2026, 7, 10)), new PoorEvaluation("三评", new DateOnly(2026, 12, 1))],
            ["发生安全生产责任事故"], OrganizationGrade.Lagging, 1);
        var refusals = AwardEligibility.Refusals(All, 2026, poor);
        Assert.Equal(3, refusals.Count);
        Assert.Equal("2026 年度评议中被评为“较差”（述职评议会，2026年7月10日、三评，2026年12月1日）", refusals[0]);
        Assert.Equal("2026 年度有一票否决事项：发生安全生产责任事故", refusals[1]);
        // An award that asks nothing refuses no one; one that asks only "no 较差" ignores the rest.
        Assert.Empty(AwardEligibility.Refusals(EligibilityRules.None, 2026, poor));
        Assert.Equal([refusals[0]], AwardEligibility.Refusals(EligibilityRules.NoPoorGrade, 2026, poor));
        Assert.Equal(3, AwardEligibility.Describe(All).Count());
    }
}
