using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Tests.Support;
using static Pingyi.Web.Tests.Meetings.MeetingFixture;

namespace Pingyi.Web.Tests.Meetings;

/// <summary>
/// One whole meeting per database — fourteen reporters, twenty-four raters on their phones at once — run once by
/// <see cref="PublishedMeetings"/>; each test checks one step of the journey: intake, the exact results, their
/// consequences, the talks, the receipts, the recount of the export and the documents.
/// </summary>
public sealed class PublishedMeetingTests(PublishedMeetings meetings) : IClassFixture<PublishedMeetings>
{
    private static readonly Core.Calendar.WorkCalendar Calendar = new([Core.Calendar.YearSchedule.Year2026]);

    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task Intake_RefusesABallotBeforeOpening_ASecondOne_AnUnknownCode_AndOneAfterClosing(string provider)
    {
        var m = await meetings.For(provider);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, m.BeforeOpen.Status);
        Assert.Contains("尚未开始", m.BeforeOpen.Body);
        Assert.Equal(HttpStatusCode.Conflict, m.Again.Status);
        Assert.Contains("不能修改", m.Again.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, m.UnknownCode.Status);
        Assert.Equal(HttpStatusCode.Conflict, m.AfterClosing.Status); // that code already scored everyone
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Intake_CountsEveryBallot_OfTwentyFourRatersAtOnce_AndShowsNoResultWhileScoring(string provider)
    {
        var m = await meetings.For(provider);

        Assert.All(m.ConsoleWhileScoring.GetProperty("reporters").EnumerateArray(), r =>
            Assert.All(r.GetProperty("groups").EnumerateArray(), g => Assert.Equal(8, g.GetProperty("ballots").GetInt32())));
        Assert.Equal([8, 8, 8], m.ConsoleWhileScoring.GetProperty("attendance").EnumerateArray().Select(a => a.GetProperty("present").GetInt32()));
        Assert.DoesNotContain("composite", m.ConsoleWhileScoring.GetRawText());
        Assert.Equal(HttpStatusCode.Conflict, m.ResultsWhileScoring);
        Assert.Equal(14 * 24, await m.Room.App.QueryAsync(db => db.Ballots.CountAsync(b => b.MeetingId == m.Room.Id)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Results_AreTheEnginesExactResults_ComputedHereFromThePlan(string provider)
    {
        var m = await meetings.For(provider);
        var reporters = m.Results.GetProperty("reporters").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, m.Publish);
        Assert.Equal(14, reporters.Count);
        for (var i = 0; i < 14; i++)
        {
            Assert.Equal(m.Expected[i].Composite!.Value.ToString(CultureInfo.InvariantCulture), reporters[i].GetProperty("composite").GetString());
            Assert.Equal(m.Expected[i].Position, reporters[i].GetProperty("position").GetInt32());
            Assert.Equal(GradeNames[(int)m.Expected[i].Grade!.Value], reporters[i].GetProperty("grade").GetString());
            Assert.Equal(3, reporters[i].GetProperty("groups").GetArrayLength());
            Assert.Equal(6, reporters[i].GetProperty("groups")[0].GetProperty("ballots").GetInt32() - reporters[i].GetProperty("groups")[0].GetProperty("trimmed").GetInt32());
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Consequences_TalksAndANoticeItemForTheLastAndThePoor_ALedgerItemForEveryOpinion_DueInNinetyDays(string provider)
    {
        var m = await meetings.For(provider);
        var app = m.Room.App;
        var talks = await m.Room.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{m.Room.Id}/talks");
        var opinions = m.Plan.Count(b => b.Opinion);

        Assert.Equal(m.Expected.Count(r => r.Position == m.LastPosition || r.Grade == Grade.Poor), talks.GetArrayLength());
        Assert.True(opinions > 0);
        // One item per distinct opinion about a reporter, saying how many raters raised it.
        var distinct = m.Plan.Where(b => b.Opinion).GroupBy(b => b.Reporter).ToList();
        var items = await app.QueryAsync(db => db.LedgerItems.Where(l => l.MeetingId == m.Room.Id && l.Category == "作风建设").Select(l => l.Description).ToListAsync());
        Assert.Equal(distinct.Count, items.Count);
        Assert.All(distinct.Where(g => g.Count() > 1), g => Assert.Contains($"建议{g.Key}加强调查研究（{g.Count()} 名评议人员提出）", items));
        Assert.All(await app.QueryAsync(db => db.LedgerItems.Where(l => l.MeetingId == m.Room.Id && l.Source == LedgerSource.MeetingOpinion).Select(l => l.Deadline).ToListAsync()),
            d => Assert.InRange(d!.Value, Calendar.PeriodEnd(m.PublishedBetween.From, 90), Calendar.PeriodEnd(m.PublishedBetween.To, 90)));
        // Each rectification notice asks for a plan in 30 days: an item of the ledger for each reporter with consequences.
        var notices = await app.QueryAsync(db => db.LedgerItems.Where(l => l.MeetingId == m.Room.Id && l.Source == LedgerSource.RectificationNotice)
            .Select(l => new { l.ResponsiblePersonName, l.Description, l.Deadline, l.Category }).ToListAsync());
        Assert.Equal(talks.GetArrayLength(), notices.Count);
        Assert.Equal(talks.EnumerateArray().Select(t => t.GetProperty("personName").GetString()).Order(), notices.Select(n => n.ResponsiblePersonName).Order());
        Assert.All(notices, n =>
        {
            Assert.InRange(n.Deadline!.Value, Calendar.PeriodEnd(m.PublishedBetween.From, 30), Calendar.PeriodEnd(m.PublishedBetween.To, 30));
            Assert.Contains("收到整改通知书（", n.Description);
            Assert.Contains("30 日内报送整改方案", n.Description);
        });
        // Ninety days not counting the day of publication, moved to the next working day when they end on a day off.
        Assert.All(await app.QueryAsync(db => db.LedgerItems.Where(l => l.MeetingId == m.Room.Id).Select(l => l.Deadline).ToListAsync()),
            d => Assert.True(Calendar.IsWorkingDay(d!.Value), $"{d} is a day off"));
        Assert.True(await app.QueryAsync(db => db.Notifications.AnyAsync(n => n.Kind == "Assigned")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Talks_AreScheduledInChinaTime_CompletedOnceWithNotes_AndRefusedOutsideScope(string provider)
    {
        var m = await meetings.For(provider);
        var admin = m.Room.Admin;
        var talkId = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{m.Room.Id}/talks"))[0].GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/talks/{talkId}/schedule", new { scheduledAt = "2026-07-15T09:00:00+08:00" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync($"/api/v1/talks/{talkId}/complete", new { notes = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/talks/{talkId}/complete", new { notes = "指出问题三条，明确整改时限" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/talks/{talkId}/complete", new { notes = "再次" })).StatusCode);
        var talk = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{m.Room.Id}/talks"))[0];
        Assert.Equal("Completed", talk.GetProperty("state").GetString());
        Assert.Equal(new DateTime(2026, 7, 15, 1, 0, 0, DateTimeKind.Utc), talk.GetProperty("scheduledAt").GetDateTime().ToUniversalTime());
        var t2 = await m.Room.App.SignInAsync("t2admin");
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync($"/api/v1/talks/{talkId}/schedule", new { scheduledAt = "2026-07-16T09:00:00+08:00" })).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Receipts_EveryRaterFindsTheirsAmongThePublishedOnes(string provider)
    {
        var m = await meetings.For(provider);

        var published = await m.Room.Phone.GetFromJsonAsync<string[]>($"/api/v1/meetings/{m.Room.Id}/receipts");

        Assert.Equal(m.Receipts.Order(StringComparer.Ordinal), published);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheReceiptsPage_ConfirmsACountedBallot_OnAPhoneWithoutAnAccount(string provider)
    {
        var m = await meetings.For(provider);
        var mine = m.Receipts.First();

        var counted = await m.Room.Phone.GetStringAsync($"/Meetings/Receipts/{m.Room.Id}?r={mine.ToLowerInvariant()}");
        var unknown = await m.Room.Phone.GetStringAsync($"/Meetings/Receipts/{m.Room.Id}?r=ZZZZ-0000");

        Assert.Contains($"回执 {mine} 在清单中：您的票已计入。", counted);
        Assert.Contains($"<mark>{mine}</mark>", counted);
        Assert.Contains($"共计入 {m.Receipts.Count} 张选票", counted);
        Assert.All(m.Receipts, r => Assert.Contains(r, counted));
        Assert.Contains("清单中没有回执 ZZZZ0000", unknown);
        Assert.Equal(HttpStatusCode.NotFound, (await m.Room.Phone.GetAsync("/Meetings/Receipts/999999")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Export_RecountsToThePublishedResults_DigitForDigit_AsJsonCsvAndExcel(string provider)
    {
        var m = await meetings.For(provider);
        var admin = m.Room.Admin;

        var export = await admin.GetStringAsync($"/api/v1/meetings/{m.Room.Id}/ballots");
        var lines = Recount.Compare(JsonSerializer.Deserialize<BallotExport>(export, RulesJson.Options)!);
        Assert.All(lines, l => Assert.True(l.Matches, $"{l.Name}: {l.Published} ≠ {l.Recounted}"));
        Assert.Equal(14, lines.Count);
        var csv = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/meetings/{m.Room.Id}/ballots");
        csv.Headers.Add("Accept", "text/csv");
        var csvText = await (await admin.SendAsync(csv)).Content.ReadAsStringAsync();
        // Header, the meeting with its rules, 14 reporters with their published results, 14 × 24 ballots: enough to recount alone.
        Assert.Equal(1 + 1 + 14 + (14 * 24), csvText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var fromCsv = Recount.Compare(BallotTable.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csvText)), "ballots.csv"));
        Assert.Equal(lines.Select(l => (l.Name, l.Published, l.Recounted)), fromCsv.Select(l => (l.Name, l.Published, l.Recounted)));
        Assert.All(fromCsv, l => Assert.True(l.Matches));
        var fromWorkbook = Recount.Compare(BallotTable.Read(new MemoryStream(await admin.GetByteArrayAsync($"/api/v1/meetings/{m.Room.Id}/ballots.xlsx")), "ballots.xlsx"));
        Assert.All(fromWorkbook, l => Assert.True(l.Matches));
        if (provider == "Sqlite")
        {
            await RecountCommandAsync(export);
            await RecountCommandAsync(csvText, "ballots.csv");
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Documents_TheReport_NoticesForExactlyThePoorAndTheLast_FeedbackSheetsForTheOthersWithOpinions_NumberedInOfficialFormat(string provider)
    {
        var m = await meetings.For(provider);
        var admin = m.Room.Admin;
        var title = "2026年上半年乡镇党委书记抓基层党建工作述职评议会";
        var year = m.PublishedBetween.From.Year;
        var reporters = m.Results.GetProperty("reporters").EnumerateArray().ToList();
        var consequences = reporters.Where(r => r.GetProperty("grade").GetString() == "poor" || r.GetProperty("position").GetInt32() == m.LastPosition)
            .Select(r => r.GetProperty("reporterId").GetInt64()).ToHashSet();
        var withOpinions = m.Plan.Where(b => b.Opinion).Select(b => b.Reporter).ToHashSet();
        var feedback = withOpinions.Except(consequences).ToList();
        var neither = reporters.Select(r => r.GetProperty("reporterId").GetInt64()).Except(consequences).Except(withOpinions).ToList();
        Assert.NotEmpty(feedback);
        Assert.NotEmpty(neither);

        var report = OfficialFormat.Check(await admin.GetByteArrayAsync($"/api/v1/meetings/{m.Room.Id}/report.docx"));
        Assert.Equal("中共测试县委员会", report.Issuer);
        Assert.Matches($"^测组通〔{year}〕\\d+号$", report.Number);
        Assert.Equal($"关于{title}结果的通报", report.Title);
        Assert.Contains("书记01", report.Body);
        Assert.Contains("县委常委应到8人、实到8人", report.Body); // numbers set close to Chinese text
        Assert.Contains("县委常委、县直部门负责人、党员群众代表去掉一个最高分和一个最低分后取平均分", report.Body);
        Assert.Contains($"共提出意见建议{m.Plan.Count(b => b.Opinion)}条：作风建设{m.Plan.Count(b => b.Opinion)}条", report.Body);

        var numbers = new List<string> { report.Number };
        foreach (var id in consequences)
        {
            var response = await admin.GetAsync($"/api/v1/meetings/{m.Room.Id}/reporters/{id}/notice.docx");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("filename*=UTF-8''", response.Content.Headers.ContentDisposition!.ToString());
            Assert.Contains(Uri.EscapeDataString($"{title}-整改通知书-"), response.Content.Headers.ContentDisposition!.ToString());
            var notice = OfficialFormat.Check(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("整改通知书", notice.Title);
            Assert.Equal(1, CountOf(notice.Body, title)); // the meeting named once
            Assert.Contains("报送中共测试县委员会", notice.Body);
            Assert.Equal(withOpinions.Contains(id), notice.Body.Contains("建议" + id.ToString(CultureInfo.InvariantCulture) + "加强调查研究"));
            numbers.Add(notice.Number);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/meetings/{m.Room.Id}/reporters/{id}/feedback.docx")).StatusCode);
        }
        foreach (var id in feedback)
        {
            var refused = await admin.GetAsync($"/api/v1/meetings/{m.Room.Id}/reporters/{id}/notice.docx");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Contains("意见反馈单", await refused.Content.ReadAsStringAsync());
            var sheet = OfficialFormat.Check(await admin.GetByteArrayAsync($"/api/v1/meetings/{m.Room.Id}/reporters/{id}/feedback.docx"));
            Assert.Equal("意见反馈单", sheet.Title);
            Assert.Contains("建议" + id.ToString(CultureInfo.InvariantCulture) + "加强调查研究", sheet.Body);
            Assert.DoesNotContain("整改方案", sheet.Body);
            numbers.Add(sheet.Number);
        }
        foreach (var id in neither)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/meetings/{m.Room.Id}/reporters/{id}/notice.docx")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/meetings/{m.Room.Id}/reporters/{id}/feedback.docx")).StatusCode);
        }

        // Numbered once at publication, one after the other, the same number on every download.
        var sequence = numbers.Select(n => int.Parse(n[$"测组通〔{year}〕".Length..^1], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), sequence);
        Assert.Equal(report.Number, OfficialFormat.Check(await admin.GetByteArrayAsync($"/api/v1/meetings/{m.Room.Id}/report.docx")).Number);
        var register = await admin.GetFromJsonAsync<JsonElement>("/api/v1/documents");
        Assert.Equal(numbers.Count, register.GetProperty("total").GetInt32());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheScheme_OfAPublishedMeeting_CannotChange_ButCanBeCopied(string provider)
    {
        var m = await meetings.For(provider);
        var schemeId = await m.Room.App.QueryAsync(db => db.Meetings.Where(x => x.Id == m.Room.Id).Select(x => x.SchemeId).SingleAsync());
        var rules = new { groups = new[] { new { key = "a", name = "甲", weight = 1 } } };

        var refused = await m.Room.Admin.PutAsJsonAsync($"/api/v1/schemes/{schemeId}", new { name = "改过的方案", rules });
        var copy = await m.Room.Admin.PostAsJsonAsync("/api/v1/schemes", new { name = "方案副本", organizationId = m.Room.Tree.County, rules });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("复制", await refused.Content.ReadAsStringAsync());
        Assert.True(copy.IsSuccessStatusCode, await copy.Content.ReadAsStringAsync());
        Assert.Equal("乡镇党委书记抓基层党建述职评议方案", await m.Room.App.QueryAsync(db => db.Schemes.Where(s => s.Id == schemeId).Select(s => s.Name).SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Workbooks_PrintOnA4_WithTitles_ChineseGroupNames_AndChineseFileNames_WhileTheRecountDataStaysComplete(string provider)
    {
        var m = await meetings.For(provider);
        var title = "2026年上半年乡镇党委书记抓基层党建工作述职评议会";

        var resultsResponse = await m.Room.Admin.GetAsync($"/api/v1/meetings/{m.Room.Id}/results.xlsx");
        var results = await resultsResponse.Content.ReadAsByteArrayAsync();
        var resultsSetup = Workbooks.PrintSetup(results);
        Assert.Equal($"{title}评议结果", resultsSetup.Title);
        Assert.True(resultsSetup.LandscapeA4FitToWidth);
        Assert.Equal("'评议结果'!$2:$2", resultsSetup.PrintTitles);
        Assert.True(resultsSetup.Borders);
        Assert.Equal(Uri.EscapeDataString($"{title}-结果.xlsx"), resultsResponse.Content.Headers.ContentDisposition!.FileNameStar is { } star ? Uri.EscapeDataString(star) : null);
        Assert.Equal(15, Workbooks.Read(results).Count); // the header and fourteen reporters, the title apart
        // Scores and positions are numbers in Excel (sums and sorting work); names stay text.
        using (var book = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(results), false))
        {
            var cells = book.WorkbookPart!.WorksheetParts.First().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
                .ToDictionary(c => c.CellReference!.Value!);
            Assert.Null(cells["A3"].DataType);
            Assert.Null(cells["D3"].DataType);
            Assert.Equal(m.Expected[0].Composite!.Value, decimal.Parse(cells["D3"].CellValue!.Text, CultureInfo.InvariantCulture), 2);
            Assert.Equal("inlineStr", cells["B3"].DataType!.InnerText);
        }

        var ballotsResponse = await m.Room.Admin.GetAsync($"/api/v1/meetings/{m.Room.Id}/ballots.xlsx");
        var ballots = await ballotsResponse.Content.ReadAsByteArrayAsync();
        var readable = Workbooks.Read(ballots);
        Assert.Equal(["述职人序号", "述职人", "单位", "评议组", "等次", "回执"], readable[0]);
        Assert.Equal(m.Plan.Count, readable.Count - 1);
        Assert.Equal(["党员群众代表", "县委常委", "县直部门负责人"], readable.Skip(1).Select(r => r[3]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["投票明细", "复核数据"], Workbooks.PrintSetup(ballots).Sheets);
        Assert.Contains($"{title}-投票明细.xlsx", ballotsResponse.Content.Headers.ContentDisposition!.FileNameStar);
        // The recount reads its own sheet: every ballot, the rules and the published results.
        var export = BallotTable.Read(new MemoryStream(ballots), "ballots.xlsx");
        Assert.Equal(m.Plan.Count, export.Ballots.Count);
        Assert.Equal(14, export.Published!.Count);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>The command line, as an observer would run it on the exported file: the same file matches, an altered ballot does not.</summary>
    private static async Task RecountCommandAsync(string export, string name = "ballots.json")
    {
        var folder = Path.Combine(Path.GetTempPath(), "pingyi-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name);
        await File.WriteAllTextAsync(file, export);
        var (code, output) = await RunPingyiAsync("recount", file);
        Assert.True(code == 0, output);
        Assert.Contains("Recount matches the published results exactly", output);
        if (name.EndsWith(".csv", StringComparison.Ordinal))
        {
            // One ballot's grade changed in the spreadsheet.
            var rows = export.Split('\n').ToList();
            var at = rows.FindIndex(r => r.StartsWith("投票,", StringComparison.Ordinal) && r.Contains(",好,", StringComparison.Ordinal));
            rows[at] = rows[at].Replace(",好,", ",较差,", StringComparison.Ordinal);
            await File.WriteAllTextAsync(file, string.Join('\n', rows));
            (code, output) = await RunPingyiAsync("recount", file);
            Assert.Equal(1, code);
            Assert.Contains("DIFF", output);
            return;
        }

        var altered = System.Text.Json.Nodes.JsonNode.Parse(export)!;
        var ballot = altered["ballots"]!.AsArray().First(b => b!["grade"]!.GetValue<string>() == "good")!;
        ballot["grade"] = "poor";
        await File.WriteAllTextAsync(file, altered.ToJsonString());
        (code, output) = await RunPingyiAsync("recount", file);
        Assert.Equal(1, code);
        Assert.Contains("DIFF", output);
    }

    private static async Task<(int Code, string Output)> RunPingyiAsync(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pingyi.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.ArgumentList.Add("--Data:Directory");
        start.ArgumentList.Add(Path.Combine(Path.GetTempPath(), "pingyi-tests", Guid.NewGuid().ToString("N")));
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}

/// <summary>The whole meeting of <see cref="PublishedMeetingTests"/>, run once per database and shared by its tests.</summary>
public sealed class PublishedMeetings : OncePerDatabase<PublishedMeeting>
{
    protected override Task<PublishedMeeting> RunAsync(string provider) => PublishedMeeting.RunAsync(provider);
}

/// <summary>What the meeting's journey answered at each step, for the tests to check.</summary>
public sealed class PublishedMeeting : IAsyncDisposable
{
    public sealed record Answer(HttpStatusCode Status, string Body);

    public sealed record PlannedBallot(string Group, string Code, long Reporter, int Grade, bool Opinion);

    public required MeetingRoom Room { get; init; }

    public required IReadOnlyList<PlannedBallot> Plan { get; init; }

    public required IReadOnlyCollection<string> Receipts { get; init; }

    public required Answer BeforeOpen { get; init; }

    public required Answer Again { get; init; }

    public required Answer UnknownCode { get; init; }

    public required Answer AfterClosing { get; init; }

    public required JsonElement ConsoleWhileScoring { get; init; }

    public required HttpStatusCode ResultsWhileScoring { get; init; }

    public required HttpStatusCode Publish { get; init; }

    /// <summary>The China days just before and just after publishing (the same day unless midnight passed between them).</summary>
    public required (DateOnly From, DateOnly To) PublishedBetween { get; init; }

    public required JsonElement Results { get; init; }

    /// <summary>The results computed here from the plan with the engine directly.</summary>
    public required IReadOnlyList<ReporterResult> Expected { get; init; }

    public ValueTask DisposeAsync() => Room.DisposeAsync();

    public int LastPosition => Expected.Max(r => r.Position!.Value);

    public static async Task<PublishedMeeting> RunAsync(string provider)
    {
        var room = await MeetingRoom.CreateAsync(provider, reporters: 14, ratersPerGroup: 8);
        var meeting = room.Meeting;
        var first = meeting.Codes["public"][0];
        static async Task<Answer> Read(HttpResponseMessage r) => new(r.StatusCode, await r.Content.ReadAsStringAsync());

        var beforeOpen = await Read(await room.CastAsync(first, meeting.Reporters[0], "good"));
        await room.OpenAsync();

        // 24 raters on their phones at once, each scoring all 14 reporters; some add an opinion.
        var random = new Random(2026);
        var plan = meeting.Codes.SelectMany(g => g.Value.Select(code => (Group: g.Key, Code: code))).SelectMany(r => meeting.Reporters.Select(rep =>
            new PlannedBallot(r.Group, r.Code, rep, random.Next(0, 10) switch { < 5 => 0, < 8 => 1, < 9 => 2, _ => 3 }, random.Next(0, 12) == 0))).ToList();
        var receipts = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (b, ct) =>
        {
            var response = await room.Phone.SendAsync(Ballot(b.Code, room.Id, b.Reporter, GradeNames[b.Grade],
                b.Opinion ? new { category = "作风建设", text = $"建议{b.Reporter}加强调查研究" } : null), ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            receipts.Add((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("receipt").GetString()!);
        });

        var again = await Read(await room.CastAsync(first, meeting.Reporters[0], "poor"));
        var unknown = await Read(await room.CastAsync("AAAA-BBBB", meeting.Reporters[0], "good"));
        var console = await room.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{room.Id}");
        var resultsWhileScoring = (await room.Admin.GetAsync($"/api/v1/meetings/{room.Id}/results")).StatusCode;
        Assert.Equal(HttpStatusCode.OK, (await room.Admin.PostAsJsonAsync($"/api/v1/meetings/{room.Id}/close", new { })).StatusCode);
        var afterClosing = await Read(await room.CastAsync(meeting.Codes["leaders"][0], meeting.Reporters[0], "good"));
        Assert.Equal(HttpStatusCode.OK, (await room.Admin.PutAsJsonAsync($"/api/v1/documents/issuers/{room.Tree.County}", new { name = "中共测试县委员会", prefix = "测组通" })).StatusCode);
        var dayBefore = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var publish = (await room.Admin.PostAsync($"/api/v1/meetings/{room.Id}/publish", null)).StatusCode;
        var dayAfter = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var results = await room.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{room.Id}/results");

        var rules = new SchemeRules { Groups = [new("committee", "县委常委", 40), new("leaders", "县直部门负责人", 30), new("public", "党员群众代表", 30)] };
        var cast = plan.Select(b => new CastBallot(Array.IndexOf(meeting.Reporters, b.Reporter), Array.IndexOf(GroupKeys, b.Group), (Grade)b.Grade, null)).ToArray();
        return new PublishedMeeting
        {
            Room = room, Plan = plan, Receipts = receipts, BeforeOpen = beforeOpen, Again = again, UnknownCode = unknown, AfterClosing = afterClosing,
            ConsoleWhileScoring = console, ResultsWhileScoring = resultsWhileScoring, Publish = publish, PublishedBetween = (dayBefore, dayAfter), Results = results,
            Expected = Scoring.Evaluate(rules, 14, cast),
        };
    }
}
