using Pingyi.Core.Grading;

namespace Pingyi.Core.Awards;

/// <summary>The eligibility conditions an award type asks of its nominees (评选条件); each can be set or not per award.</summary>
[Flags]
public enum EligibilityRules
{
    None = 0,
    /// <summary>No “较差” in any published evaluation of the year (述职评议, 三评 …).</summary>
    NoPoorGrade = 1,
    /// <summary>No veto (一票否决) standing against the nominee in the year.</summary>
    NoVeto = 2,
    /// <summary>Graded 先进 in the year (a person: their organization), or a commitment of three stars or more in the year.</summary>
    AdvancedOrStars = 4,
}

/// <summary>An evaluation of the year in which the nominee was graded “较差”.</summary>
public sealed record PoorEvaluation(string Meeting, DateOnly HeldOn);

/// <summary>
/// What the record says about a nominee for the award's year: the evaluations graded “较差”, the vetoes standing, the
/// grade of the year (of the organization, or of a person's organization; null when the year is not graded), the most
/// stars of a commitment of the year (null when none was evaluated).
/// </summary>
public sealed record EligibilityFacts(IReadOnlyList<PoorEvaluation> PoorEvaluations, IReadOnlyList<string> Vetoes, OrganizationGrade? Grade, int? Stars);

/// <summary>The eligibility check of a nomination: every condition the nominee fails, as a sentence in Chinese.</summary>
public static class AwardEligibility
{
    /// <summary>Three stars or more marks a priority for commendations (seed 004).</summary>
    public const int PriorityStars = 3;

    public static IReadOnlyList<string> Refusals(EligibilityRules rules, int year, EligibilityFacts facts)
    {
        var refusals = new List<string>();
        if (rules.HasFlag(EligibilityRules.NoPoorGrade) && facts.PoorEvaluations.Count > 0)
        {
            refusals.Add($"{year} 年度评议中被评为“较差”（{string.Join("、", facts.PoorEvaluations.Select(p => $"{p.Meeting}，{p.HeldOn.Year}年{p.HeldOn.Month}月{p.HeldOn.Day}日"))}）");
        }
        if (rules.HasFlag(EligibilityRules.NoVeto) && facts.Vetoes.Count > 0)
        {
            refusals.Add($"{year} 年度有一票否决事项：{string.Join("；", facts.Vetoes)}");
        }
        if (rules.HasFlag(EligibilityRules.AdvancedOrStars) && facts.Grade != OrganizationGrade.Advanced && (facts.Stars ?? 0) < PriorityStars)
        {
            var grade = facts.Grade switch
            {
                null => "尚未定级",
                OrganizationGrade.Average => "定为“一般”",
                _ => "定为“后进”",
            };
            var stars = facts.Stars is { } s ? $"承诺评为{s}星" : "承诺未经三评评星";
            refusals.Add($"{year} 年度既未定为“先进”（{grade}），承诺也未达三星（{stars}）");
        }
        return refusals;
    }

    public static IEnumerable<string> Describe(EligibilityRules rules)
    {
        if (rules.HasFlag(EligibilityRules.NoPoorGrade))
        {
            yield return "当年评议无“较差”";
        }
        if (rules.HasFlag(EligibilityRules.NoVeto))
        {
            yield return "当年无一票否决";
        }
        if (rules.HasFlag(EligibilityRules.AdvancedOrStars))
        {
            yield return "当年定级“先进”或承诺三星以上";
        }
    }
}
