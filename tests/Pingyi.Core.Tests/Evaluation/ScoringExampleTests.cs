using Pingyi.Core.Evaluation;
using static Pingyi.Core.Evaluation.Grade;

namespace Pingyi.Core.Tests.Evaluation;

/// <summary>Worked examples; every expected number was computed by hand.</summary>
public sealed class ScoringExampleTests
{
    private static readonly SchemeRules ThreeGroups = new()
    {
        Groups = [new("committee", "县委常委", 40), new("leaders", "乡镇领导班子", 30), new("public", "党员群众代表", 30)],
    };

    [Fact]
    public void Evaluate_TrimsOneHighAndOneLow_AndRedistributesTheWeightOfAShortGroup()
    {
        CastBallot[] ballots =
        [
            // Group 0: 100 100 80 60 100 → drop one 100 and the 60 → (100 + 80 + 100) / 3 = 280/3.
            .. Ballots(0, 0, Good, Good, FairlyGood, Average, Good),
            // Group 1: 80 80 80 → three ballots, trimming would leave one: plain mean 80.
            .. Ballots(0, 1, FairlyGood, FairlyGood, FairlyGood),
            // Group 2: two ballots, below the minimum of three: left out.
            .. Ballots(0, 2, Good, Average),
        ];

        var r = Scoring.Evaluate(ThreeGroups, 1, ballots)[0];

        // (40 × 280/3 + 30 × 80) / 70 = 1840/21 = 87.6190476…
        Assert.Equal(87.62m, Display.Round(r.Composite!.Value));
        Assert.True(Math.Abs(r.Composite.Value - (1840m / 21m)) < 1e-24m);
        Assert.Equal(FairlyGood, r.Grade);
        Assert.Equal(1, r.Position);
        Assert.Equal(ResultFlags.GroupLeftOut, r.Flags);
        Assert.Equal((5, 2, GroupFlags.None), (r.Groups[0].Ballots, r.Groups[0].Trimmed, r.Groups[0].Flags));
        Assert.Equal((3, 0, GroupFlags.NotTrimmed, 80m), (r.Groups[1].Ballots, r.Groups[1].Trimmed, r.Groups[1].Flags, r.Groups[1].Score!.Value));
        Assert.Equal((2, (decimal?)null, GroupFlags.BelowMinimum, 0m), (r.Groups[2].Ballots, r.Groups[2].Score, r.Groups[2].Flags, r.Groups[2].EffectiveWeight));
        Assert.Equal(4m / 7m, r.Groups[0].EffectiveWeight);
        Assert.Equal(3m / 7m, r.Groups[1].EffectiveWeight);
    }

    [Fact]
    public void Evaluate_AllGroupsKept_IsTheWeightedMeanExactly()
    {
        CastBallot[] ballots =
        [
            .. Ballots(0, 0, Good, Good, Good, Good, FairlyGood), // drop 100 and 80 → 100
            .. Ballots(0, 1, Average, Average, Average),           // 60
            .. Ballots(0, 2, FairlyGood, FairlyGood, FairlyGood),  // 80
        ];

        var r = Scoring.Evaluate(ThreeGroups, 1, ballots)[0];

        // (40 × 100 + 30 × 60 + 30 × 80) / 100 = 82
        Assert.Equal(82m, r.Composite);
        Assert.Equal("82.00", Display.Format(r.Composite));
        Assert.Equal(ResultFlags.None, r.Flags);
    }

