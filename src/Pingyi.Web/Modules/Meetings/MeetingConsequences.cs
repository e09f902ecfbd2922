using Pingyi.Core.Evaluation;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// Who gets consequences under the scheme (seed 002: "对排名靠后的党组织负责人进行约谈，并下发整改通知书"): every
/// reporter graded 较差 (a veto makes 较差) and the ones in the last <see cref="SchemeRules.TalkBottomCount"/>
/// positions, when there is more than one positioned reporter. They get a talk and a rectification notice; the others
/// with opinions get an opinion feedback sheet.
/// </summary>
public static class MeetingConsequences
{
    /// <summary>Days from a rectification notice to the rectification plan it asks for (the notice says so; the ledger tracks it).</summary>
    public const int PlanDays = 30;

    /// <summary>The ledger category of the item that tracks a notice.</summary>
    public const string NoticeCategory = "述职评议整改";

    /// <summary>The reason of the consequences per reporter id, for the reporters who get them.</summary>
    public static IReadOnlyDictionary<long, string> Reasons(IReadOnlyList<ReporterOutcome> reporters, int talkBottomCount)
    {
        var positioned = reporters.Where(r => r.Position is not null).ToList();
        var lastPositions = positioned.Select(r => r.Position!.Value).Distinct().OrderDescending().Take(talkBottomCount).ToHashSet();
        var reasons = new Dictionary<long, string>();
        foreach (var r in reporters)
        {
            var why = new List<string>();
            if (r.Grade == Grade.Poor)
            {
                why.Add(r.VetoReason is null ? "评议等次为较差" : $"一票否决：{r.VetoReason}");
            }
            if (r.Position is { } p && lastPositions.Contains(p) && positioned.Count > 1)
            {
                why.Add($"位次居末（第 {p} 位）");
            }
            if (why.Count > 0)
            {
                reasons[r.ReporterId] = string.Join("；", why);
            }
        }
        return reasons;
    }
}
