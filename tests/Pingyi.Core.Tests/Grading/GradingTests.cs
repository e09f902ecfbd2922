using CsCheck;
using Pingyi.Core.Grading;
using static Pingyi.Core.Grading.GradingInputKind;
using G = Pingyi.Core.Grading.Grading;

namespace Pingyi.Core.Tests.Grading;

public sealed class GradingTests
{
    private static readonly GradingRules NoQuotas = new() { AdvancedMaxShare = null, LaggingMinShare = null, ExemplaryShare = null };

    private static GradingInput[] Year(decimal monthly, decimal quarterly, decimal annual, int months = 12, int quarters = 4, bool withAnnual = true) =>
    [
        .. Enumerable.Range(1, months).Select(m => new GradingInput(Monthly, m, monthly)),
        .. Enumerable.Range(1, quarters).Select(q => new GradingInput(Quarterly, q, quarterly)),
        .. withAnnual ? [new GradingInput(Annual, 1, annual)] : Array.Empty<GradingInput>(),
    ];

    [Fact]
    public void Composite_WeighsTheMeansOfTheThreeInputs()
    {
        // 30 × 80 + 20 × 90 + 50 × 70 = 7,700 over 100.
        var (composite, parts) = G.Composite(new GradingRules(), Year(80, 90, 70));

        Assert.Equal(77m, composite);
        Assert.All(parts, p => Assert.True(p.Counted));
        Assert.Equal([12, 4, 1], parts.Select(p => p.Count));
    }

    [Fact]
    public void Composite_SharesOutTheWeightOfAMissingInput()
    {
        // Five months are fewer than the six that count: 20 × 90 + 50 × 70 = 5,300 over 70 = 75.71.
        var (composite, parts) = G.Composite(new GradingRules(), Year(100, 90, 70, months: 5));

        Assert.Equal(75.71m, composite);
        Assert.False(parts[0].Counted);
        Assert.Equal(100m, parts[0].Mean);
        Assert.Equal(5, parts[0].Count);
    }

    [Fact]
    public void Composite_CountsAPeriodOnceAndIgnoresPeriodsOutsideTheYear()
    {
        GradingInput[] inputs = [new(Annual, 1, 80), new(Annual, 1, 20), new(Annual, 2, 0), new(Quarterly, 5, 0), new(Monthly, 0, 0)];

        var (composite, parts) = G.Composite(new GradingRules(), inputs);

        Assert.Equal(80m, composite);
        Assert.Equal(1, parts[2].Count);
        Assert.Equal(0, parts[1].Count);
    }

    [Fact]
    public void Composite_WithoutAnyCountedInput_IsNone()
    {
        var (composite, _) = G.Composite(new GradingRules(), Year(90, 90, 90, months: 3, quarters: 1, withAnnual: false));

        Assert.Null(composite);
    }

    [Fact]
    public void Assign_GradesByThresholds_VetoMakesLagging()
    {
        var outcomes = G.Assign(NoQuotas, [Year(95, 95, 95), Year(80, 80, 80), Year(60, 60, 60), Year(99, 99, 99)], [false, false, false, true]);

        Assert.Equal([OrganizationGrade.Advanced, OrganizationGrade.Average, OrganizationGrade.Lagging, OrganizationGrade.Lagging], outcomes.Select(o => o.Grade!.Value));
        Assert.Equal(OrganizationGrade.Advanced, outcomes[3].ScoreGrade);
        Assert.Equal(GradeFlags.Vetoed, outcomes[3].Flags);
        Assert.Equal([2, 3, 4, 1], outcomes.Select(o => o.Position!.Value));
    }

    [Fact]
    public void Assign_ATieStraddlingTheCapOnAdvanced_MovesDownWhole()
    {
        // Ten organizations, at most 30% 先进 = 3: one at 98, then three tied at 95 — the tie would make four.
        decimal[] scores = [98, 95, 95, 95, 92, 85, 80, 75, 72, 71];
        var rules = new GradingRules { LaggingMinShare = null, ExemplaryShare = null };

        var outcomes = G.Assign(rules, [.. scores.Select(s => Year(s, s, s))], new bool[10]);

        Assert.Equal(OrganizationGrade.Advanced, outcomes[0].Grade);
        Assert.All(outcomes[1..5], o => Assert.Equal(OrganizationGrade.Average, o.Grade));
        Assert.All(outcomes[1..5], o => Assert.Equal(GradeFlags.CappedFromAdvanced, o.Flags));
        Assert.Equal([2, 2, 2], outcomes[1..4].Select(o => o.Position!.Value));
    }

    [Fact]
    public void Assign_TheLeastShareOfLagging_TakesTheLastAndTheirTiesWhole()
    {
        // Ten organizations all above the 后进 line; at least 20% = 2 are 后进: the last (71) and the two tied at 72.
        decimal[] scores = [98, 95, 93, 90, 85, 80, 75, 72, 72, 71];
        var rules = new GradingRules { AdvancedMaxShare = null, LaggingMinShare = 0.2m, ExemplaryShare = null };

        var outcomes = G.Assign(rules, [.. scores.Select(s => Year(s, s, s))], new bool[10]);

        Assert.Equal(3, outcomes.Count(o => o.Grade == OrganizationGrade.Lagging));
        Assert.All(outcomes[7..], o => Assert.Equal(GradeFlags.FilledIntoLagging, o.Flags));
        Assert.Equal(OrganizationGrade.Average, outcomes[6].Grade);
    }

