using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Commitments;

/// <summary>三评: published commitments become an evaluation meeting; its published result gives each its score, group by group, and stars; 晋星 on last year.</summary>
public sealed class CommitmentEvaluationTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static async Task<long> PublishedCommitmentAsync(HttpClient admin, long organizationId, int year)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/commitments", new
        {
            organizationId, year, title = $"{year}年度党组织承诺",
            items = new[] { new { target = "新建党员活动室一处", category = "阵地建设", deadline = $"{year}-06-30" } },
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        foreach (var step in new[] { "submit", "approve", "publish" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/commitments/{id}/{step}", new { })).StatusCode);
        }
        return id;
    }

    /// <summary>Runs the evaluation meeting: three members and three of the public grade each commitment, the organization fills its sheet.</summary>
    private static async Task RunAsync(TestApp app, HttpClient township, long meetingId, IReadOnlyList<(string Members, string Public, decimal[] Sheet)> ballots)
    {
        var meeting = await township.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}");
        var reporters = meeting.GetProperty("reporters").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(ballots.Count, reporters.Length);
        var codes = new Dictionary<string, string[]>();
        foreach (var (key, count) in new[] { ("members", 3), ("public", 3), ("organization", 1) })
        {
            var generated = await township.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/codes", new { groupKey = key, count });
            Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
            codes[key] = [.. (await generated.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(c => c.GetProperty("code").GetString()!)];
        }
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).StatusCode);
        var phone = app.CreateClient();
        for (var r = 0; r < reporters.Length; r++)
        {
            foreach (var code in codes["members"])
            {
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(code, meetingId, reporters[r], ballots[r].Members))).StatusCode);
            }
            foreach (var code in codes["public"])
            {
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(code, meetingId, reporters[r], ballots[r].Public))).StatusCode);
            }
            Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(codes["organization"][0], meetingId, reporters[r], null, indicators: ballots[r].Sheet))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ThreeEvaluations_GiveEachCommitmentItsScoreAndStars_AndAStarGainedOnLastYear(string provider)
    {
        // A clock that can reach 2028, when the board counts 2027's stars (a year counts once it has begun).
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/documents/issuers/{t.County}", new { name = "中共测试县委员会", prefix = "测组通" })).StatusCode);

        // Last year: the east village's commitment alone, evaluated at 70 — two stars.
        var lastYear = await PublishedCommitmentAsync(admin, t.V11, 2026);
        var first = await township.PostAsJsonAsync("/api/v1/commitments/evaluations", new { hostOrganizationId = t.T1, year = 2026 });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await RunAsync(app, township, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingId").GetInt64(),
            [("fairlyGood", "average", [15m, 20m, 20m, 15m])]);
        var before = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{lastYear}")).GetProperty("evaluation");
        // 30% × 80 + 30% × 60 + 40% × 70 = 70.
        Assert.Equal((70m, 2), (before.GetProperty("score").GetDecimal(), before.GetProperty("stars").GetInt32()));

        // This year: both villages; refusals first.
        var east = await PublishedCommitmentAsync(admin, t.V11, 2027);
        var west = await PublishedCommitmentAsync(admin, t.V12, 2027);
        var secretary = await app.SignInAsync("v11sec");
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostAsJsonAsync("/api/v1/commitments/evaluations", new { hostOrganizationId = t.V11, year = 2027 })).StatusCode);
        var other = await app.SignInAsync("t2admin");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/v1/commitments/evaluations", new { hostOrganizationId = t.T1, year = 2027 })).StatusCode);
        var started = await township.PostAsJsonAsync("/api/v1/commitments/evaluations", new { hostOrganizationId = t.T1, year = 2027, heldOn = "2027-12-20" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var evaluation = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, evaluation.GetProperty("commitments").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync("/api/v1/commitments/evaluations", new { hostOrganizationId = t.T1, year = 2027 })).StatusCode);
        var meetingId = evaluation.GetProperty("meetingId").GetInt64();
        var pending = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{east}")).GetProperty("evaluation");
        Assert.False(pending.GetProperty("published").GetBoolean());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("stars").ValueKind);

        await RunAsync(app, township, meetingId, [("good", "good", [20m, 30m, 30m, 20m]), ("fairlyGood", "fairlyGood", [16m, 24m, 24m, 16m])]);

        var eastNow = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{east}")).GetProperty("evaluation");
        Assert.Equal((100m, 5, 3, true), (eastNow.GetProperty("score").GetDecimal(), eastNow.GetProperty("stars").GetInt32(), eastNow.GetProperty("gained").GetInt32(),
            eastNow.GetProperty("priority").GetBoolean()));
        Assert.Equal(["党员互评", "群众测评", "组织考评"], eastNow.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        var westNow = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{west}")).GetProperty("evaluation");
        Assert.Equal((80m, 3, JsonValueKind.Null), (westNow.GetProperty("score").GetDecimal(), westNow.GetProperty("stars").GetInt32(), westNow.GetProperty("gained").ValueKind));
        // The meeting's results are the commitments' scores; the list shows the stars.
        var results = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}/results");
        Assert.Equal(["东村党支部", "西村党支部"], results.GetProperty("reporters").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Contains("data-stars=\"5\"", await admin.GetStringAsync("/Commitments?year=2027"));
        // The public board shows the stars without an account.
        var board = await app.CreateClient().GetStringAsync($"/Public/Commitments?year=2027&under={t.T1}");
        Assert.Contains("data-stars=\"5\"", board);
        Assert.Contains("data-stars=\"3\"", board);
        clock.SetUtcNow(new DateTimeOffset(2028, 1, 5, 1, 0, 0, TimeSpan.Zero));
        admin = await app.SignInAsync("admin");
        // The statistics board counts them: two given stars in 2027, both three or more (80 is the line), one five (100 — after 80 as
        // text, before it as a number); 2026's two stars is below three. Each number's list names the commitments.
        async Task<Dictionary<string, int>> StarsOn(int year) => (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?year={year}"))
            .GetProperty("sections").EnumerateArray().SelectMany(x => x.GetProperty("figures").EnumerateArray())
            .Where(f => f.GetProperty("key").GetString()!.StartsWith("com.", StringComparison.Ordinal))
            .ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("total").GetInt32());
        Assert.Equal((2, 2, 1), ((await StarsOn(2027))["com.rated"], (await StarsOn(2027))["com.stars3"], (await StarsOn(2027))["com.stars5"]));
        Assert.Equal((1, 0, 0), ((await StarsOn(2026))["com.rated"], (await StarsOn(2026))["com.stars3"], (await StarsOn(2026))["com.stars5"]));
        var five = await admin.GetFromJsonAsync<JsonElement>("/api/v1/statistics/com.stars5?year=2027");
        Assert.Equal([$"/Commitments/Details/{east}"], five.GetProperty("rows").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("link").GetString()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheTopTen_AreVotedFromThreeStarsAndAbove_ATieAtTheTenthPlaceIsNamedWhole(string provider)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/documents/issuers/{t.County}", new { name = "中共测试县委员会", prefix = "测组通" })).StatusCode);
        // Thirteen commitments over the county's branches; twelve get five stars, the last two.
        long[] owners = [t.V11, t.V11, t.V11, t.V12, t.V12, t.V12, t.B13, t.B13, t.G1, t.G1, t.V21, t.V21, t.V21];
        var ids = new List<long>();
        foreach (var owner in owners)
        {
            ids.Add(await PublishedCommitmentAsync(admin, owner, 2027));
        }
        var evaluation = await (await admin.PostAsJsonAsync("/api/v1/commitments/evaluations", new { hostOrganizationId = t.County, year = 2027 })).Content.ReadFromJsonAsync<JsonElement>();
        var evaluationMeeting = evaluation.GetProperty("meetingId").GetInt64();
        // The meeting's agenda is in tree order; the two-star one is the last commitment of the south village (V21).
        var agenda = await app.QueryAsync(db => db.CommitmentEvaluations.Where(e => e.MeetingId == evaluationMeeting)
            .Join(db.MeetingReporters, e => e.ReporterId, r => r.Id, (e, r) => new { e.CommitmentId, r.Order }).OrderBy(x => x.Order).Select(x => x.CommitmentId).ToListAsync());
        var twoStars = ids[^1];
        await RunAsync(app, admin, evaluationMeeting, [.. agenda.Select(id => id == twoStars ? ("fairlyGood", "average", new[] { 15m, 20m, 20m, 15m }) : ("good", "good", new[] { 20m, 30m, 30m, 20m }))]);

        var township = await app.SignInAsync("t1admin");
        Assert.Equal(HttpStatusCode.NotFound, (await township.PostAsJsonAsync("/api/v1/commitments/top-ten", new { hostOrganizationId = t.T2, year = 2027, owner = "Organization" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/commitments/top-ten", new { hostOrganizationId = t.County, year = 2027, owner = "Member" })).StatusCode);
        var vote = await admin.PostAsJsonAsync("/api/v1/commitments/top-ten", new { hostOrganizationId = t.County, year = 2027, owner = "Organization" });
        Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        var started = await vote.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(12, started.GetProperty("commitments").GetInt32()); // the two-star one is not a nominee
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/commitments/top-ten", new { hostOrganizationId = t.County, year = 2027, owner = "Organization" })).StatusCode);

        // Three representatives vote: nine nominees 好, two 较好 (tied at the tenth place), one 一般.
        var meetingId = started.GetProperty("meetingId").GetInt64();
        var reporters = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();
        var codes = (await (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/codes", new { groupKey = "voters", count = 3 })).Content.ReadFromJsonAsync<JsonElement>())
            .EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).StatusCode);
        var phone = app.CreateClient();
        for (var r = 0; r < reporters.Length; r++)
        {
            foreach (var code in codes)
            {
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(code, meetingId, reporters[r], r < 9 ? "good" : r < 11 ? "fairlyGood" : "average"))).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).StatusCode);

        var named = await app.QueryAsync(db => db.TopTenNominations.Where(n => n.MeetingId == meetingId)
            .Join(db.MeetingReporters, n => n.ReporterId, r => r.Id, (n, r) => new { n.CommitmentId, r.Order }).OrderBy(x => x.Order).Select(x => x.CommitmentId).ToListAsync());
        var topTen = new List<long>();
        foreach (var id in named)
        {
            if ((await admin.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{id}")).GetProperty("topTen").GetBoolean())
            {
                topTen.Add(id);
            }
        }
        Assert.Equal(named.Take(11), topTen); // eleven: the tie at the tenth place is named whole, the twelfth is not
        var board = await app.CreateClient().GetStringAsync("/Public/Commitments?year=2027");
        Assert.Contains("2027年度“十佳”承诺", board);
        Assert.Equal(11, System.Text.RegularExpressions.Regex.Matches(board[board.IndexOf("id=\"top-ten\"", StringComparison.Ordinal)..board.IndexOf("</ol>", StringComparison.Ordinal)], "<li ").Count);
        // In 2028 the statistics board counts 2027's: thirteen given stars, twelve of them five, eleven named 十佳.
        clock.SetUtcNow(new DateTimeOffset(2028, 1, 5, 1, 0, 0, TimeSpan.Zero));
        var figures = (await (await app.SignInAsync("admin")).GetFromJsonAsync<JsonElement>("/api/v1/statistics?year=2027"))
            .GetProperty("sections").EnumerateArray().SelectMany(x => x.GetProperty("figures").EnumerateArray())
            .ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("total").GetInt32());
        Assert.Equal((13, 12, 12, 11), (figures["com.rated"], figures["com.stars3"], figures["com.stars5"], figures["com.topten"]));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task LookingBack_TheSecretariesReportOnTheirTermCommitments_AndEachCommitmentShowsItsResult(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var zhao = await app.QueryAsync(db => db.People.Where(p => p.Name == "赵一").Select(p => p.Id).FirstAsync());
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/people/{zhao}/positions", new { organizationId = tree.V11, title = "Secretary", termStart = "2024-01-01" })).IsSuccessStatusCode);
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var created = await admin.PostAsJsonAsync("/api/v1/commitments", new
        {
            organizationId = tree.V11, year = 2024, termEndYear = 2027, title = "2024—2027年任期承诺",
            items = new[] { new { target = "村集体经济年收入达到20万元", category = "发展经济", deadline = "2027-12-31" } },
        });
        var term = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        foreach (var step in new[] { "submit", "approve", "publish" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/commitments/{term}/{step}", new { })).StatusCode);
        }
        await PublishedCommitmentAsync(admin, tree.V12, 2026); // a year's commitment: not a term, not looked back on

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("v11sec")).PostAsJsonAsync("/api/v1/commitments/look-backs", new { hostOrganizationId = tree.T1, year = 2026 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync("/api/v1/commitments/look-backs", new { hostOrganizationId = tree.T1, year = 2023 })).StatusCode);
        var started = await township.PostAsJsonAsync("/api/v1/commitments/look-backs", new { hostOrganizationId = tree.T1, year = 2026, heldOn = "2026-12-20" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var meetingId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingId").GetInt64();
        var reporter = await app.QueryAsync(db => db.MeetingReporters.SingleAsync(r => r.MeetingId == meetingId));
        // The secretary reports, the commitment with its items and progress as the report.
        Assert.Equal(("赵一", zhao, tree.V11), (reporter.Name, reporter.PersonId, reporter.OrganizationId));
        Assert.Contains("2024—2027年任期承诺", reporter.ReportText);
        Assert.Contains("村集体经济年收入达到20万元（已完成 0%）", reporter.ReportText);

        var id = reporter.Id;
        var codes = new List<string>();
        foreach (var key in new[] { "members", "public" })
        {
            codes.AddRange((await (await township.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/codes", new { groupKey = key, count = 3 })).Content.ReadFromJsonAsync<JsonElement>())
                .EnumerateArray().Select(c => c.GetProperty("code").GetString()!));
        }
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).StatusCode);
        var phone = app.CreateClient();
        foreach (var code in codes)
        {
            Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(code, meetingId, id, "good"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).StatusCode);
        var page = await township.GetStringAsync($"/Commitments/Details/{term}");
        Assert.Contains("一号镇党委2026年任期承诺“回头看”", page);
        Assert.Contains("得分 ", page);
        Assert.Contains("好", page);
    }
}
