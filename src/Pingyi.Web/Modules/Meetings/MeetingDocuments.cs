using System.Globalization;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Documents;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>The meeting's files: results workbook, the Word report of the meeting and rectification notices.</summary>
public static class MeetingDocuments
{
    public static byte[] ResultsWorkbook(MeetingOutcome outcome)
    {
        var output = new MemoryStream();
        var groupNames = outcome.Reporters.FirstOrDefault()?.Groups.Select(g => g.Name).ToList() ?? [];
        var headers = new List<string> { "序号", "述职人", "单位", "综合得分", "综合得分（精确值）", "等次", "位次" };
        headers.AddRange(groupNames.Select(n => n + "得分"));
        headers.Add("说明");
        double[] widths = [6, 10, 26, 10, 34, 8, 6, .. groupNames.Select(_ => 14.0), 40];
        // 序号, 综合得分, 位次 and the groups' scores are numbers a clerk can sum and sort; the exact value stays text (all its digits).
        HashSet<int> numeric = [0, 3, 6, .. Enumerable.Range(7, groupNames.Count)];
        using (var writer = new TableWriter(output, TableFormat.Xlsx, "评议结果", headers, widths,
            $"{outcome.Title}评议结果" + (outcome.Published ? "" : "（未发布）")))
        {
            foreach (var r in outcome.Reporters)
            {
                var row = new List<string?> { Number(r.Order), r.Name, r.Organization, r.CompositeDisplay, r.Composite?.ToString(CultureInfo.InvariantCulture),
                    r.Grade is { } g ? GradeText.Chinese(g) : null, r.Position is { } p ? Number(p) : null };
                row.AddRange(r.Groups.Select(x => x.ScoreDisplay ?? (x.Flags.Contains("belowMinimum") ? "票数不足" : x.Ballots < MeetingResults.SmallestShownGroup ? "不公开" : null)));
                row.Add(Explain(r));
                writer.WriteRow(row, numeric);
            }
        }
        return output.ToArray();
    }

    public static string Explain(ReporterOutcome r)
    {
        var notes = new List<string>();
        if (r.VetoReason is not null)
        {
            notes.Add("一票否决：" + r.VetoReason);
        }
        foreach (var g in r.Groups.Where(g => g.Flags.Contains("belowMinimum")))
        {
            notes.Add($"{g.Name}有效票 {g.Ballots} 张，不足最低票数，权重按比例分给其他评议组");
        }
        if (r.Flags.Contains("movedDownByQuota"))
        {
            notes.Add("受等次比例限制下调一个等次");
        }
        if (r.Flags.Contains("noResult"))
        {
            notes.Add("各评议组有效票均不足，无结果");
        }
        return string.Join("；", notes);
    }

    /// <summary>
    /// The report of the meeting (结果通报): who attended per group, every reporter's per-group and composite scores,
    /// grade and position, the grade distribution and the opinions by category. It says the highest and lowest ballots
    /// were dropped only for the groups where they were.
    /// </summary>
    public static byte[] Report(MeetingOutcome outcome, DocumentIssue issue, string? location, IReadOnlyList<(string Category, int Count)> opinions)
    {
        var title = outcome.Published ? $"关于{outcome.Title}结果的通报" : $"{outcome.Title}结果（审核稿）";
        return OfficialDocument.Create(new OfficialHead(issue.Issuer, issue.Number, title), issue.IssuedOn, body =>
        {
            body.Text($"{ChinaTime.ChineseDate(outcome.HeldOn)}，{issue.Issuer}召开{outcome.Title}（{GradeText.Direction(outcome.Direction)}）"
                + (location is null ? "。" : $"，地点{location}。") + $"{outcome.Reporters.Count} 名述职人逐一述职，参会人员现场测评。现将结果通报如下。");
            body.Heading("一、参会评议情况");
            body.Text(string.Join("；", outcome.Attendance.Select(a => $"{a.Name}应到 {a.Expected} 人、实到 {a.Present} 人")) + "。");
            var trimmed = outcome.Attendance.Select(a => a.Name).Where(name => outcome.Reporters.Any(r => r.Groups.Any(g => g.Name == name && g.Trimmed > 0))).ToList();
            var method = trimmed.Count == 0 ? "各评议组取有效票的平均分"
                : trimmed.Count == outcome.Attendance.Count ? $"{string.Join("、", trimmed)}去掉一个最高分和一个最低分后取平均分"
                : $"{string.Join("、", trimmed)}去掉一个最高分和一个最低分后取平均分，其余评议组取有效票的平均分";
            body.Text($"按评议方案，{method}，按权重合成综合得分，并确定等次和位次。");
            body.Heading("二、评议结果");
            var groupNames = outcome.Attendance.Select(a => a.Name).ToList();
            var header = new List<string> { "位次", "述职人", "单位" };
            header.AddRange(groupNames);
            header.AddRange(["综合得分", "等次"]);
            var rows = new List<string[]> { header.ToArray() };
            rows.AddRange(outcome.Reporters.OrderBy(r => r.Position ?? int.MaxValue).ThenBy(r => r.Order).Select(r =>
            {
                var row = new List<string> { r.Position is { } p ? Number(p) : "—", r.Name, r.Organization };
                row.AddRange(groupNames.Select(n => r.Groups.FirstOrDefault(g => g.Name == n) is { } g ? GroupScore(g) : "—"));
                row.AddRange([r.CompositeDisplay ?? "—", r.Grade is { } grade ? GradeText.Chinese(grade) : "—"]);
                return row.ToArray();
            }));
            int[] weights = [5, 6, 10, .. groupNames.Select(_ => 6), 6, 5];
            body.Table(rows, weights, leftColumn: 2);
            // The same note for several reporters is said once, with their names.
            foreach (var note in outcome.Reporters.Where(r => Explain(r).Length > 0).GroupBy(Explain))
            {
                body.Text($"{string.Join("、", note.Select(r => r.Name))}：{note.Key}。");
            }
            var counts = Enum.GetValues<Grade>().Select(g => $"{GradeText.Chinese(g)} {outcome.Reporters.Count(r => r.Grade == g)} 名");
            body.Heading("三、等次分布");
            body.Text(string.Join("，", counts) + "。");
            body.Heading("四、意见建议");
            body.Text(opinions.Count == 0 ? "本次评议未收到意见建议。"
                : $"评议人员共提出意见建议 {opinions.Sum(o => o.Count)} 条：" + string.Join("，", opinions.Select(o => $"{o.Category} {o.Count} 条")) + "，已列入整改台账（相同意见合并为一项）。");
            body.Text(outcome.Published && outcome.PublishedAt is { } at
                ? $"本结果于{ChinaTime.ChineseDate(DateOnly.FromDateTime(ChinaTime.ToChina(at)))}发布。"
                : "本结果尚未发布，仅供审核。");
        });
    }