    [Fact]
    public void Assign_Exemplary_IsTheBestOfTheAdvanced_ATieAtTheCapLeftOut()
    {
        // Twenty organizations, 示范 5% = 1, but the best two are tied: neither is marked; 10% = 2 marks both.
        decimal[] scores = [99, 99, .. Enumerable.Range(0, 18).Select(i => 97m - i)];

        var five = G.Assign(new GradingRules { ExemplaryShare = 0.05m }, [.. scores.Select(s => Year(s, s, s))], new bool[20]);
        var ten = G.Assign(new GradingRules { ExemplaryShare = 0.1m }, [.. scores.Select(s => Year(s, s, s))], new bool[20]);

        Assert.DoesNotContain(five, o => o.Exemplary);
        Assert.Equal(2, ten.Count(o => o.Exemplary));
        Assert.True(ten[0].Exemplary && ten[1].Exemplary);
    }

    [Fact]
    public void Assign_Seed004District_Gives207Advanced415Average69Lagging()
    {
        // Seed 004: 691 organizations graded 207 先进 (30%), 415 一般 (60%), 69 后进 (10%). With every score distinct,
        // the quotas alone make the distribution: 30% of 691 is 207.3 → 207, 10% is 69.1 → 69, 示范 5% is 34.55 → 35.
        var rules = new GradingRules { AdvancedThreshold = 50, AverageThreshold = 10 };
        var inputs = Enumerable.Range(0, 691).Select(i => Year(20 + i * 0.1m, 20 + i * 0.1m, 20 + i * 0.1m)).ToList();

        var outcomes = G.Assign(rules, inputs, new bool[691]);

        Assert.Equal(207, outcomes.Count(o => o.Grade == OrganizationGrade.Advanced));
        Assert.Equal(415, outcomes.Count(o => o.Grade == OrganizationGrade.Average));
        Assert.Equal(69, outcomes.Count(o => o.Grade == OrganizationGrade.Lagging));
        Assert.Equal(35, outcomes.Count(o => o.Exemplary));
    }

    [Fact]
    public void Rules_RefuseOverlappingQuotas_AndThresholdsOutOfOrder()
    {
        var errors = new GradingRules { AdvancedMaxShare = 0.6m, LaggingMinShare = 0.5m, AdvancedThreshold = 60, AverageThreshold = 70 }.ValidateFields();

        Assert.Contains(errors, e => e.Field == "laggingMinShare");
        Assert.Contains(errors, e => e.Field == "advancedThreshold");
        Assert.Empty(new GradingRules().ValidateFields());
    }

    private static readonly Gen<GradingInput[]> Inputs =
        Gen.Select(Gen.Enum<GradingInputKind>(), Gen.Int[0, 13], Gen.Int[0, 20].Select(x => x * 5m)).Select((k, p, s) => new GradingInput(k, p, s)).Array[0, 20];

    private static readonly Gen<GradingRules> Rules =
        Gen.Select(Gen.Int[0, 40], Gen.Int[0, 20], Gen.Int[0, 3], Gen.Int[1, 12]).Select((advanced, lagging, exemplary, months) => new GradingRules
        {
            AdvancedMaxShare = advanced == 0 ? null : advanced / 100m,
            LaggingMinShare = lagging == 0 ? null : lagging / 100m,
            ExemplaryShare = exemplary == 0 ? null : Math.Min(exemplary * 5, Math.Max(advanced, 5)) / 100m,
            MinimumMonths = months,
            MinimumQuarters = 1,
        });

    [Fact]
    public void Assign_Properties_QuotasHold_TiesShareAGrade_AHigherScoreIsNeverGradedLower() =>
        Gen.Select(Rules, Inputs.Array[1, 60], Gen.Bool.Array[60]).Sample((rules, inputs, vetoes) =>
        {
            var outcomes = G.Assign(rules, inputs, vetoes[..inputs.Length]);
            var graded = outcomes.Where(o => o.Composite is not null).ToArray();

            Assert.All(outcomes.Where(o => o.Composite is null), o => Assert.Null(o.Grade));
            if (rules.AdvancedMaxShare is { } a)
            {
                Assert.True(graded.Count(o => o.Grade == OrganizationGrade.Advanced) <= GradingRules.Count(a, graded.Length));
            }
            if (rules.LaggingMinShare is { } l)
            {
                Assert.True(graded.Count(o => o.Grade == OrganizationGrade.Lagging) >= GradingRules.Count(l, graded.Length));
            }
            if (rules.ExemplaryShare is { } e)
            {
                Assert.True(graded.Count(o => o.Exemplary) <= GradingRules.Count(e, graded.Length));
            }
            Assert.All(graded.Where(o => o.Exemplary), o => Assert.Equal(OrganizationGrade.Advanced, o.Grade));
            var unvetoed = graded.Where(o => !o.Flags.HasFlag(GradeFlags.Vetoed)).ToArray();
            foreach (var x in unvetoed)
            {
                foreach (var y in unvetoed)
                {
                    if (x.Composite == y.Composite)
                    {
                        Assert.Equal(x.Grade, y.Grade);
                        Assert.Equal(x.Position, y.Position);
                    }
                    else if (x.Composite > y.Composite)
                    {
                        Assert.True(x.Grade <= y.Grade, $"{x.Composite} graded {x.Grade}, {y.Composite} graded {y.Grade}");
                        Assert.True(x.Position < y.Position);
                    }
                }
            }
        });
}
