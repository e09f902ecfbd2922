using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Archives;

/// <summary>
/// 一考双评 of a township's village secretaries, quarter by quarter: the township's examination sheet, its leaders' grades and
/// each village's people grading their own secretary with codes made for them; published scores in the archive; the year from
/// the quarters with a missing one and a version change; the ranking, the 点将台 and the cadre's archive; the refusals.
/// </summary>
public sealed class QuarterlyArchiveTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task AQuarterFromCodesToTheArchive_ThenTheYearWithAMissingQuarterAndANewVersion(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var secretary = await app.SignInAsync("v11sec");
        var people = await app.QueryAsync(db => db.People.ToDictionaryAsync(p => p.Name, p => p.Id));
        // 赵一 is 东村's secretary since 2018, 钱二 西村's since 2024.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/people/{people["赵一"]}/positions", new { organizationId = t.V11, title = "Secretary", termStart = "2018-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/people/{people["钱二"]}/positions", new { organizationId = t.V12, title = "Secretary", termStart = "2024-03-01" })).StatusCode);

        // Refusals: a branch secretary, another township, the wrong host, a fifth quarter.
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostAsJsonAsync("/api/v1/archives/quarters", new { hostOrganizationId = t.T1, kind = "VillageSecretary", year = 2026, quarter = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/api/v1/archives/rankings/2026")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsJsonAsync("/api/v1/archives/quarters", new { hostOrganizationId = t.T1, kind = "VillageSecretary", year = 2026, quarter = 1 })).StatusCode);
        var wrongHost = await admin.PostAsJsonAsync("/api/v1/archives/quarters", new { hostOrganizationId = t.County, kind = "VillageSecretary", year = 2026, quarter = 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongHost.StatusCode);
        Assert.Contains("由乡镇党委组织", await wrongHost.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync("/api/v1/archives/quarters", new { hostOrganizationId = t.T1, kind = "VillageSecretary", year = 2026, quarter = 5 })).StatusCode);

        // Between reviews, a supervision visit to 东村 in February finds one problem: the quarter's tracking shows it.
        var planned = await township.PostAsJsonAsync("/api/v1/supervision/visits", new { organizationIds = new[] { t.V11 }, subject = "党建工作督查", firstOn = "2026-02-10", count = 1 });
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        var visit = (await planned.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/supervision/visits/{visit}/record", new
        {
            visitedOn = "2026-02-10", summary = "查阅台账", findings = new[] { new { category = "组织建设", description = "三会一课记录不全", deadline = "2026-03-31" } },
        })).StatusCode);

        // The first quarter under the template: 赵一 best in every group.
        var first = await QuarterAsync(app, township, t.T1, 1, null, best: "赵一");
        var tracked = (await township.GetFromJsonAsync<JsonElement>("/api/v1/archives/rankings/2026?quarter=1")).GetProperty("lines").EnumerateArray()
            .ToDictionary(l => l.GetProperty("name").GetString()!, l => l.GetProperty("tracking"));
        Assert.Equal((1, 1), (tracked["赵一"].GetProperty("visits").GetInt32(), tracked["赵一"].GetProperty("visitFindings").GetInt32()));
        Assert.Equal(0, tracked["钱二"].GetProperty("visits").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync("/api/v1/archives/quarters", new { hostOrganizationId = t.T1, kind = "VillageSecretary", year = 2026, quarter = 1 })).StatusCode);

        var scores = await app.QueryAsync(db => db.ArchiveScores.Where(s => s.Year == 2026 && s.Quarter == 1).ToDictionaryAsync(s => s.Name));
        Assert.Equal(2, scores.Count);
        Assert.Equal(first["赵一"], scores["赵一"].Score);
        Assert.Equal(people["赵一"], scores["赵一"].PersonId);
        Assert.Equal(1, scores["赵一"].Position);
        Assert.Equal("村党组织书记“一考双评”季度方案", scores["赵一"].SchemeName);
        Assert.Contains("本村群众测评", scores["赵一"].Explanation, StringComparison.Ordinal);

        // The second quarter under a revised indicator set (seed 003: items cut); 钱二 best this time. No third or fourth quarter.
        var revised = await MeetingFixture.CreateSchemeAsync(township, t.T1, new
        {
            groups = new object[]
            {
                new { key = "examination", name = "乡镇党委实绩考核", weight = 50, parts = "indicators", minimumBallots = 1 },
                new { key = "leaders", name = "乡镇领导干部测评", weight = 25 },
                new { key = "villagers", name = "本村群众测评", weight = 25 },
            },
            indicators = new object[] { new { key = "i1", name = "抓党建", maxPoints = 50 }, new { key = "i2", name = "促发展", maxPoints = 50 } },
            talkBottomCount = 0,
        });
        var revisedName = await app.QueryAsync(db => db.Schemes.Where(s => s.Id == revised).Select(s => s.Name).SingleAsync());
        var second = await QuarterAsync(app, township, t.T1, 2, revised, best: "钱二");

        var year = await township.GetFromJsonAsync<JsonElement>("/api/v1/archives/rankings/2026");
        var lines = year.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!);
        var zhao = lines["赵一"];
        // Sum of the quarters with the missing two counted as the mean of those held: (q1 + q2) / 2 × 4.
        Assert.Equal(decimal.Round((first["赵一"] + second["赵一"]) * 2, 2), zhao.GetProperty("score").GetDecimal());
        var explanation = zhao.GetProperty("explanation").GetString()!;
        Assert.Contains("三季度、四季度无得分，按已考季度的平均分", explanation, StringComparison.Ordinal);
        Assert.Contains($"一季度按《村党组织书记“一考双评”季度方案》；二季度按《{revisedName}》", explanation, StringComparison.Ordinal);
        Assert.Equal(2, year.GetProperty("held").GetArrayLength());
        // The examination of the second quarter was kinder to the second best (80 of 100 against 72): 赵一 leads the year.
        Assert.Equal(1, zhao.GetProperty("countyPosition").GetInt32());
        Assert.Equal(2, lines["钱二"].GetProperty("countyPosition").GetInt32());
        Assert.Equal(2, lines["钱二"].GetProperty("hostPosition").GetInt32());

        // The year's rule changed to "a missing quarter counts nothing": the total is the plain sum, and the change is audited.
        Assert.Equal(HttpStatusCode.OK, (await township.PutAsJsonAsync("/api/v1/archives/plans", new { hostOrganizationId = t.T1, kind = "VillageSecretary", year = 2026, combination = "Sum", missing = "Zero" })).StatusCode);
        year = await township.GetFromJsonAsync<JsonElement>("/api/v1/archives/rankings/2026");
        zhao = year.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "赵一");
        Assert.Equal(first["赵一"] + second["赵一"], zhao.GetProperty("score").GetDecimal());
        Assert.Contains("三季度、四季度无得分，计 0 分", zhao.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        // The 点将台: the year's secretaries by total, and by years in their post.
        var picking = await township.GetFromJsonAsync<JsonElement>("/api/v1/archives/picking/2026?minYearsInPost=5");
        Assert.Equal(["赵一"], picking.EnumerateArray().Select(p => p.GetProperty("line").GetProperty("name").GetString()!).ToArray());
        var top = await township.GetFromJsonAsync<JsonElement>($"/api/v1/archives/picking/2026?minScore={(first["赵一"] + second["赵一"] + 0.01m).ToString(CultureInfo.InvariantCulture)}");
        Assert.Equal(0, top.GetArrayLength());
        // Age from the birth date in the ID number (both born in 1980; the test clock is 1 December 2026).
        Assert.Equal(46, picking[0].GetProperty("age").GetInt32());
        Assert.Equal(0, (await township.GetFromJsonAsync<JsonElement>("/api/v1/archives/picking/2026?maxAge=45")).GetArrayLength());
        Assert.Equal(2, (await township.GetFromJsonAsync<JsonElement>("/api/v1/archives/picking/2026?maxAge=46")).GetArrayLength());

        // The cadre's archive: both quarters with their versions, the two meetings; hidden from another township.
        var archive = await township.GetFromJsonAsync<JsonElement>($"/api/v1/archives/cadres/{people["赵一"]}");
        var archiveYear = archive.GetProperty("years").EnumerateArray().Single();
        Assert.Equal(2, archiveYear.GetProperty("quarters").GetArrayLength());
        Assert.Equal(first["赵一"] + second["赵一"], archiveYear.GetProperty("total").GetProperty("total").GetDecimal());
        Assert.Equal(0, archive.GetProperty("meetings").GetArrayLength()); // the quarters' meetings are the quarters above, not repeated
        Assert.Equal("东村党支部", archive.GetProperty("posts")[0].GetProperty("organization").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).GetAsync($"/api/v1/archives/cadres/{people["赵一"]}")).StatusCode);

        // The record in the official format, signed by the county's issuer, unnumbered; the quarters with their versions.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/documents/issuers/{t.County}", new { name = "中共测试县委员会", prefix = "测组通" })).StatusCode);
        var record = OfficialFormat.Check(await admin.GetByteArrayAsync($"/api/v1/archives/cadres/{people["赵一"]}/record.docx"));
        Assert.Equal(("赵一同志实绩档案", "中共测试县委员会"), (record.Title, record.Issuer));
        Assert.Equal(string.Empty, record.Number);
        Assert.Contains("东村党支部书记（2018年1月1日起）", record.Body, StringComparison.Ordinal);
        Assert.Contains(revisedName, record.Body, StringComparison.Ordinal);
        Assert.Contains("三季度、四季度无得分，计0分", record.Body, StringComparison.Ordinal); // the official body sets no space between Chinese and figures

        // The ranking as a workbook with its title, one row per secretary.
        var workbook = await township.GetByteArrayAsync("/api/v1/archives/rankings/2026.xlsx");
        Assert.Equal("2026年村党组织书记“一考双评”实绩排名（全年）", Workbooks.PrintSetup(workbook).Title);
        var rows = Workbooks.Read(workbook);
        Assert.Equal(["全县位次", "姓名（班子）", "组织", "乡镇（考评单位）"], rows[0][..4]);
        Assert.Equal(("1", "赵一", "东村党支部"), (rows[1][0], rows[1][1], rows[1][2]));
        Assert.Equal(3, rows.Count);

        // 季度讲评: the county reviews its township teams; a township cannot hold it.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync("/api/v1/archives/quarters", new { hostOrganizationId = t.T1, kind = "TownshipTeam", year = 2026, quarter = 1 })).StatusCode);
        var teams = await admin.PostAsJsonAsync("/api/v1/archives/quarters", new { hostOrganizationId = t.County, kind = "TownshipTeam", year = 2026, quarter = 1 });
        Assert.Equal(HttpStatusCode.Created, teams.StatusCode);
        var teamMeeting = (await teams.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingId").GetInt64();
        var teamReporters = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{teamMeeting}")).GetProperty("reporters").EnumerateArray()
            .Select(r => r.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["一号镇党委", "二号乡党委"], teamReporters);

        Assert.Equal(3, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "archive.quarter"))); // two quarters of secretaries, one of township teams
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "archive.scores")));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "archive.plan")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ATownshipsLeadingCadres_AreReviewedOneByOne_RankedInTheTownshipAndTheCounty_AndOnThePickingBoard(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var people = await app.QueryAsync(db => db.People.ToDictionaryAsync(p => p.Name, p => p.Id));
        // 赵一 is 一号镇's party secretary, 孙三 its deputy; 二号乡 has no leading cadre on record.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/people/{people["赵一"]}/positions", new { organizationId = t.T1, title = "Secretary", termStart = "2019-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/people/{people["孙三"]}/positions", new { organizationId = t.T1, title = "DeputySecretary", termStart = "2023-06-01" })).StatusCode);

        var atCounty = await admin.PostAsJsonAsync("/api/v1/archives/quarters", new { hostOrganizationId = t.County, kind = "SectionCadre", year = 2026, quarter = 3 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, atCounty.StatusCode);
        Assert.Contains("按乡镇组织", await atCounty.Content.ReadAsStringAsync());
        var empty = await admin.PostAsJsonAsync("/api/v1/archives/quarters", new { hostOrganizationId = t.T2, kind = "SectionCadre", year = 2026, quarter = 3 });
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);
        Assert.Contains("二号乡党委没有在任的领导干部", await empty.Content.ReadAsStringAsync());

        var started = await admin.PostAsJsonAsync("/api/v1/archives/quarters", new { hostOrganizationId = t.T1, kind = "SectionCadre", year = 2026, quarter = 3, heldOn = "2026-09-28" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingId").GetInt64();
        var meeting = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        var reporters = meeting.GetProperty("reporters").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("id").GetInt64());
        Assert.Equal(["孙三", "赵一"], reporters.Keys.Order(StringComparer.Ordinal).ToArray());
        var assessment = (await MeetingFixture.CodesAsync(admin, id, "assessment", 1)).Single();
        var team = await MeetingFixture.CodesAsync(admin, id, "team", 3);
        var villages = await MeetingFixture.CodesAsync(admin, id, "villages", 3);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/open", new { })).StatusCode);
        var phone = app.CreateClient();
        foreach (var (name, reporter) in reporters)
        {
            var good = name == "赵一";
            Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(assessment, id, reporter, null, indicators: [.. Enumerable.Repeat(good ? 18m : 14m, 4)]))).StatusCode);
            foreach (var code in team.Concat(villages))
            {
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(code, id, reporter, good ? "good" : "average"))).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/close", new { })).StatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/publish", new { })).IsSuccessStatusCode);

        // Each cadre has their own score, kept under their person, first and second in the township and the county.
        var scores = await app.QueryAsync(db => db.ArchiveScores.Where(s => s.Kind == Core.Archives.ArchiveKind.SectionCadre).ToDictionaryAsync(s => s.Name));
        Assert.Equal((people["赵一"], people["孙三"]), (scores["赵一"].PersonId, scores["孙三"].PersonId));
        Assert.True(scores["赵一"].Score > scores["孙三"].Score);
        Assert.Equal("乡镇领导干部季度实绩讲评方案", scores["赵一"].SchemeName);
        var lines = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/archives/rankings/2026?kind=SectionCadre")).GetProperty("lines").EnumerateArray().ToArray();
        Assert.Equal([("赵一", 1, 1), ("孙三", 2, 2)], lines.Select(l => (l.GetProperty("name").GetString()!, l.GetProperty("hostPosition").GetInt32(), l.GetProperty("countyPosition").GetInt32())).ToArray());

        // The 点将台 reads them as it reads village secretaries; a team kind is refused there.
        var picking = await admin.GetFromJsonAsync<JsonElement>("/api/v1/archives/picking/2026?kind=SectionCadre&minYearsInPost=5");
        Assert.Equal(["赵一"], picking.EnumerateArray().Select(p => p.GetProperty("line").GetProperty("name").GetString()!).ToArray());
        Assert.Equal("一号镇党委书记", picking[0].GetProperty("post").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.GetAsync("/api/v1/archives/picking/2026?kind=TownshipTeam")).StatusCode);
        var archive = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/archives/cadres/{people["孙三"]}");
        Assert.Equal("SectionCadre", archive.GetProperty("years")[0].GetProperty("kind").GetString());
    }

    /// <summary>
    /// Starts the quarter, makes the codes (the villagers' for their own secretary), casts the ballots with <paramref name="best"/>
    /// ahead in every group, closes and publishes; returns each secretary's composite rounded as the archive keeps it.
    /// </summary>
    private static async Task<Dictionary<string, decimal>> QuarterAsync(TestApp app, HttpClient township, long host, int quarter, long? schemeId, string best)
    {
        var started = await township.PostAsJsonAsync("/api/v1/archives/quarters", new { hostOrganizationId = host, kind = "VillageSecretary", year = 2026, quarter, heldOn = $"2026-{quarter * 3:00}-25", schemeId });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("reporters").GetInt32());
        var id = body.GetProperty("meetingId").GetInt64();
        var meeting = await township.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        var reporters = meeting.GetProperty("reporters").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("id").GetInt64());
        var indicators = (await app.QueryAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Rules).SingleAsync())).Contains("\"i3\"", StringComparison.Ordinal) ? 4 : 2;
        var examination = (await MeetingFixture.CodesAsync(township, id, "examination", 1)).Single();
        var leaders = await MeetingFixture.CodesAsync(township, id, "leaders", 3);
        var villagers = new Dictionary<string, string[]>();
        foreach (var (name, reporterId) in reporters)
        {
            villagers[name] = await MeetingFixture.CodesAsync(township, id, "villagers", 3, reporterId);
        }
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/meetings/{id}/open", new { })).StatusCode);
        var phone = app.CreateClient();
        var other = reporters.Keys.Single(n => n != best);
        // A villager's code scores their own secretary and no other; their sheet lists only that one.
        var refused = await phone.SendAsync(MeetingFixture.Ballot(villagers[best][0], id, reporters[other], "good"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("只用于评议指定的一位述职人", await refused.Content.ReadAsStringAsync());
        using (var sheet = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ballot-sheet"))
        {
            sheet.Headers.Add("X-Rater-Code", villagers[best][0]);
            var reportersOnSheet = (await (await phone.SendAsync(sheet)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reporters");
            Assert.Equal([best], reportersOnSheet.EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray());
        }
        foreach (var (name, reporterId) in reporters)
        {
            var good = name == best;
            Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(examination, id, reporterId, null,
                indicators: [.. Enumerable.Repeat(good ? (indicators == 4 ? 24m : 48m) : (indicators == 4 ? 18m : 40m), indicators)]))).StatusCode);
            foreach (var code in leaders)
            {
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(code, id, reporterId, good ? "good" : "fairlyGood"))).StatusCode);
            }
            foreach (var code in villagers[name])
            {
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(code, id, reporterId, good ? "good" : "average"))).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/meetings/{id}/close", new { })).StatusCode);
        var published = await township.PostAsJsonAsync($"/api/v1/meetings/{id}/publish", new { });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var results = (await township.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}/results")).GetProperty("reporters").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => decimal.Round(decimal.Parse(r.GetProperty("composite").GetString()!, CultureInfo.InvariantCulture), 2, MidpointRounding.AwayFromZero));
        Assert.True(results[best] > results[other]);
        return results;
    }
}
