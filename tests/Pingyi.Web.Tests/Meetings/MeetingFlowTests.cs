using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Tests.Support;
using static Pingyi.Web.Tests.Meetings.MeetingFixture;

namespace Pingyi.Web.Tests.Meetings;

public sealed class MeetingFlowTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static readonly string[] GradeNames = ["good", "fairlyGood", "average", "poor"];

    [Theory, MemberData(nameof(Providers))]
    public async Task WholeMeeting_FourteenReporters_TwentyFourRaters_PublishesExactResults_ThatARecountReproduces(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var setup = await CreateMeetingAsync(admin, tree, reporters: 14, ratersPerGroup: 8);
        var phone = app.CreateClient();
        var first = setup.Codes["public"][0];

        var beforeOpen = await phone.SendAsync(Ballot(first, setup.MeetingId, setup.Reporters[0], "good"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, beforeOpen.StatusCode);
        Assert.Contains("尚未开始", await beforeOpen.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/open", new { })).StatusCode);

        // 24 raters on their phones at once, each scoring all 14 reporters; some add an opinion.
        var random = new Random(2026);
        var plan = setup.Codes.SelectMany(g => g.Value.Select(code => (Group: g.Key, Code: code))).SelectMany(r => setup.Reporters.Select(rep =>
            (r.Group, r.Code, Reporter: rep, Grade: random.Next(0, 10) switch { < 5 => 0, < 8 => 1, < 9 => 2, _ => 3 }, Opinion: random.Next(0, 12) == 0))).ToList();
        var receipts = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (b, ct) =>
        {
            var response = await phone.SendAsync(Ballot(b.Code, setup.MeetingId, b.Reporter, GradeNames[b.Grade],
                b.Opinion ? new { category = "作风建设", text = $"建议{b.Reporter}加强调查研究" } : null), ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            receipts.Add((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("receipt").GetString()!);
        });

        var again = await phone.SendAsync(Ballot(first, setup.MeetingId, setup.Reporters[0], "poor"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("不能修改", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.SendAsync(Ballot("AAAA-BBBB", setup.MeetingId, setup.Reporters[0], "good"))).StatusCode);

        var console = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{setup.MeetingId}");
        Assert.All(console.GetProperty("reporters").EnumerateArray(), r =>
            Assert.All(r.GetProperty("groups").EnumerateArray(), g => Assert.Equal(8, g.GetProperty("ballots").GetInt32())));
        Assert.Equal([8, 8, 8], console.GetProperty("attendance").EnumerateArray().Select(a => a.GetProperty("present").GetInt32()));
        Assert.DoesNotContain("composite", console.GetRawText());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.GetAsync($"/api/v1/meetings/{setup.MeetingId}/results")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/close", new { })).StatusCode);
        var closed = await phone.SendAsync(Ballot(setup.Codes["leaders"][0], setup.MeetingId, setup.Reporters[0], "good"));
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode); // that code already scored everyone

        var publish = await admin.PostAsync($"/api/v1/meetings/{setup.MeetingId}/publish", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var results = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{setup.MeetingId}/results");

        // The expected results, computed here from the plan with the engine directly.
        var rules = new SchemeRules { Groups = [new("committee", "县委常委", 40), new("leaders", "县直部门负责人", 30), new("public", "党员群众代表", 30)] };
        var cast = plan.Select(b => new CastBallot(Array.IndexOf(setup.Reporters, b.Reporter), Array.IndexOf(GroupKeys, b.Group), (Grade)b.Grade, null)).ToArray();
        var expected = Scoring.Evaluate(rules, 14, cast);
        var reporters = results.GetProperty("reporters").EnumerateArray().ToList();
        Assert.Equal(14, reporters.Count);
        for (var i = 0; i < 14; i++)
        {
            Assert.Equal(expected[i].Composite!.Value.ToString(CultureInfo.InvariantCulture), reporters[i].GetProperty("composite").GetString());
            Assert.Equal(expected[i].Position, reporters[i].GetProperty("position").GetInt32());
            Assert.Equal(GradeNames[(int)expected[i].Grade!.Value], reporters[i].GetProperty("grade").GetString());
            Assert.Equal(3, reporters[i].GetProperty("groups").GetArrayLength());
            Assert.Equal(6, reporters[i].GetProperty("groups")[0].GetProperty("ballots").GetInt32() - reporters[i].GetProperty("groups")[0].GetProperty("trimmed").GetInt32());
        }

        // Consequences: talks for the last position and every 较差; every opinion in the ledger.
        var talks = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{setup.MeetingId}/talks");
        var last = expected.Max(r => r.Position);
        Assert.Equal(expected.Count(r => r.Position == last || r.Grade == Grade.Poor), talks.GetArrayLength());
        var talkId = talks[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/talks/{talkId}/schedule", new { scheduledAt = "2026-07-15T09:00:00+08:00" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync($"/api/v1/talks/{talkId}/complete", new { notes = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/talks/{talkId}/complete", new { notes = "指出问题三条，明确整改时限" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/talks/{talkId}/complete", new { notes = "再次" })).StatusCode);
        var talk = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{setup.MeetingId}/talks"))[0];
        Assert.Equal("Completed", talk.GetProperty("state").GetString());
        Assert.Equal(new DateTime(2026, 7, 15, 1, 0, 0, DateTimeKind.Utc), talk.GetProperty("scheduledAt").GetDateTime().ToUniversalTime());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsJsonAsync($"/api/v1/talks/{talkId}/schedule", new { scheduledAt = "2026-07-16T09:00:00+08:00" })).StatusCode);
        var opinions = plan.Count(b => b.Opinion);
        Assert.True(opinions > 0);
        Assert.Equal(opinions, await app.QueryAsync(db => db.LedgerItems.CountAsync(l => l.MeetingId == setup.MeetingId && l.Category == "作风建设")));
        // Due 90 days after publishing by default, and the responsible organizations are told.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.All(await app.QueryAsync(db => db.LedgerItems.Where(l => l.MeetingId == setup.MeetingId).Select(l => l.Deadline).ToListAsync()),
            d => Assert.True(d == today.AddDays(90) || d == today.AddDays(91), $"deadline {d}"));
        Assert.True(await app.QueryAsync(db => db.Notifications.AnyAsync(n => n.Kind == "Assigned")));

        // Every rater finds their receipt among the published ones.
        var published = await phone.GetFromJsonAsync<string[]>($"/api/v1/meetings/{setup.MeetingId}/receipts");
        Assert.Equal(receipts.Order(StringComparer.Ordinal), published);

        // The anonymized export recounts to the published results, digit for digit.
        var export = await admin.GetStringAsync($"/api/v1/meetings/{setup.MeetingId}/ballots");
        var lines = Recount.Compare(JsonSerializer.Deserialize<BallotExport>(export, RulesJson.Options)!);
        Assert.All(lines, l => Assert.True(l.Matches, $"{l.Name}: {l.Published} ≠ {l.Recounted}"));
        Assert.Equal(14, lines.Count);
        if (provider == "Sqlite")
        {
            await RecountCommandAsync(export);
        }
        var csv = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/meetings/{setup.MeetingId}/ballots");
        csv.Headers.Add("Accept", "text/csv");
        var csvText = await (await admin.SendAsync(csv)).Content.ReadAsStringAsync();
        // Header, the meeting with its rules, 14 reporters with their published results, 14 × 24 ballots: enough to recount alone.
        Assert.Equal(1 + 1 + 14 + (14 * 24), csvText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var fromCsv = Recount.Compare(BallotTable.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csvText)), "ballots.csv"));
        Assert.Equal(lines.Select(l => (l.Name, l.Published, l.Recounted)), fromCsv.Select(l => (l.Name, l.Published, l.Recounted)));
        Assert.All(fromCsv, l => Assert.True(l.Matches));
        var fromWorkbook = Recount.Compare(BallotTable.Read(new MemoryStream(await admin.GetByteArrayAsync($"/api/v1/meetings/{setup.MeetingId}/ballots.xlsx")), "ballots.xlsx"));
        Assert.All(fromWorkbook, l => Assert.True(l.Matches));
        if (provider == "Sqlite")
        {
            await RecountCommandAsync(csvText, "ballots.csv");
        }

        // The Word report opens and shows the results table.
        var report = await admin.GetByteArrayAsync($"/api/v1/meetings/{setup.MeetingId}/report.docx");
        using (var doc = WordprocessingDocument.Open(new MemoryStream(report), false))
        {
            var text = doc.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("述职评议会结果报告", text);
            Assert.Contains("书记01", text);
            Assert.Contains("应到 8 人、实到 8 人", text);
        }
        var lastReporter = reporters.First(r => r.GetProperty("position").GetInt32() == last).GetProperty("reporterId").GetInt64();
        var notice = await admin.GetByteArrayAsync($"/api/v1/meetings/{setup.MeetingId}/reporters/{lastReporter}/notice.docx");
        using (var doc = WordprocessingDocument.Open(new MemoryStream(notice), false))
        {
            Assert.Contains("整改通知书", doc.MainDocumentPart!.Document.Body!.InnerText);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Ballots_AreSecret_NoColumnOrAuditEntryLinksThemToACode(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var setup = await CreateMeetingAsync(admin, tree, reporters: 2, ratersPerGroup: 3);
        await admin.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/open", new { });
        var phone = app.CreateClient();
        var code = setup.Codes["committee"][0];
        var response = await phone.SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], "good", new { category = "组织建设", text = "加强支部建设" }));
        var receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;

        var columns = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Pingyi.Web.Data.PingyiDbContext>().Model
            .FindEntityType(typeof(Pingyi.Web.Modules.Meetings.Ballot))!.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal).ToList()));
        Assert.Equal(["Grade", "GroupId", "Id", "Indicators", "MeetingId", "Receipt", "Rehearsal", "ReporterId"], columns);
        var audit = await app.QueryAsync(db => db.AuditEntries.Select(a => a.Action + " " + a.Data).ToListAsync());
        Assert.DoesNotContain(audit, a => a.Contains(receipt) || a.Contains(code.Replace("-", "")) || a.Contains("ballot"));
        var codeHash = await app.QueryAsync(db => db.RaterCodes.Select(c => c.CodeHash).ToListAsync());
        Assert.DoesNotContain(codeHash, h => h.Contains(code.Replace("-", ""), StringComparison.OrdinalIgnoreCase));
        var ballot = await app.QueryAsync(db => db.Ballots.SingleAsync());
        Assert.NotEqual(1, ballot.Id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SameCode_FromTwoPhonesAtOnce_CountsOnce_AndARetryGetsTheSameReceipt(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var setup = await CreateMeetingAsync(admin, tree, reporters: 2, ratersPerGroup: 3);
        await admin.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/open", new { });
        var code = setup.Codes["public"][1];

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            app.CreateClient().SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[1], GradeNames[i % 4]))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.QueryAsync(db => db.Ballots.CountAsync(b => b.ReporterId == setup.Reporters[1])));

        // A phone that lost the answer sends the very same ballot again: the same receipt, still one ballot.
        var submissionId = Guid.NewGuid().ToString("N");
        var once = await app.CreateClient().SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], "average", submissionId: submissionId));
        var twice = await app.CreateClient().SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], "average", submissionId: submissionId));
        var changed = await app.CreateClient().SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], "good", submissionId: submissionId));
        Assert.Equal(HttpStatusCode.Created, once.StatusCode);
        Assert.Equal(HttpStatusCode.Created, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal((await once.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString(),
            (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString());
        Assert.Equal(1, await app.QueryAsync(db => db.Ballots.CountAsync(b => b.ReporterId == setup.Reporters[0])));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task IncompleteBallot_IsRefusedWithTheReason_AndNothingStored(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var setup = await CreateMeetingAsync(admin, tree, reporters: 2, ratersPerGroup: 3);
        await admin.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/open", new { });
        var phone = app.CreateClient();
        var code = setup.Codes["public"][0];

        var noGrade = await phone.SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], null));
        var badCategory = await phone.SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], "good", new { category = "其他", text = "意见" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noGrade.StatusCode);
        Assert.Contains("请选择评价等次", await noGrade.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badCategory.StatusCode);
        Assert.Contains("思想建设", await badCategory.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Ballots.CountAsync()));
        Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], "good"))).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Rehearsal_TestCodesOnly_NeverReachesResults_AndIsPurgedWhole(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var setup = await CreateMeetingAsync(admin, tree, reporters: 2, ratersPerGroup: 3);
        var id = setup.MeetingId;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/meetings/{id}/rehearsal", null)).StatusCode);
        var test = await (await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/codes", new { groupKey = "public", count = 3, rehearsal = true }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/open", new { });
        var phone = app.CreateClient();

        var testBallot = await phone.SendAsync(Ballot(test[0].GetProperty("code").GetString()!, id, setup.Reporters[0], "poor"));
        var realBallot = await phone.SendAsync(Ballot(setup.Codes["public"][0], id, setup.Reporters[0], "good"));

        Assert.Equal(HttpStatusCode.Created, testBallot.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, realBallot.StatusCode);
        var console = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        Assert.Equal(1, console.GetProperty("reporters")[0].GetProperty("groups")[2].GetProperty("rehearsalBallots").GetInt32());
        Assert.Equal(0, console.GetProperty("reporters")[0].GetProperty("groups")[2].GetProperty("ballots").GetInt32());
        Assert.Empty(await phone.GetFromJsonAsync<string[]>($"/api/v1/meetings/{id}/receipts") ?? ["x"]);

        var purge = await admin.PostAsync($"/api/v1/meetings/{id}/rehearsal/purge", null);

        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Ballots.CountAsync()));
        Assert.Equal(9, await app.QueryAsync(db => db.RaterCodes.CountAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.SendAsync(Ballot(test[1].GetProperty("code").GetString()!, id, setup.Reporters[0], "poor"))).StatusCode);
        console = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        Assert.Equal("Preparation", console.GetProperty("stage").GetString());
        Assert.All(console.GetProperty("reporters").EnumerateArray(), r => Assert.Equal("Pending", r.GetProperty("state").GetString()));
        Assert.Contains(await app.QueryAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()), a => a == "meeting.rehearsal.purge");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnotherTownship_CannotSeeOrRunTheMeeting(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var setup = await CreateMeetingAsync(admin, tree, reporters: 2, ratersPerGroup: 3);
        var t2 = await app.SignInAsync("t2admin");

        Assert.Equal(HttpStatusCode.NotFound, (await t2.GetAsync($"/api/v1/meetings/{setup.MeetingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/open", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/codes", new { groupKey = "public", count = 1 })).StatusCode);
        Assert.Equal(0, (await t2.GetFromJsonAsync<JsonElement>("/api/v1/meetings")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync("/api/v1/schemes", new
        {
            name = "x", organizationId = tree.County, rules = new { groups = new[] { new { key = "a", name = "甲", weight = 1 } } },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/meetings/{setup.MeetingId}")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Slides_UploadedWithinTypeAndSize_ServedInScopeOnly(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var setup = await CreateMeetingAsync(admin, tree, reporters: 2, ratersPerGroup: 3);
        var url = $"/api/v1/meetings/{setup.MeetingId}/reporters/{setup.Reporters[0]}";
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();

        using var good = new MultipartFormDataContent { { new ByteArrayContent(pdf), "slides", "述职课件.pdf" }, { new StringContent("本年度抓党建工作情况"), "reportText" } };
        using var bad = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "slides", "virus.exe" } };

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(url + "/report", good)).StatusCode);
        var refused = await admin.PostAsync(url + "/report", bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("不支持的文件类型", await refused.Content.ReadAsStringAsync());
        Assert.Equal(pdf, await admin.GetByteArrayAsync(url + "/slides"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).GetAsync(url + "/slides")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/meetings/{setup.MeetingId}/reporters/{setup.Reporters[1]}/slides")).StatusCode);
        Assert.Contains(await app.QueryAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()), a => a == "meeting.report");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task WrongCodes_FromOneAddress_AreSlowedDown(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider, settings: new Dictionary<string, string> { ["Security:UnknownRaterCodesPerMinute"] = "5" });
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var setup = await CreateMeetingAsync(admin, tree, reporters: 2, ratersPerGroup: 3);
        await admin.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/open", new { });
        var phone = app.CreateClient();

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            guesses.Add((await phone.SendAsync(Ballot($"ZZZZ-ZZ{(char)('A' + i)}Z", setup.MeetingId, setup.Reporters[0], "good"))).StatusCode);
        }
        var afterwards = await phone.SendAsync(Ballot(setup.Codes["public"][0], setup.MeetingId, setup.Reporters[0], "good"));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Append(HttpStatusCode.TooManyRequests), guesses);
        Assert.Equal(HttpStatusCode.TooManyRequests, afterwards.StatusCode);
        Assert.Contains("一分钟后再试", await afterwards.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Ballots.CountAsync()));
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