    [Fact]
    public void Evaluate_GradeAndIndicators_MixesWithTheGradeShare_AndAnIndicatorOnlyGroupOfOne()
    {
        var rules = new SchemeRules
        {
            Indicators = [new("work", "工作实绩", 60), new("style", "作风", 40)],
            Groups = [new("reps", "代表", 80, BallotParts.Both), new("dept", "组织部考核", 20, BallotParts.Indicators, MinimumBallots: 1)],
        };
        CastBallot[] ballots =
        [
            CastBallot.Create(rules, 0, 0, Good, [54m, 36m]),       // 0.5 × 100 + 0.5 × 90 = 95
            CastBallot.Create(rules, 0, 0, FairlyGood, [30m, 20m]), // 0.5 × 80 + 0.5 × 50 = 65
            CastBallot.Create(rules, 0, 0, Average, [45m, 25m]),    // 0.5 × 60 + 0.5 × 70 = 65
            CastBallot.Create(rules, 0, 1, null, [57.5m, 33m]),     // 90.5
        ];

        var r = Scoring.Evaluate(rules, 1, ballots)[0];

        Assert.Equal(75m, r.Groups[0].Score);
        Assert.Equal(90.5m, r.Groups[1].Score);
        // 0.8 × 75 + 0.2 × 90.5 = 78.1
        Assert.Equal(78.1m, r.Composite);
        Assert.Equal(Average, r.Grade);
    }

    [Fact]
    public void Evaluate_NoGroupKept_HasNoResultAndNoPosition()
    {
        var r = Scoring.Evaluate(ThreeGroups, 2, [.. Ballots(0, 0, Good, Good, Good), .. Ballots(1, 0, Good, Good)]);

        Assert.Equal(1, r[0].Position);
        Assert.Null(r[1].Composite);
        Assert.Null(r[1].Position);
        Assert.Null(r[1].Grade);
        Assert.True(r[1].Flags.HasFlag(ResultFlags.NoResult));
    }

    [Fact]
    public void Ranking_EqualComposites_ShareAPositionAndTheNextSkips()
    {
        var p = Ranking.Assign(ThreeGroups, [80m, 90m, 85m, 85m, null], null);

        Assert.Equal([4, 1, 2, 2, null], p.Select(x => x.Position));
    }

    [Fact]
    public void Ranking_QuotaCap_MovesTheLowestDown_AndATieStraddlingTheCapMovesDownWhole()
    {
        var rules = ThreeGroups with { Quotas = new GradeQuotas(Good: 0.3m) };
        // Ten reporters with a result: 好 allows floor(0.3 × 10) = 3.
        decimal?[] composites = [95, 94, 93, 93, 92, 91, 85, 75, 65, 60];

        var p = Ranking.Assign(rules, composites, null);

        Assert.Equal([Good, Good, FairlyGood, FairlyGood, FairlyGood, FairlyGood, FairlyGood, Average, Poor, Poor], p.Select(x => x.Grade!.Value));
        Assert.Equal([false, false, true, true, true, true, false, false, false, false], p.Select(x => x.Flags.HasFlag(ResultFlags.MovedDownByQuota)));
        Assert.Equal([1, 2, 3, 3, 5, 6, 7, 8, 9, 10], p.Select(x => x.Position!.Value));
    }

    [Fact]
    public void Ranking_QuotasCascade_ThoseMovedIntoACappedGradeCount()
    {
        var rules = ThreeGroups with { Quotas = new GradeQuotas(Good: 0.2m, FairlyGood: 0.2m) };
        // Five reporters: each capped grade allows one.
        decimal?[] composites = [95, 94, 93, 85, 60];

        var p = Ranking.Assign(rules, composites, null);

        Assert.Equal([Good, FairlyGood, Average, Average, Poor], p.Select(x => x.Grade!.Value));
    }

    [Fact]
    public void Ranking_Veto_ForcesPoorButKeepsThePosition_AndFreesAQuotaPlace()
    {
        var rules = ThreeGroups with { Quotas = new GradeQuotas(Good: 0.5m) };
        decimal?[] composites = [96, 95, 94, 70];
        var vetoes = new Dictionary<int, string> { [0] = "发生违纪问题" };

        var p = Ranking.Assign(rules, composites, vetoes);

        Assert.Equal([Poor, Good, Good, Average], p.Select(x => x.Grade!.Value));
        Assert.Equal(1, p[0].Position);
        Assert.Equal(Good, p[0].ScoreGrade);
        Assert.True(p[0].Flags.HasFlag(ResultFlags.Vetoed));
    }

