using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.OpenAffairs;

/// <summary>
/// 四议两公开 worked through: a village's road taken from the branch's proposal to the published result (a step skipped, a date before
/// the step before, a members' meeting without its quorum and a publication without its place refused beside their fields); a second
/// matter voted down by the members' meeting ends there and never reaches the public board; the micro-power list kept by the county;
/// scope (another township sees nothing, a non-village is refused); the year's counts; an openness rating answered on phones.
/// </summary>
public sealed class OpenAffairsTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    private static async Task Refused(HttpResponseMessage response, string field, string message)
    {
        var body = await Json(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out var errors), $"{field}: {body}");
        Assert.Contains(message, errors[0].GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AVillageRoad_GoesThroughFourDeliberationsAndTwoPublications_InOrder(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var admin = await app.SignInAsync("admin");
        var secretary = await app.SignInAsync("v11sec");

        // The county keeps the micro-power list; a township may not.
        var power = new { number = 1, name = "村级重大事项决策", category = "重大事项决策", procedure = "党支部提议→村“两委”商议→党员大会审议→村民代表会议决议→决议公开→实施结果公开", basis = "村民委员会组织法第二十四条", needsDecision = true };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("t1admin")).PostAsJsonAsync("/api/v1/open-affairs/powers", power)).StatusCode);
        var powerId = (await Json(await admin.PostAsJsonAsync("/api/v1/open-affairs/powers", power), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await Refused(await admin.PostAsJsonAsync("/api/v1/open-affairs/powers", power with { name = "另一项" }), "number", "序号 1 已用于另一项权力");

        object Proposal(long organizationId, string title) => new { organizationId, title, matter = "硬化东村至西村道路 2.3 公里，预算 46 万元，申请一事一议奖补 30 万元。", powerId, on = "2026-10-08", minutes = "支部委员会 5 人到会，一致同意提议。" };
        await Refused(await admin.PostAsJsonAsync("/api/v1/open-affairs/decisions", Proposal(t.B13, "修路")), "organizationId", "不是村（社区）党组织");
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsJsonAsync("/api/v1/open-affairs/decisions", Proposal(t.V11, "修路"))).StatusCode);
        var road = await Json(await secretary.PostAsJsonAsync("/api/v1/open-affairs/decisions", Proposal(t.V11, "东村至西村道路硬化")), HttpStatusCode.Created);
        var id = road.GetProperty("id").GetInt64();
        Assert.Equal(["党支部提议", "村“两委”会议商议", "党员大会审议", "村民代表会议决议", "决议公开", "实施结果公开"],
            road.GetProperty("stepNames").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(1, road.GetProperty("next").GetProperty("index").GetInt32());

        Task<HttpResponseMessage> Step(HttpClient client, object step) => client.PostAsJsonAsync($"/api/v1/open-affairs/decisions/{id}/steps", step);
        await Refused(await Step(secretary, new { step = 2, on = "2026-10-12", minutes = "审议", entitled = 20, present = 15, @for = 14 }), "step", "须先完成“村“两委”会议商议”");
        await Refused(await Step(secretary, new { step = 1, on = "2026-10-07", minutes = "商议" }), "on", "不能早于上一步");
        await Json(await Step(secretary, new { step = 1, on = "2026-10-10", minutes = "两委成员 7 人商议，形成实施方案。" }), HttpStatusCode.OK);
        await Refused(await Step(secretary, new { step = 2, on = "2026-10-12", minutes = "审议", entitled = 20, present = 10, @for = 10 }), "present", "至少 11 人到会");
        await Json(await Step(secretary, new { step = 2, on = "2026-10-12", minutes = "党员大会审议实施方案。", entitled = 20, present = 11, @for = 9, against = 1, abstain = 1 }), HttpStatusCode.OK);
        await Refused(await Step(secretary, new { step = 3, on = "2026-10-15", minutes = "决议", entitled = 30, present = 19, @for = 19 }), "present", "第二十六条");
        await Json(await Step(secretary, new { step = 3, on = "2026-10-15", minutes = "村民代表会议表决。", entitled = 30, present = 20, @for = 18, against = 2, abstain = 0 }), HttpStatusCode.OK);
        await Refused(await Step(secretary, new { step = 4, on = "2026-10-16", minutes = "决议全文" }), "place", "公开的地方");
        await Json(await Step(secretary, new { step = 4, on = "2026-10-16", minutes = "决议全文及预算", place = "东村村务公开栏、村民微信群" }), HttpStatusCode.OK);

        // Published: residents see the matter and the votes as numbers, never who recorded them.
        var board = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/Public/OpenAffairs"));
        Assert.Contains("东村至西村道路硬化", board, StringComparison.Ordinal);
        Assert.Contains("应到 30，实到 20；赞成 18，反对 2，弃权 0", board, StringComparison.Ordinal);
        Assert.Contains("实施中", board, StringComparison.Ordinal);
        Assert.DoesNotContain("v11sec", board, StringComparison.Ordinal);

        var done = await Json(await Step(secretary, new { step = 5, on = "2026-11-20", minutes = "竣工验收情况及资金使用明细", place = "东村村务公开栏", result = "道路 2.3 公里已硬化并通过验收，实际支出 44.8 万元。" }), HttpStatusCode.OK);
        Assert.Equal("Completed", done.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Step(secretary, new { step = 5, on = "2026-11-21", minutes = "再次", place = "栏" })).StatusCode);

        // A second matter voted down by the members' meeting ends there and stays off the public board.
        var square = (await Json(await secretary.PostAsJsonAsync("/api/v1/open-affairs/decisions", Proposal(t.V11, "出租村集体广场")), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await Json(await secretary.PostAsJsonAsync($"/api/v1/open-affairs/decisions/{square}/steps", new { step = 1, on = "2026-10-09", minutes = "商议" }), HttpStatusCode.OK);
        var down = await Json(await secretary.PostAsJsonAsync($"/api/v1/open-affairs/decisions/{square}/steps",
            new { step = 2, on = "2026-10-11", minutes = "多数党员认为不宜出租。", entitled = 20, present = 12, @for = 6, against = 5, abstain = 1 }), HttpStatusCode.OK);
        Assert.Equal("NotPassed", down.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, down.GetProperty("next").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await secretary.PostAsJsonAsync($"/api/v1/open-affairs/decisions/{square}/steps",
            new { step = 3, on = "2026-10-12", minutes = "决议", entitled = 30, present = 25, @for = 20 })).StatusCode);
        // Another query string: rendered now, not the copy the public cache kept above.
        Assert.DoesNotContain("出租村集体广场", WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/Public/OpenAffairs?fresh=1")), StringComparison.Ordinal);

        // The year's counts, and scope: another township sees neither.
        var summary = await admin.GetFromJsonAsync<JsonElement>("/api/v1/open-affairs/decisions/summary?year=2026");
        var total = summary.GetProperty("total");
        Assert.Equal((2, 0, 1, 1, 1), (total.GetProperty("proposed").GetInt32(), total.GetProperty("inProgress").GetInt32(), total.GetProperty("notPassed").GetInt32(),
            total.GetProperty("completed").GetInt32(), total.GetProperty("published").GetInt32()));
        Assert.Equal("一号镇党委", summary.GetProperty("rows").EnumerateArray().Single().GetProperty("name").GetString());
        var other = await app.SignInAsync("t2admin");
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/v1/open-affairs/decisions")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/open-affairs/decisions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/open-affairs/decisions/{square}/steps", new { step = 3, on = "2026-10-12", minutes = "x" })).StatusCode);
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/open-affairs/powers"))[0].GetProperty("decisions").GetInt32());

        var statistics = await admin.GetFromJsonAsync<JsonElement>("/api/v1/statistics?year=2026");
        var figures = statistics.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray()).ToDictionary(f => f.GetProperty("key").GetString()!);
        Assert.Equal((2, 1, 1), (figures["base.decisions"].GetProperty("total").GetInt32(), figures["base.decisions.published"].GetProperty("total").GetInt32(),
            figures["base.decisions.notpassed"].GetProperty("total").GetInt32()));

        Assert.Equal(1 + 2 + 5 + 2, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action.StartsWith("openaffairs."))));
        Assert.Equal(6, await app.QueryAsync(db => db.VillageDecisionSteps.CountAsync(s => s.DecisionId == id)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnOpennessRating_IsAnsweredWithCodes_AndPublishedPerVillage(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Refused(await township.PostAsJsonAsync("/api/v1/open-affairs/ratings", new { organizationId = t.T1, year = 2026, heldOn = today, respondents = 6 }), "organizationId", "按村（社区）进行");
        Assert.Equal(HttpStatusCode.NotFound, (await township.PostAsJsonAsync("/api/v1/open-affairs/ratings", new { organizationId = t.V21, year = 2026, heldOn = today, respondents = 6 })).StatusCode);
        var meetingId = (await Json(await township.PostAsJsonAsync("/api/v1/open-affairs/ratings", new { organizationId = t.V11, year = 2026, heldOn = today, respondents = 6 }),
            HttpStatusCode.Created)).GetProperty("meetingId").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync("/api/v1/open-affairs/ratings", new { organizationId = t.V11, year = 2026, heldOn = today, respondents = 6 })).StatusCode);

        // 4 满意, 1 基本满意, 1 不了解: 80.0% satisfied, 100.0% at least basically, 16.7% did not know.
        var admin = await app.SignInAsync("admin");
        var reporter = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters")[0].GetProperty("id").GetInt64();
        var codes = await MeetingFixture.CodesAsync(admin, meetingId, "respondents", 6);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).StatusCode);
        var phone = app.CreateClient();
        var next = 0;
        foreach (var grade in new[] { "good", "good", "good", "good", "fairlyGood", "poor" })
        {
            Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(codes[next++], meetingId, reporter, grade))).StatusCode);
        }
        var before = (await township.GetFromJsonAsync<JsonElement>("/api/v1/open-affairs/ratings")).EnumerateArray().Single();
        Assert.False(before.GetProperty("published").GetBoolean());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("result").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).StatusCode);

        var result = (await township.GetFromJsonAsync<JsonElement>("/api/v1/open-affairs/ratings")).EnumerateArray().Single().GetProperty("result");
        Assert.Equal((80.0m, 100.0m, 16.7m), (result.GetProperty("satisfactionRate").GetDecimal(), result.GetProperty("basicRate").GetDecimal(), result.GetProperty("unknownShare").GetDecimal()));
        Assert.Empty((await (await app.SignInAsync("t2admin")).GetFromJsonAsync<JsonElement>("/api/v1/open-affairs/ratings")).EnumerateArray());
        var board = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/Public/OpenAffairs"));
        Assert.Contains("东村党支部", board, StringComparison.Ordinal);
        Assert.Contains("80.0%", board, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await township.GetStringAsync("/OpenAffairs"));
        Assert.Contains("16.7%", page, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "openaffairs.rating")));
    }
}
