using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Core.Organizations;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Modules.Petitions;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Petitions;

/// <summary>
/// Petitions under the 信访工作条例 (2022) through the API, on a fake clock and the 2026 work calendar: a resident files online
/// (the 15-day routing limit running over the Mid-Autumn days off), tracks the case by code; the township transfers it to a
/// wrong unit that objects within 5 working days, then to the competent county unit, whose objection after the 5 working days
/// is refused; the unit accepts, extends once, answers with a numbered 处理意见书 in Word; the resident rates it and asks for a
/// 复查. A second case goes 处理 → 复查 → 复核 with a hearing, after which the same matter is not accepted again (§36).
/// </summary>
public sealed class PetitionTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    internal static async Task<long> CountyUnitAsync(TestApp app, long county) => await app.WithScopeAsync(async sp =>
    {
        sp.GetRequiredService<Scope>().UseWholeTree();
        return (await sp.GetRequiredService<CreateOrganizationHandler>().HandleAsync(
            new CreateOrganization("G9", "县住建局党支部", OrganizationLevel.Branch, OrganizationCategory.GovernmentUnit, county, new DateOnly(2000, 1, 1)))).Id;
    });

    internal static HttpRequestMessage Track(HttpMethod method, string path, string code, object? body = null)
    {
        var request = new HttpRequestMessage(method, "/api/v1/petitions/track" + path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(PetitionsApi.TrackingHeader, code);
        return request;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task FiledOnline_Transferred_Objected_Accepted_Extended_Answered_Rated_Reviewed(string provider)
    {
        // Thursday 10 September 2026, 09:00 China time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 10, 1, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        var g9 = await CountyUnitAsync(app, t.County);
        await app.CreateUserAsync("g9admin", "G9", Roles.OrganizationAdministrator);
        var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/documents/issuers/{t.County}", new { name = "中共测试县委员会", prefix = "测信" })).StatusCode);
        var resident = app.CreateClient();

        // Filing without an account: every missing fact named, nothing stored.
        var incomplete = await resident.PostAsJsonAsync("/api/v1/petitions/track/file", new { organizationId = t.T1, kind = "Claim", name = "", address = "", request = "修路", facts = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        var problem = await incomplete.Content.ReadAsStringAsync();
        foreach (var field in new[] { "\"name\"", "\"address\"", "\"phone\"", "\"facts\"" })
        {
            Assert.Contains(field, problem, StringComparison.Ordinal);
        }
        Assert.Equal(0, await app.QueryAsync(db => db.Petitions.CountAsync()));
        var notReceiving = await resident.PostAsJsonAsync("/api/v1/petitions/track/file",
            new { organizationId = t.V11, kind = "Claim", name = "王五", address = "一号镇东村3组", phone = "13800001234", request = "请求修复村道", facts = "村道被洪水冲毁，至今未修" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notReceiving.StatusCode);

        var filed = await resident.PostAsJsonAsync("/api/v1/petitions/track/file",
            new { organizationId = t.T1, kind = "Claim", name = "王五", address = "一号镇东村3组", phone = "13800001234", request = "请求修复村道", facts = "村道被洪水冲毁，至今未修" });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var f = await filed.Content.ReadFromJsonAsync<JsonElement>();
        var id = f.GetProperty("id").GetInt64();
        var code = f.GetProperty("trackingCode").GetString()!;
        Assert.Matches("^XF2026[0-9]{6}$", f.GetProperty("number").GetString());
        // 10 September + 15 days is 25 September, the first of the Mid-Autumn days off (25–27): the limit is Monday 28 September.
        Assert.Equal("2026-09-28", f.GetProperty("routingDue").GetString());
        Assert.EndsWith("/Public/Petitions/Track#" + code, f.GetProperty("trackingLink").GetString(), StringComparison.Ordinal);
        // At rest: the name, address and phone are not stored as text; the code only as a hash.
        var stored = await app.QueryAsync(db => db.Petitions.SingleAsync());
        Assert.DoesNotContain("王五", System.Text.Encoding.UTF8.GetString(stored.PetitionerName), StringComparison.Ordinal);
        Assert.DoesNotContain(code, stored.TrackingHash, StringComparison.Ordinal);

        // The resident tracks it by the code; a wrong code is not found, a malformed one refused.
        var view = await (await resident.SendAsync(Track(HttpMethod.Get, "/", code))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("待受理", "一号镇党委", false), (view.GetProperty("status").GetString(), view.GetProperty("unit").GetString(), view.GetProperty("canRate").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, (await resident.SendAsync(Track(HttpMethod.Get, "/", "ABCDEFGHJK"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await resident.SendAsync(Track(HttpMethod.Get, "/", "12"))).StatusCode);

        // Staff of the township see it masked; the other township does not see it at all.
        var township = await app.SignInAsync("t1admin");
        var list = await township.GetFromJsonAsync<JsonElement>("/api/v1/petitions");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("王*", list.GetProperty("items")[0].GetProperty("petitioner").GetString());
        var details = await township.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{id}");
        Assert.Equal("138****1234", details.GetProperty("phone").GetString());
        var other = await app.SignInAsync("t2admin");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/petitions/{id}")).StatusCode);
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/v1/petitions")).GetProperty("total").GetInt32());
        // The full contact for the unit holding it, each look audited.
        var contact = await township.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{id}/contact");
        Assert.Equal(("王五", "13800001234"), (contact.GetProperty("name").GetString(), contact.GetProperty("phone").GetString()));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "petition.reveal")));

        // Transferred to the wrong township, which objects the next day with reasons: it returns to the sender.
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/petitions/{id}/route", new { toOrganizationId = t.T2, how = "Transfer" })).StatusCode);
        clock.Advance(TimeSpan.FromDays(1)); // sessions end on the clock: sign in again
        other = await app.SignInAsync("t2admin");
        township = await app.SignInAsync("t1admin");
        var noReason = await other.PostAsJsonAsync($"/api/v1/petitions/{id}/object", new { reasons = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await other.PostAsJsonAsync($"/api/v1/petitions/{id}/object", new { reasons = "该村道属一号镇管养，不属本乡职权范围" })).StatusCode);
        details = await township.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{id}");
        Assert.Equal(("Registered", "一号镇党委"), (details.GetProperty("status").GetString(), details.GetProperty("handlingUnit").GetString()));

        // Transferred on Friday 11 September to the county unit: its 5 working days end Friday 18 September; on the 21st an objection is late.
        var routed = await township.PostAsJsonAsync($"/api/v1/petitions/{id}/route", new { toOrganizationId = g9, how = "Transfer", notes = "县道养护属县住建局" });
        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        Assert.Equal("2026-09-18", (await routed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("objectionDue").GetString());
        view = await (await resident.SendAsync(Track(HttpMethod.Get, "/", code))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("县住建局党支部", view.GetProperty("unit").GetString());
        Assert.Contains(view.GetProperty("steps").EnumerateArray(), s => s.GetProperty("text").GetString()!.StartsWith("已转送县住建局党支部处理", StringComparison.Ordinal));
        Assert.DoesNotContain(view.GetProperty("steps").EnumerateArray(), s => s.GetProperty("text").GetString()!.Contains("异议", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromDays(10)); // Monday 21 September
        var unit = await app.SignInAsync("g9admin");
        township = await app.SignInAsync("t1admin");
        var late = await unit.PostAsJsonAsync($"/api/v1/petitions/{id}/object", new { reasons = "不属本局" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("2026年9月18日", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The township that received it may follow it but no longer act on it.
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsync($"/api/v1/petitions/{id}/accept", null)).StatusCode);

        // Accepted on 21 September: 60 days to Friday 20 November; one extension of 30 to Sunday 20 December → Monday 21; no second.
        var accepted = await (await unit.PostAsync($"/api/v1/petitions/{id}/accept", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2026-11-20", accepted.GetProperty("handlingDue").GetString());
        // The petitioner is told in writing (§22, §23): a numbered 受理告知书 with the 60-day limit, also by the tracking code.
        var notice = OfficialFormat.Check(await unit.GetByteArrayAsync($"/api/v1/petitions/{id}/acceptance"));
        Assert.Equal(("中共测试县委员会", "测信〔2026〕1号", "关于" + f.GetProperty("number").GetString() + "号信访事项的受理告知书"), (notice.Issuer, notice.Number, notice.Title));
        foreach (var expected in new[] { "请求修复村道", "决定予以受理", "2026年9月21日", "2026年11月20日前", "第三十四条", "查询码" })
        {
            Assert.Contains(expected, notice.Body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await resident.SendAsync(Track(HttpMethod.Get, "/acceptance", code))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).GetAsync($"/api/v1/petitions/{id}/acceptance")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await unit.PostAsJsonAsync($"/api/v1/petitions/{id}/extend", new { days = 31, approvedBy = "张局长", reason = "需勘测" })).StatusCode);
        var extended = await (await unit.PostAsJsonAsync($"/api/v1/petitions/{id}/extend", new { days = 30, approvedBy = "张局长", reason = "需委托第三方勘测路基" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2026-12-21", extended.GetProperty("handlingDue").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await unit.PostAsJsonAsync($"/api/v1/petitions/{id}/extend", new { days = 5, approvedBy = "张局长", reason = "再延" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await resident.SendAsync(Track(HttpMethod.Post, "/rating", code, new { rating = "Satisfied" }))).StatusCode);

        // The answer: a numbered 处理意见书 in official format, with the way to a 复查.
        clock.Advance(TimeSpan.FromDays(20)); // 11 October
        unit = await app.SignInAsync("g9admin");
        admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await unit.PostAsJsonAsync($"/api/v1/petitions/{id}/answer", new { opinion = "Support", findings = "", basis = "" })).StatusCode);
        var answered = await (await unit.PostAsJsonAsync($"/api/v1/petitions/{id}/answer",
            new { opinion = "Support", findings = "经现场勘查，该路段路基冲毁约120米，属县道养护范围", basis = "《公路法》第三十五条" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Answered", "Support"), (answered.GetProperty("status").GetString(), answered.GetProperty("opinion").GetString()));
        Assert.Equal("2026-11-10", answered.GetProperty("reviewRequestUntil").GetString());
        var word = OfficialFormat.Check(await unit.GetByteArrayAsync($"/api/v1/petitions/{id}/replies/0"));
        Assert.Equal(("中共测试县委员会", "测信〔2026〕2号"), (word.Issuer, word.Number));
        Assert.Contains("处理意见书", word.Title, StringComparison.Ordinal);
        foreach (var expected in new[] { "请求修复村道", "路基冲毁约120米", "予以支持", "《公路法》第三十五条", "30日内，向测试县委请求复查" })
        {
            Assert.Contains(expected, word.Body, StringComparison.Ordinal);
        }
        // After the extension the notice still says what it said that day.
        Assert.Contains("2026年11月20日前", OfficialFormat.Check(await unit.GetByteArrayAsync($"/api/v1/petitions/{id}/acceptance")).Body, StringComparison.Ordinal);
        // The resident's own copy by the code.
        Assert.Equal(HttpStatusCode.OK, (await resident.SendAsync(Track(HttpMethod.Get, "/replies/0", code))).StatusCode);

        // The resident rates it once and asks for a 复查 within the 30 days: the county holds it now.
        view = await (await resident.SendAsync(Track(HttpMethod.Post, "/rating", code, new { rating = "FairlySatisfied" }))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("基本满意", view.GetProperty("rating").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await resident.SendAsync(Track(HttpMethod.Post, "/rating", code, new { rating = "Satisfied" }))).StatusCode);
        Assert.True(view.GetProperty("canAskReview").GetBoolean());
        view = await (await resident.SendAsync(Track(HttpMethod.Post, "/review", code, new { reasons = "修复标准偏低" }))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("复查中", "测试县委"), (view.GetProperty("status").GetString(), view.GetProperty("unit").GetString()));
        Assert.Equal("2026-11-10", view.GetProperty("due").GetString());
        // The county unit no longer holds it, nor received it: out of its sight.
        Assert.Equal(HttpStatusCode.NotFound, (await unit.PostAsJsonAsync($"/api/v1/petitions/{id}/answer", new { opinion = "Support", findings = "x", basis = "y" })).StatusCode);

        // The figures: one received, accepted, transferred twice (counted once per kind), answered with support = resolved, rated.
        var figures = await admin.GetFromJsonAsync<JsonElement>("/api/v1/petitions/statistics?year=2026");
        Assert.Equal((1, 1, 1, 0, 1), (figures.GetProperty("received").GetInt32(), figures.GetProperty("accepted").GetInt32(), figures.GetProperty("transferred").GetInt32(),
            figures.GetProperty("resolved").GetInt32(), figures.GetProperty("open").GetInt32()));
        Assert.Equal(1, figures.GetProperty("fairlySatisfied").GetInt32());
        // Every step is in the audit trail, and none of it names the resident.
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == "Petition").Select(a => a.Action + " " + a.Data).ToListAsync());
        Assert.Equal(["petition.accept", "petition.answer", "petition.extend", "petition.file", "petition.object", "petition.rate", "petition.reveal", "petition.review", "petition.transfer"],
            audit.Select(a => a.Split(' ')[0]).Distinct().Order());
        Assert.DoesNotContain(audit, a => a.Contains("王五", StringComparison.Ordinal) || a.Contains("13800001234", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheReviewChain_HandledReviewedRechecked_ThenNotAcceptedAgain(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero)); // Monday 2 November
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        await app.CreateUserAsync("v11admin", "V11", Roles.OrganizationAdministrator);
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var village = await app.SignInAsync("v11admin");

        // A letter received by the township, a group visit's representatives limited to five (§20).
        var six = await township.PostAsJsonAsync("/api/v1/petitions", new
        {
            organizationId = t.T1, kind = "Claim", channel = "Visit", name = "李六", address = "东村5组", phone = "13900002222", request = "请求发放土地流转费", facts = "2025年流转费未发",
            groupSize = 12, representatives = new[] { "李六", "周七", "吴八", "郑九", "王十", "冯一" }, receivedOn = "2026-11-02",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, six.StatusCode);
        Assert.Contains("第二十条", await six.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var filed = await (await township.PostAsJsonAsync("/api/v1/petitions", new
        {
            organizationId = t.T1, kind = "Claim", channel = "Visit", name = "李六", address = "东村5组", phone = "13900002222", request = "请求发放土地流转费", facts = "2025年流转费未发",
            groupSize = 12, representatives = new[] { "李六", "周七", "吴八" }, receivedOn = "2026-11-02",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = filed.GetProperty("id").GetInt64();
        var code = filed.GetProperty("trackingCode").GetString()!;
        var number = filed.GetProperty("number").GetString()!;
        Assert.Equal("李*、周*、吴*", (await township.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{id}")).GetProperty("representatives").GetString());

        // Assigned down to the village branch, which answers it (level 0).
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/petitions/{id}/route", new { toOrganizationId = t.V11, how = "Assign" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await village.PostAsync($"/api/v1/petitions/{id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await village.PostAsJsonAsync($"/api/v1/petitions/{id}/answer", new { opinion = "NotSupport", findings = "流转费已于2026年1月发放至户", basis = "流转合同第五条" })).StatusCode);
        var resident = app.CreateClient();

        // 复查 by the township (level 1): the petitioner asks by the code; the village can no longer answer.
        clock.Advance(TimeSpan.FromDays(3));
        village = await app.SignInAsync("v11admin");
        township = await app.SignInAsync("t1admin");
        Assert.Equal(HttpStatusCode.OK, (await resident.SendAsync(Track(HttpMethod.Post, "/review", code, new { reasons = "未收到" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.PostAsJsonAsync($"/api/v1/petitions/{id}/answer", new { opinion = "Support", findings = "x", basis = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync($"/api/v1/petitions/{id}/hearing", new { from = "2026-11-05", to = "2026-11-05" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/petitions/{id}/answer", new { opinion = "NotSupport", findings = "银行流水显示已发放", basis = "流转合同第五条" })).StatusCode);

        // 复核 by the county (level 2) with a three-day hearing, which the 30 days do not count (§36).
        clock.Advance(TimeSpan.FromDays(2)); // Saturday 7 November
        var rechecking = await (await resident.SendAsync(Track(HttpMethod.Post, "/review", code, new { reasons = "银行流水有误" }))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("复核中", "2026-12-07"), (rechecking.GetProperty("status").GetString(), rechecking.GetProperty("due").GetString()));
        clock.Advance(TimeSpan.FromDays(10));
        admin = await app.SignInAsync("admin");
        var heard = await (await admin.PostAsJsonAsync($"/api/v1/petitions/{id}/hearing", new { from = "2026-11-12", to = "2026-11-14", notes = "听证会到会15人" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("2026-12-10", 3), (heard.GetProperty("reviewDue").GetString(), heard.GetProperty("hearingDays").GetInt32()));
        var final = await (await admin.PostAsJsonAsync($"/api/v1/petitions/{id}/answer", new { opinion = "Explain", findings = "流转费已发，银行代发延迟", basis = "《农村土地经营权流转管理办法》" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 3), (final.GetProperty("level").GetInt32(), final.GetProperty("replies").GetArrayLength()));
        var view = await (await resident.SendAsync(Track(HttpMethod.Get, "/", code))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(view.GetProperty("canAskReview").GetBoolean());
        var again = await resident.SendAsync(Track(HttpMethod.Post, "/review", code, new { reasons = "仍不服" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("第三十六条", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same request on the same facts, filed again, is not accepted, citing the 复核 case; a case without one cannot be cited.
        var repeat = (await (await resident.PostAsJsonAsync("/api/v1/petitions/track/file",
            new { organizationId = t.County, kind = "Claim", name = "李六", address = "东村5组", phone = "13900002222", request = "请求发放土地流转费", facts = "2025年流转费未发" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var other = (await (await resident.PostAsJsonAsync("/api/v1/petitions/track/file",
            new { organizationId = t.County, kind = "Suggestion", name = "赵甲", address = "西村", phone = "13700003333", request = "建议增设路灯", facts = "夜间出行不便" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        var wrong = await admin.PostAsJsonAsync($"/api/v1/petitions/{repeat}/not-accept", new { ground = "FinalAfterRecheck", reason = "重复信访", earlierNumber = other });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var refused = await (await admin.PostAsJsonAsync($"/api/v1/petitions/{repeat}/not-accept", new { ground = "FinalAfterRecheck", reason = "已经复核，不再受理", earlierNumber = number }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Closed", "NotAccepted", number), (refused.GetProperty("status").GetString(), refused.GetProperty("closing").GetString(), refused.GetProperty("earlierNumber").GetString()));

        // Closed is not resolved: the 复核's explanation resolves the first; the refusal does not; the suggestion is open.
        var figures = await admin.GetFromJsonAsync<JsonElement>("/api/v1/petitions/statistics?year=2026");
        Assert.Equal((3, 1, 1, 1, 1), (figures.GetProperty("received").GetInt32(), figures.GetProperty("resolved").GetInt32(), figures.GetProperty("unresolved").GetInt32(),
            figures.GetProperty("open").GetInt32(), figures.GetProperty("assigned").GetInt32()));
    }
}