    /// <summary>
    /// A rectification notice (整改通知书) to a reporter who gets consequences under the scheme — graded 较差 or
    /// positioned last (<paramref name="reason"/>, the talk's reason) — with the opinions raised about them.
    /// </summary>
    public static byte[] Notice(MeetingOutcome outcome, ReporterOutcome reporter, string reason, DocumentIssue issue, IReadOnlyList<(string Category, string Text)> opinions)
    {
        var head = new OfficialHead(issue.Issuer, issue.Number, "整改通知书", $"{reporter.Organization}{reporter.Name}同志：");
        return OfficialDocument.Create(head, issue.IssuedOn, body =>
        {
            body.Text($"在{outcome.Title}中，你{Standing(outcome, reporter)}。因{reason.Replace("；", "，且", StringComparison.Ordinal)}，根据评议方案，现对你下发整改通知书。");
            if (opinions.Count == 0)
            {
                body.Text("评议中未收到针对你的意见建议。请对照评议结果认真查摆问题，剖析原因。");
            }
            else
            {
                body.Text($"评议中针对你提出的意见建议共 {opinions.Count} 条，现通知如下：");
                WriteOpinions(body, opinions);
            }
            body.Text($"请认真研究，制定整改措施，明确责任人和整改时限，于收到本通知之日起 {MeetingConsequences.PlanDays} 日内将整改方案报送{issue.Issuer}，并在下一次述职评议时作专题汇报。");
        });
    }

    /// <summary>An opinion feedback sheet (意见反馈单) to a reporter without consequences but with opinions raised about them.</summary>
    public static byte[] Feedback(MeetingOutcome outcome, ReporterOutcome reporter, DocumentIssue issue, IReadOnlyList<(string Category, string Text)> opinions)
    {
        var head = new OfficialHead(issue.Issuer, issue.Number, "意见反馈单", $"{reporter.Organization}{reporter.Name}同志：");
        return OfficialDocument.Create(head, issue.IssuedOn, body =>
        {
            body.Text($"在{outcome.Title}中，你{Standing(outcome, reporter)}。评议中针对你提出的意见建议共 {opinions.Count} 条，现反馈如下：");
            WriteOpinions(body, opinions);
            body.Text("以上意见建议已列入整改台账，请逐条研究整改，按期销号。");
        });
    }

    private static void WriteOpinions(OfficialBody body, IReadOnlyList<(string Category, string Text)> opinions)
    {
        var n = 0;
        foreach (var group in opinions.GroupBy(o => o.Category))
        {
            body.Heading($"{OfficialDocument.ChineseNumber(++n)}、{group.Key}（{group.Count()} 条）");
            var i = 0;
            foreach (var same in group.GroupBy(o => o.Text.Trim()))
            {
                body.Text($"{++i}. {same.Key}" + (same.Count() > 1 ? $"（{same.Count()} 人提出）" : ""));
            }
        }
    }

    private static string Standing(MeetingOutcome outcome, ReporterOutcome reporter) => reporter.Grade is { } g
        ? $"综合得分 {reporter.CompositeDisplay} 分，评议等次为“{GradeText.Chinese(g)}”，位次为第 {reporter.Position} 位（共 {outcome.Reporters.Count(r => r.Position is not null)} 名）"
            + (reporter.VetoReason is null ? "" : $"，因“{reporter.VetoReason}”实行一票否决")
        : "未形成有效评议结果";

    /// <summary>A group's score in the report's table: 不足 (fewer valid ballots than the scheme's minimum, said below the table) fits a narrow cell.</summary>
    private static string GroupScore(GroupExplanation g) =>
        g.ScoreDisplay ?? (g.Flags.Contains("belowMinimum") ? "不足" : g.Ballots < MeetingResults.SmallestShownGroup ? "不公开" : "—");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