    [Fact]
    public void Evaluate_Veto_CarriesTheReason()
    {
        var r = Scoring.Evaluate(ThreeGroups, 1, [.. Ballots(0, 0, Good, Good, Good)], new Dictionary<int, string> { [0] = "安全生产事故" });

        Assert.Equal(Poor, r[0].Grade);
        Assert.Equal("安全生产事故", r[0].VetoReason);
    }

    [Fact]
    public void Evaluate_TrimTwo_DropsTwoAtEachEnd()
    {
        var rules = ThreeGroups with { Trim = 2 };
        // 100 100 80 60 60 40 40 → drop 100 100 and 40 40 → (80 + 60 + 60) / 3 = 200/3
        var r = Scoring.Evaluate(rules, 1, [.. Ballots(0, 0, Good, Poor, Good, FairlyGood, Average, Poor, Average)])[0];

        Assert.Equal(4, r.Groups[0].Trimmed);
        Assert.Equal(66.67m, Display.Round(r.Groups[0].Score!.Value));
        Assert.Equal(r.Groups[0].Score, r.Composite);
    }

    [Fact]
    public void Combine_TwoWay_WeighsUpwardAndDownward_ThenRanks()
    {
        var rules = ThreeGroups with { UpwardWeight = 60, DownwardWeight = 40 };

        var r = Scoring.Combine(rules, [(90m, 80m), (80m, 95m), (null, 88m), (null, null)]);

        Assert.Equal(86m, r[0].Composite); // 0.6 × 90 + 0.4 × 80
        Assert.Equal(86m, r[1].Composite); // 0.6 × 80 + 0.4 × 95
        Assert.Equal([2, 2, 1, (int?)null], r.Select(x => x.Position));
        Assert.Equal(ResultFlags.DirectionMissing, r[2].Flags);
        Assert.True(r[3].Flags.HasFlag(ResultFlags.NoResult));
    }

    [Fact]
    public void Display_RoundsHalfAwayFromZero()
    {
        Assert.Equal("87.63", Display.Format(87.625m));
        Assert.Equal("87.62", Display.Format(87.6249999m));
        Assert.Equal("", Display.Format(null));
    }

    [Theory]
    [InlineData(null, "请选择评价等次")]
    public void CastBallot_WithoutGrade_IsIncomplete(Grade? grade, string reason) =>
        Assert.Contains(reason, Assert.Throws<BallotException>(() => CastBallot.Create(ThreeGroups, 0, 0, grade, null)).Message);

    [Fact]
    public void CastBallot_IndicatorOutOfRange_SaysWhich()
    {
        var rules = ThreeGroups with { Indicators = [new("work", "工作实绩", 60)], Groups = [new("reps", "代表", 1, BallotParts.Indicators)] };

        Assert.Contains("工作实绩", Assert.Throws<BallotException>(() => CastBallot.Create(rules, 0, 0, null, [61m])).Message);
        Assert.Contains("全部 1 项", Assert.Throws<BallotException>(() => CastBallot.Create(rules, 0, 0, null, [])).Message);
    }

    [Fact]
    public void Validate_RejectsBadRules_InChinese()
    {
        var bad = ThreeGroups with
        {
            Groups = [new("a", "甲", 0), new("a", "乙", 10, BallotParts.Indicators)],
            Thresholds = new GradeThresholds(80, 90, 70),
            GradeShare = 1.5m,
        };

        var errors = bad.Validate();

        Assert.Contains(errors, e => e.Contains("权重"));
        Assert.Contains(errors, e => e.Contains("代码不能重复"));
        Assert.Contains(errors, e => e.Contains("方案没有指标"));
        Assert.Contains(errors, e => e.Contains("分数线"));
        Assert.Contains(errors, e => e.Contains("比例"));
        Assert.Empty(ThreeGroups.Validate());
    }

    internal static IEnumerable<CastBallot> Ballots(int reporter, int group, params Grade[] grades) =>
        grades.Select(g => new CastBallot(reporter, group, g, null));
}
