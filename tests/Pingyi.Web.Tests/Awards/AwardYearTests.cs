using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Awards;

/// <summary>评先选优 through the API: the customary awards, nominations refused with the record's reasons, review within the quota,
/// publicity with objections, approval after the period, publication with a numbered decision, the awards in the records.</summary>
public sealed class AwardYearTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Send(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> Nominate(HttpClient client, long award, object nominee) =>
        Send(client.PostAsJsonAsync($"/api/v1/awards/{award}/nominations", nominee));

    private static Task<(HttpStatusCode Status, JsonElement Body)> Step(HttpClient client, long nomination, string action, string? reason = null) =>
        Send(client.PostAsJsonAsync($"/api/v1/awards/nominations/{nomination}/steps", new { action, reason }));

    private static string Errors(JsonElement problem) =>
        string.Join(" ", problem.GetProperty("errors").EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(e => e.GetString())));

    [Theory, MemberData(nameof(Providers))]
    public async Task AYearOfCommendations_RefusesTheIneligible_PublicizesHearsObjections_AndPublishesTheDecision(string provider)
    {
        // Tuesday 1 December 2026, 08:00 China time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var other = await app.SignInAsync("t2admin");
        Assert.True((await admin.PutAsJsonAsync($"/api/v1/documents/issuers/{t.County}", new { name = "中共测试县委员会", prefix = "测组通" })).IsSuccessStatusCode);
        var people = await app.QueryAsync(db => db.People.ToDictionaryAsync(p => p.Name, p => p.Id));

        // The year's record: grades (V11, V12 先进; B13 一般; V21 后进 by a veto) and a 述职评议 where 赵一 was graded 较差.
        await AwardRecords.GradedYearAsync(admin, t);
        await AwardRecords.PoorYearAsync(app, admin, t, people["赵一"], people["钱二"]);

        // The customary awards of seed 001, once; a township may not open awards.
        var (status, customary) = await Send(admin.PostAsync("/api/v1/awards/customary/2026", null));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([175, 35, 100, 50, 10, 2], customary.EnumerateArray().Select(a => a.GetProperty("quota").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/api/v1/awards/customary/2026", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/v1/awards", new { year = 2026, name = "x", subject = "Person", quota = 1, rules = "None" })).StatusCode);
        var members = customary.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "优秀共产党员").GetProperty("id").GetInt64();
        var (_, opened) = await Send(admin.PostAsJsonAsync("/api/v1/awards", new { year = 2026, name = "先进党支部", subject = "Organization", quota = 1, rules = "NoPoorGrade, NoVeto, AdvancedOrStars" }));
        var branches = opened.GetProperty("id").GetInt64();

        // Refusals with the record's reasons: V21 vetoed and 后进; B13 一般 without stars; 赵一 较差 in the year; 李四's branch 后进.
        var v21 = await Nominate(admin, branches, new { organizationId = t.V21, deeds = "带领群众发展产业" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, v21.Status);
        Assert.Contains("一票否决事项：发生安全生产责任事故", Errors(v21.Body));
        Assert.Contains("既未定为“先进”（定为“后进”）", Errors(v21.Body));
        Assert.Contains("承诺未经三评评星", Errors(v21.Body));
        Assert.Contains("定为“一般”", Errors((await Nominate(admin, branches, new { organizationId = t.B13, deeds = "x" })).Body));
        var poor = await Nominate(township, members, new { personId = people["赵一"], deeds = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, poor.Status);
        Assert.Equal("不符合评选条件：2026 年度评议中被评为“较差”（2026年上半年村党组织书记述职评议会，2026年7月10日）", poor.Body.GetProperty("errors").GetProperty("personId")[0].GetString());
        Assert.Contains("定为“后进”", Errors((await Nominate(admin, members, new { personId = people["李四"], deeds = "x" })).Body));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Nominate(admin, members, new { organizationId = t.V11, deeds = "x" })).Status); // a person award
        // Scope: the second township neither nominates nor sees the first's branches.
        Assert.Equal(HttpStatusCode.NotFound, (await Nominate(other, branches, new { organizationId = t.V11, deeds = "x" })).Status);

        var (created, v11) = await Nominate(township, branches, new { organizationId = t.V11, deeds = "村集体经济收入翻番，党员活动室建成投用" });
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(("Nominated", "东村党支部"), (v11.GetProperty("state").GetString(), v11.GetProperty("nominee").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await Nominate(admin, branches, new { organizationId = t.V11, deeds = "重复" })).Status);
        var v12 = (await Nominate(admin, branches, new { organizationId = t.V12, deeds = "软弱涣散整顿成效明显" })).Body.GetProperty("id").GetInt64();
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>($"/api/v1/awards/{branches}")).GetProperty("nominations").EnumerateArray());
        // The county's workbench shows the two waiting for review.
        Assert.Matches("href=\"/Awards\" data-waiting=\"nominations\">\\s*<div[^>]*><div[^>]*>待审核的表彰提名</div><div class=\"py-stat\">2</div>", await admin.GetStringAsync("/"));

        // Review by the conferring side, within the quota of one; a rejection needs its reason; the publicity waits for every review.
        Assert.Equal(HttpStatusCode.Forbidden, (await Step(township, v11.GetProperty("id").GetInt64(), "Recommend")).Status);
        Assert.Equal("Recommended", (await Step(admin, v11.GetProperty("id").GetInt64(), "Recommend")).Body.GetProperty("state").GetString());
        var full = await Step(admin, v12, "Recommend");
        Assert.Equal(HttpStatusCode.Conflict, full.Status);
        Assert.Contains("达到名额 1 个", full.Body.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/awards/{branches}/publicity", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Step(admin, v12, "Reject")).Status);
        Assert.Equal("Rejected", (await Step(admin, v12, "Reject", "名额已满，本年度不予推荐")).Body.GetProperty("state").GetString());
        // Corrected while open: the quota never below those passed; removed only before anyone is nominated.
        var lower = await Send(admin.PutAsJsonAsync($"/api/v1/awards/{branches}", new { name = "先进党支部", quota = 0, rules = "NoPoorGrade, NoVeto, AdvancedOrStars" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lower.Status);
        Assert.Contains("已审核通过 1 个，名额不能少于此数", Errors(lower.Body));
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PutAsJsonAsync($"/api/v1/awards/{branches}", new { name = "先进党支部", quota = 2, rules = "None" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/v1/awards/{branches}")).StatusCode);
        var mistaken = (await Send(admin.PostAsJsonAsync("/api/v1/awards", new { year = 2026, name = "误设项目", subject = "Person", quota = 1, rules = "None" }))).Body.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/awards/{mistaken}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/awards/{mistaken}")).StatusCode);

        // 公示: five working days after today; the public page lists the name; objections are recorded and checked.
        var publicity = await Send(admin.PostAsJsonAsync($"/api/v1/awards/{branches}/publicity", new { }));
        Assert.Equal(("Publicity", "2026-12-01", "2026-12-08"), (publicity.Body.GetProperty("award").GetProperty("stage").GetString(),
            publicity.Body.GetProperty("award").GetProperty("publicityFrom").GetString(), publicity.Body.GetProperty("award").GetProperty("publicityUntil").GetString()));
        var board = await app.CreateClient().GetStringAsync("/Public/Awards?year=2026");
        Assert.Contains("2026年度先进党支部", board);
        Assert.Contains("东村党支部", board);
        Assert.DoesNotContain("村集体经济收入翻番", board);
        Assert.DoesNotContain("西村党支部", board); // rejected: not on the list
        Assert.Equal(HttpStatusCode.Conflict, (await Nominate(admin, branches, new { organizationId = t.G1, deeds = "x" })).Status); // no more nominations
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"/api/v1/awards/{branches}", new { name = "先进党支部", quota = 2, rules = "None" })).StatusCode);
        var objection = await Send(admin.PostAsJsonAsync($"/api/v1/awards/nominations/{v11.GetProperty("id").GetInt64()}/objections", new { text = "反映该村换届时有拉票行为" }));
        Assert.Equal(HttpStatusCode.Created, objection.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/awards/{branches}/approval", null)).StatusCode); // the period runs until 8 December
        clock.Advance(TimeSpan.FromDays(8)); // 9 December: signed in again, the sessions of the 1st have expired
        (admin, township, other) = (await app.SignInAsync("admin"), await app.SignInAsync("t1admin"), await app.SignInAsync("t2admin"));
        var waiting = await Send(admin.PostAsync($"/api/v1/awards/{branches}/approval", null));
        Assert.Equal(HttpStatusCode.Conflict, waiting.Status);
        Assert.Contains("1 件异议未核实处理", waiting.Body.GetProperty("detail").GetString());
        var cleared = await Send(admin.PostAsJsonAsync($"/api/v1/awards/objections/{objection.Body.GetProperty("id").GetInt64()}/resolution",
            new { upheld = false, finding = "经县纪委核查，反映问题不属实" }));
        Assert.Equal("Recommended", cleared.Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/awards/{branches}/publication", null)).StatusCode); // not approved yet
        Assert.Equal("Approved", (await Send(admin.PostAsync($"/api/v1/awards/{branches}/approval", null))).Body.GetProperty("award").GetProperty("stage").GetString());
        Assert.Equal("Published", (await Send(admin.PostAsync($"/api/v1/awards/{branches}/publication", null))).Body.GetProperty("award").GetProperty("stage").GetString());

        // The decision in the official format, numbered; the award in the branch's record, seen within scope only.
        var decision = OfficialFormat.Check(await township.GetByteArrayAsync($"/api/v1/awards/{branches}/decision.docx"));
        Assert.Equal(("关于表彰2026年度先进党支部的决定", "中共测试县委员会"), (decision.Title, decision.Issuer));
        Assert.Matches(@"^测组通〔2026〕\d+号$", decision.Number);
        Assert.Contains("东村党支部", decision.Body);
        Assert.Contains("2026年12月1日至2026年12月8日公示", decision.Body);
        Assert.DoesNotContain("西村党支部", decision.Body);
        // The clerk's workbook: a title, one row per nomination with its state and the objection's finding.
        var bytes = await admin.GetByteArrayAsync($"/api/v1/awards/{branches}/nominations.xlsx");
        Assert.Equal("2026年度先进党支部提名汇总表", Workbooks.PrintSetup(bytes).Title);
        var rows = Workbooks.Read(bytes);
        Assert.Equal(["序号", "被提名", "所在党组织", "主要事迹", "状态", "说明", "公示异议及核实"], rows[0][..7]);
        Assert.Equal(("东村党支部", "已表彰", "2026年12月1日：反映该村换届时有拉票行为（不属实：经县纪委核查，反映问题不属实）"), (rows[1][1], rows[1][4], rows[1][6]));
        Assert.Equal(("西村党支部", "未通过审核", "名额已满，本年度不予推荐"), (rows[2][1], rows[2][4], rows[2][5]));
        var record = await township.GetFromJsonAsync<JsonElement>($"/api/v1/awards/records?organizationId={t.V11}");
        Assert.Equal("先进党支部", record[0].GetProperty("award").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/awards/records?organizationId={t.V11}")).StatusCode);
        Assert.Contains("2026年度先进党支部", await township.GetStringAsync($"/Organizations/Details/{t.V11}"));

        // A person award: an objection found true withdraws the nomination; the decision names the others.
        var qian = (await Nominate(township, members, new { personId = people["钱二"], deeds = "带头发展茶叶产业" })).Body.GetProperty("id").GetInt64();
        var sun = (await Nominate(township, members, new { personId = people["孙三"], deeds = "坚持为孤寡老人义务服务" })).Body.GetProperty("id").GetInt64();
        Assert.Equal("Withdrawn", (await Step(township, sun, "Withdraw", "本人申请退出")).Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Step(admin, sun, "Recommend")).Status);
        var sunAgain = await Nominate(township, members, new { personId = people["孙三"], deeds = "x" });
        Assert.Equal(HttpStatusCode.Conflict, sunAgain.Status);
        Assert.Equal("Recommended", (await Step(admin, qian, "Recommend")).Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/awards/{members}/publicity", new { workingDays = 3 })).StatusCode);
        var upheld = (await Send(admin.PostAsJsonAsync($"/api/v1/awards/nominations/{qian}/objections", new { text = "该同志年内受过党内警告处分" }))).Body.GetProperty("id").GetInt64();
        var withdrawn = await Send(admin.PostAsJsonAsync($"/api/v1/awards/objections/{upheld}/resolution", new { upheld = true, finding = "经核实，该同志2026年5月受党内警告处分" }));
        Assert.Equal("Withdrawn", withdrawn.Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/awards/objections/{upheld}/resolution", new { upheld = false, finding = "x" })).StatusCode);
        clock.Advance(TimeSpan.FromDays(7));
        (admin, township, other) = (await app.SignInAsync("admin"), await app.SignInAsync("t1admin"), await app.SignInAsync("t2admin"));
        var empty = await Send(admin.PostAsync($"/api/v1/awards/{members}/approval", null));
        Assert.Contains("公示名单上已没有提名", empty.Body.GetProperty("detail").GetString());
        Assert.Empty(await township.GetFromJsonAsync<JsonElement[]>($"/api/v1/awards/records?personId={people["钱二"]}") ?? []);

        // Every change audited.
        var actions = await app.QueryAsync(db => db.AuditEntries.Where(e => e.Action.StartsWith("award.")).Select(e => e.Action).ToListAsync());
        foreach (var action in new[] { "award.create", "award.remove", "award.nominate", "award.recommend", "award.reject", "award.withdraw", "award.publicity", "award.objection",
                     "award.objection-resolve", "award.approve", "award.publish" })
        {
            Assert.Contains(action, actions);
        }
    }
}
