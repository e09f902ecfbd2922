using System.Globalization;
using System.Text;
using System.Text.Json;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// The anonymized ballots as one table (CSV or Excel) that is complete on its own: a 会议 row carrying the
/// meeting and its rules, one 述职人 row per reporter with the published result, one 投票 row per ballot.
/// A spreadsheet user filters by 类型; <c>pingyi recount</c> reads it back into a <see cref="BallotExport"/>.
/// </summary>
public static class BallotTable
{
    public const string MeetingRow = "会议";
    public const string ReporterRow = "述职人";
    public const string BallotRow = "投票";

    private sealed record MeetingData(long MeetingId, string Title, string Cycle, MeetingDirection Direction, DateOnly HeldOn, SchemeRules Rules);

    private sealed record ReporterData(long Id, string? VetoReason, ExportedResult? Published);

    /// <summary>The sheet of an Excel export that a recount reads: the whole table with its data column.</summary>
    public const string RecountSheet = "复核数据";

    /// <summary>
    /// CSV: the one table. Excel: first the ballots as a clerk reads and prints them — group names in Chinese, no data
    /// column, a title — then the whole table for the recount on its own sheet (<see cref="RecountSheet"/>).
    /// </summary>
    public static byte[] Write(BallotExport export, TableFormat format)
    {
        var output = new MemoryStream();
        if (format == TableFormat.Xlsx)
        {
            var groupNames = export.Rules.Groups.ToDictionary(g => g.Key, g => g.Name);
            var readable = new List<string> { "述职人序号", "述职人", "单位", "评议组", "等次" };
            readable.AddRange(export.Rules.Indicators.Select(i => $"{i.Name}（满分{i.MaxPoints.ToString("0.##", CultureInfo.InvariantCulture)}）"));
            readable.Add("回执");
            using (var writer = new TableWriter(output, format, "投票明细", readable, [10, 12, 28, 18, 8, .. export.Rules.Indicators.Select(_ => 14.0), 14],
                $"{export.Title}匿名投票明细"))
            {
                var byId = export.Reporters.ToDictionary(r => r.Id);
                foreach (var b in export.Ballots)
                {
                    var r = byId[b.ReporterId];
                    var row = new List<string?> { Number(r.Order), r.Name, r.Organization, groupNames.GetValueOrDefault(b.Group, b.Group), b.Grade is { } g ? GradeText.Chinese(g) : null };
                    row.AddRange(Enumerable.Range(0, export.Rules.Indicators.Count).Select(i => b.Indicators?[i].ToString(CultureInfo.InvariantCulture)));
                    row.Add(b.Receipt);
                    writer.WriteRow(row);
                }
                WriteRecountTable(export, writer, next: true);
            }
            return output.ToArray();
        }
        using (var csv = new TableWriter(output, format, "投票明细", RecountHeaders(export)))
        {
            WriteRecountTable(export, csv, next: false);
        }
        return output.ToArray();
    }

    private static List<string> RecountHeaders(BallotExport export)
    {
        var headers = new List<string> { "类型", "述职人序号", "述职人", "单位", "评议组", "等次" };
        headers.AddRange(export.Rules.Indicators.Select(i => $"{i.Name}（满分{i.MaxPoints.ToString("0.##", CultureInfo.InvariantCulture)}）"));
        headers.AddRange(["回执", "数据"]);
        return headers;
    }

    /// <summary>The table a recount reads: a 会议 row with the rules, a 述职人 row per reporter, a 投票 row per ballot.</summary>
    private static void WriteRecountTable(BallotExport export, TableWriter writer, bool next)
    {
        if (next)
        {
            writer.NextSheet(RecountSheet, RecountHeaders(export));
        }
        var blanks = export.Rules.Indicators.Count;
        {
            string?[] Row(string type, string? order, string? name, string? organization, string? group, string? grade, IReadOnlyList<decimal>? indicators, string? receipt, string? data)
            {
                var row = new List<string?> { type, order, name, organization, group, grade };
                row.AddRange(Enumerable.Range(0, blanks).Select(i => indicators?[i].ToString(CultureInfo.InvariantCulture)));
                row.AddRange([receipt, data]);
                return [.. row];
            }
            writer.WriteRow(Row(MeetingRow, null, export.Title, export.Cycle, null, null, null, null,
                JsonSerializer.Serialize(new MeetingData(export.MeetingId, export.Title, export.Cycle, export.Direction, export.HeldOn, export.Rules), RulesJson.Options)));
            var published = (export.Published ?? []).ToDictionary(p => p.ReporterId);
            foreach (var r in export.Reporters.OrderBy(r => r.Order))
            {
                writer.WriteRow(Row(ReporterRow, Number(r.Order), r.Name, r.Organization, null, null, null, null,
                    JsonSerializer.Serialize(new ReporterData(r.Id, r.VetoReason, published.GetValueOrDefault(r.Id)), RulesJson.Options)));
            }
            var reporters = export.Reporters.ToDictionary(r => r.Id);
            foreach (var b in export.Ballots)
            {
                var r = reporters[b.ReporterId];
                writer.WriteRow(Row(BallotRow, Number(r.Order), r.Name, null, b.Group, b.Grade is { } g ? GradeText.Chinese(g) : null, b.Indicators, b.Receipt, null));
            }
        }
    }

    /// <summary>Reads a table written by <see cref="Write"/>; a malformed one is refused with the row that is wrong.</summary>
    public static BallotExport Read(Stream file, string fileName)
    {
        using var reader = TableReader.Open(file, fileName, RecountSheet);
        Dictionary<string, int>? map = null;
        MeetingData? meeting = null;
        var reporters = new List<ExportedReporter>();
        var published = new List<ExportedResult>();
        var ballots = new List<(int Row, int Order, string Group, Grade? Grade, IReadOnlyList<decimal>? Indicators, string Receipt)>();
        var grades = Enum.GetValues<Grade>().ToDictionary(GradeText.Chinese);
        foreach (var row in reader.Rows())
        {
            if (map is null)
            {
                map = Columns.MapHeaders(row.Cells);
                if (!map.ContainsKey("类型") || !map.ContainsKey("数据"))
                {
                    throw new InvalidDataException("不是评议投票明细表：第1行应有“类型”和“数据”列");
                }
                continue;
            }
            string? Cell(string column) => map.TryGetValue(column, out var i) && i < row.Cells.Length && !string.IsNullOrWhiteSpace(row.Cells[i]) ? row.Cells[i]!.Trim() : null;
            try
            {
                switch (Cell("类型"))
                {
                    case MeetingRow:
                        meeting = JsonSerializer.Deserialize<MeetingData>(Cell("数据") ?? "null", RulesJson.Options);
                        break;
                    case ReporterRow:
                        var data = JsonSerializer.Deserialize<ReporterData>(Cell("数据") ?? "null", RulesJson.Options) ?? throw new InvalidDataException("缺少数据");
                        reporters.Add(new ExportedReporter(data.Id, int.Parse(Cell("述职人序号")!, CultureInfo.InvariantCulture), Cell("述职人") ?? "", Cell("单位") ?? "", data.VetoReason));
                        if (data.Published is { } p)
                        {
                            published.Add(p);
                        }
                        break;
                    case BallotRow:
                        var indicators = meeting?.Rules.Indicators.Select(i => map.Keys.FirstOrDefault(k => k.StartsWith(i.Name + "（满分", StringComparison.Ordinal)))
                            .Select(k => k is null ? (decimal?)null : Cell(k) is { } v ? decimal.Parse(v, CultureInfo.InvariantCulture) : null).ToList();
                        var grade = Cell("等次");
                        ballots.Add((row.Number, int.Parse(Cell("述职人序号")!, CultureInfo.InvariantCulture), Cell("评议组") ?? "",
                            grade is null ? null : grades.TryGetValue(grade, out var g) ? g : throw new InvalidDataException($"等次“{grade}”无效"),
                            indicators is { Count: > 0 } && indicators.All(x => x is not null) ? indicators.Select(x => x!.Value).ToList() : null, Cell("回执") ?? ""));
                        break;
                    default:
                        throw new InvalidDataException($"类型“{Cell("类型")}”无效");
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentNullException or InvalidDataException)
            {
                throw new InvalidDataException($"第{row.Number}行：{e.Message}", e);
            }
        }
        if (meeting is null)
        {
            throw new InvalidDataException("表中没有“会议”行（评议方案）");
        }
        var byOrder = reporters.ToDictionary(r => r.Order, r => r.Id);
        var anonymous = ballots.Select(b => new AnonymousBallot(byOrder.TryGetValue(b.Order, out var id) ? id : throw new InvalidDataException($"第{b.Row}行：没有序号为{b.Order}的述职人"),
            b.Group, b.Grade, b.Indicators, b.Receipt)).ToList();
        return new BallotExport(meeting.MeetingId, meeting.Title, meeting.Cycle, meeting.Direction, meeting.HeldOn, meeting.Rules, reporters, anonymous,
            published.Count == 0 ? null : published);
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
