using Pingyi.Core.Evaluation;

namespace Pingyi.Core.Grading;

/// <summary>Why a grade is not the one of the score alone.</summary>
[Flags]
public enum GradeFlags
{
    None = 0,

    /// <summary>A veto condition (一票否决) made it 后进.</summary>
    Vetoed = 1,

    /// <summary>The cap on 先进 moved it to 一般.</summary>
    CappedFromAdvanced = 2,

    /// <summary>The least share of 后进 moved it to 后进.</summary>
    FilledIntoLagging = 4,
}

/// <summary>One input kind's part of a composite: the mean of its inputs, how many counted, and its share of the weight.</summary>
public sealed record GradingPart(GradingInputKind Kind, int Count, int Expected, decimal? Mean, decimal Weight, bool Counted);

/// <summary>An organization's year: the composite out of 100 (null when no input counts), the grade, the rank position and why.</summary>
public sealed record GradingOutcome(decimal? Composite, OrganizationGrade? Grade, OrganizationGrade? ScoreGrade, int? Position, bool Exemplary,
    GradeFlags Flags, IReadOnlyList<GradingPart> Parts);

/// <summary>
/// Grading of organizations (分类定级), pure: each organization's composite from its inputs, then grades by thresholds,
/// vetoes, the cap on 先进, the least share of 后进 and the 示范 mark — ties ordered and positioned as in meetings
/// (<see cref="Ranking"/>): a tie never straddles a grade boundary set by a quota.
/// </summary>
public static class Grading
{
    /// <summary>
    /// The composite of one organization's inputs: each kind's mean (inputs outside the year's periods are ignored; a
    /// kind with fewer than its minimum is missing), weighted by the kinds that count — a missing kind's weight is
    /// shared out among the others. Rounded to two places.
    /// </summary>
    public static (decimal? Composite, IReadOnlyList<GradingPart> Parts) Composite(GradingRules rules, ReadOnlySpan<GradingInput> inputs)
    {
        Span<decimal> sums = stackalloc decimal[3];
        Span<int> counts = stackalloc int[3];
        Span<int> seen = stackalloc int[3];
        foreach (var input in inputs)
        {
            var k = (int)input.Kind;
            if (k is < 0 or > 2 || input.Period < 1 || input.Period > GradingRules.Periods(input.Kind))
            {
                continue;
            }
            // One input per period: a bit per period (at most 12) keeps a repeated period from counting twice.
            var bit = 1 << input.Period;
            if ((seen[k] & bit) != 0)
            {
                continue;
            }
            seen[k] |= bit;
            sums[k] += input.Score;
            counts[k]++;
        }
        var parts = new GradingPart[3];
        decimal weighted = 0, weights = 0;
        for (var k = 0; k < 3; k++)
        {
            var kind = (GradingInputKind)k;
            var mean = counts[k] == 0 ? (decimal?)null : sums[k] / counts[k];
            var weight = rules.Weight(kind);
            var counted = counts[k] >= rules.Minimum(kind) && weight > 0;
            parts[k] = new(kind, counts[k], GradingRules.Periods(kind), mean is { } m ? decimal.Round(m, 2, MidpointRounding.AwayFromZero) : null, weight, counted);
            if (counted)
            {
                weighted += weight * mean!.Value;
                weights += weight;
            }
        }
        return (weights == 0 ? null : decimal.Round(weighted / weights, 2, MidpointRounding.AwayFromZero), parts);
    }

    /// <summary>The grade of a composite by the thresholds alone.</summary>
    public static OrganizationGrade ByScore(GradingRules rules, decimal composite) =>
        composite >= rules.AdvancedThreshold ? OrganizationGrade.Advanced
        : composite >= rules.AverageThreshold ? OrganizationGrade.Average
        : OrganizationGrade.Lagging;

