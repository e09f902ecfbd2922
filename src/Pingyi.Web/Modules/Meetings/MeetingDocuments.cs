using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>The meeting's files: results workbook, the Word report of the meeting and rectification notices.</summary>
public static class MeetingDocuments
{
    private const string TitleFont = OfficialDocument.TitleFont;
    private const string BodyFont = OfficialDocument.BodyFont;

    public static byte[] ResultsWorkbook(MeetingOutcome outcome)
    {
        var output = new MemoryStream();
        var groupNames = outcome.Reporters.FirstOrDefault()?.Groups.Select(g => g.Name).ToList() ?? [];
        var headers = new List<string> { "序号", "述职人", "单位", "综合得分", "综合得分（精确值）", "等次", "位次" };
        headers.AddRange(groupNames.Select(n => n + "得分"));
        headers.Add("说明");
        using (var writer = new TableWriter(output, TableFormat.Xlsx, "评议结果", headers))
        {
            foreach (var r in outcome.Reporters)
            {
                var row = new List<string?> { Number(r.Order), r.Name, r.Organization, r.CompositeDisplay, r.Composite?.ToString(CultureInfo.InvariantCulture),
                    r.Grade is { } g ? GradeText.Chinese(g) : null, r.Position is { } p ? Number(p) : null };
                row.AddRange(r.Groups.Select(x => x.ScoreDisplay ?? (x.Flags.Contains("belowMinimum") ? "票数不足" : x.Ballots < MeetingResults.SmallestShownGroup ? "不公开" : null)));
                row.Add(Explain(r));
                writer.WriteRow(row);
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

    /// <summary>The report of the meeting in the customary layout: title, date, participants, results table.</summary>
    public static byte[] Report(MeetingOutcome outcome, string host, string? location)
    {
        using var output = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var body = OfficialDocument.Start(doc);
            body.Append(OfficialDocument.Paragraph($"{outcome.Title}结果报告", TitleFont, 36, bold: true, center: true));
            body.Append(OfficialDocument.Paragraph($"（{outcome.Cycle} · {GradeText.Direction(outcome.Direction)}）", BodyFont, 28, center: true));
            body.Append(OfficialDocument.Paragraph($"主办单位：{host}", BodyFont, 28));
            body.Append(OfficialDocument.Paragraph($"会议日期：{ChinaTime.Date(outcome.HeldOn)}" + (location is null ? "" : $"　地点：{location}"), BodyFont, 28));
            body.Append(OfficialDocument.Paragraph("参会评议人员：" + string.Join("；", outcome.Attendance.Select(a => $"{a.Name}应到 {a.Expected} 人、实到 {a.Present} 人")), BodyFont, 28));
            body.Append(OfficialDocument.Paragraph($"述职人：{outcome.Reporters.Count} 名。按评议方案，各评议组去掉最高分和最低分后取平均分，按权重合成综合得分，并确定等次和位次。", BodyFont, 28));
            body.Append(OfficialDocument.Paragraph("一、评议结果", TitleFont, 30, bold: true));
            var rows = new List<string[]> { new[] { "位次", "述职人", "单位", "综合得分", "等次", "说明" } };
            rows.AddRange(outcome.Reporters.OrderBy(r => r.Position ?? int.MaxValue).ThenBy(r => r.Order).Select(r => new[]
            {
                r.Position is { } p ? Number(p) : "—", r.Name, r.Organization, r.CompositeDisplay ?? "—", r.Grade is { } g ? GradeText.Chinese(g) : "—", Explain(r),
            }));
            body.Append(OfficialDocument.Table(rows, [900, 1300, 2600, 1200, 900, 2500], leftColumn: 5));
            var counts = Enum.GetValues<Grade>().Select(g => $"{GradeText.Chinese(g)} {outcome.Reporters.Count(r => r.Grade == g)} 名");
            body.Append(OfficialDocument.Paragraph("二、等次分布：" + string.Join("，", counts) + "。", BodyFont, 28));
            body.Append(OfficialDocument.Paragraph(outcome.Published && outcome.PublishedAt is { } at
                ? $"本结果于 {ChinaTime.DateTimeText(at)} 发布。"
                : "本结果尚未发布，仅供审核。", BodyFont, 28));
            OfficialDocument.Finish(doc, body);
        }
        return output.ToArray();
    }

    /// <summary>A rectification notice (整改通知书) for one reporter, with the opinions raised about them.</summary>
    public static byte[] Notice(MeetingOutcome outcome, ReporterOutcome reporter, string host, IReadOnlyList<(string Category, string Text)> opinions, DateOnly issuedOn)
    {
        using var output = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var body = OfficialDocument.Start(doc);
            body.Append(OfficialDocument.Paragraph("整改通知书", TitleFont, 44, bold: true, center: true));
            body.Append(OfficialDocument.Paragraph($"{reporter.Organization}　{reporter.Name}同志：", BodyFont, 32));
            var standing = reporter.Grade is { } g
                ? $"综合得分 {reporter.CompositeDisplay} 分，评议等次为“{GradeText.Chinese(g)}”，位次为第 {reporter.Position} 位"
                : "未形成有效评议结果";
            body.Append(OfficialDocument.Paragraph($"　　在{outcome.Cycle}{outcome.Title}中，你{standing}。" +
                (reporter.VetoReason is null ? "" : $"因“{reporter.VetoReason}”，实行一票否决。"), BodyFont, 32));
            body.Append(OfficialDocument.Paragraph("　　根据述职评议有关规定，现将评议中反映的问题和意见建议通知如下，请认真研究，制定整改措施，明确责任人和整改时限，" +
                "于收到本通知之日起 30 日内将整改方案报送" + host + "，并在年终述职评议时作专题汇报。", BodyFont, 32));
            if (opinions.Count == 0)
            {
                body.Append(OfficialDocument.Paragraph("　　评议中未收到针对你的意见建议。", BodyFont, 32));
            }
            var n = 0;
            foreach (var group in opinions.GroupBy(o => o.Category))
            {
                body.Append(OfficialDocument.Paragraph($"　　{OfficialDocument.ChineseNumber(++n)}、{group.Key}（{group.Count()} 条）", TitleFont, 32));
                var i = 0;
                foreach (var o in group)
                {
                    body.Append(OfficialDocument.Paragraph($"　　{++i}. {o.Text}", BodyFont, 32));
                }
            }
            body.Append(OfficialDocument.Paragraph(host, BodyFont, 32, right: true));
            body.Append(OfficialDocument.Paragraph(ChinaTime.Date(issuedOn), BodyFont, 32, right: true));
            OfficialDocument.Finish(doc, body);
        }
        return output.ToArray();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