    /// <summary>
    /// Grades the organizations of one year together (the quotas are shares of those with a composite). <paramref name="inputs"/>[i]
    /// are organization i's inputs; <paramref name="vetoed"/>[i] whether a veto condition holds for it.
    /// </summary>
    public static GradingOutcome[] Assign(GradingRules rules, IReadOnlyList<GradingInput[]> inputs, IReadOnlyList<bool> vetoed)
    {
        var n = inputs.Count;
        var composites = new decimal?[n];
        var parts = new IReadOnlyList<GradingPart>[n];
        for (var i = 0; i < n; i++)
        {
            (composites[i], parts[i]) = Composite(rules, inputs[i]);
        }
        var order = Ranking.Order(composites);
        var positions = Ranking.Positions(composites, order);
        var graded = order.Length;
        var grades = new OrganizationGrade?[n];
        var scoreGrades = new OrganizationGrade?[n];
        var position = new int?[n];
        var flags = new GradeFlags[n];
        for (var i = 0; i < graded; i++)
        {
            var r = order[i];
            position[r] = positions[i];
            scoreGrades[r] = grades[r] = ByScore(rules, composites[r]!.Value);
            if (vetoed[r])
            {
                grades[r] = OrganizationGrade.Lagging;
                flags[r] |= GradeFlags.Vetoed;
            }
        }

        // At most the share is 先进: from the best down, an organization stays while no more than the cap are at or above its
        // position, so a tie straddling the cap moves to 一般 whole (as the quotas of meetings).
        if (rules.AdvancedMaxShare is { } advancedShare)
        {
            var allowed = GradingRules.Count(advancedShare, graded);
            var members = Members(order, grades, OrganizationGrade.Advanced);
            for (var m = 0; m < members.Length; m++)
            {
                if (TieEnd(members, position, m) > allowed)
                {
                    grades[members[m]] = OrganizationGrade.Average;
                    flags[members[m]] |= GradeFlags.CappedFromAdvanced;
                }
            }
        }

        // At least the share is 后进: from the last up, organizations become 后进 until the share is reached; a tie
        // straddling that line becomes 后进 whole (at least means the line never splits equals).
        if (rules.LaggingMinShare is { } laggingShare)
        {
            var need = GradingRules.Count(laggingShare, graded) - order.Count(r => grades[r] == OrganizationGrade.Lagging);
            int[] members = [.. order.Where(r => grades[r] != OrganizationGrade.Lagging).Reverse()];
            for (var m = 0; m < members.Length; m++)
            {
                // The first of its tie in this worst-first list decides for the whole tie.
                var first = m;
                while (first > 0 && position[members[first - 1]] == position[members[m]])
                {
                    first--;
                }
                if (first >= need)
                {
                    break;
                }
                grades[members[m]] = OrganizationGrade.Lagging;
                flags[members[m]] |= GradeFlags.FilledIntoLagging;
            }
        }

        // 示范: the best of the 先进, at most the share of the graded, a tie straddling the cap left out whole.
        var exemplary = new bool[n];
        if (rules.ExemplaryShare is { } exemplaryShare)
        {
            var allowed = GradingRules.Count(exemplaryShare, graded);
            var members = Members(order, grades, OrganizationGrade.Advanced);
            for (var m = 0; m < members.Length && TieEnd(members, position, m) <= allowed; m++)
            {
                exemplary[members[m]] = true;
            }
        }

        var outcomes = new GradingOutcome[n];
        for (var r = 0; r < n; r++)
        {
            outcomes[r] = new(composites[r], grades[r], scoreGrades[r], position[r], exemplary[r], flags[r], parts[r]);
        }
        return outcomes;
    }

    /// <summary>The organizations of a grade, best first.</summary>
    private static int[] Members(int[] order, OrganizationGrade?[] grades, OrganizationGrade grade) => [.. order.Where(r => grades[r] == grade)];

    /// <summary>How many of <paramref name="members"/> are at or above the position of members[m] (its tie included).</summary>
    private static int TieEnd(int[] members, int?[] position, int m)
    {
        var end = m + 1;
        while (end < members.Length && position[members[end]] == position[members[m]])
        {
            end++;
        }
        return end;
    }
}
