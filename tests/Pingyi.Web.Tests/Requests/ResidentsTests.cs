using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Demo;
using Pingyi.Web.Modules.Requests;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Requests;

/// <summary>
/// Residents' side of 党建 O2O: a request filed without an account and followed by its tracking code, rated once it is closed; the
/// four-level grid groups requests come from; 1 + (3 + X) service teams with their households (personal data encrypted, masked,
/// revealed only with an audit entry) and visits — each rule's refusal, and another township's account refused.
/// </summary>
public sealed class ResidentsTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static HttpRequestMessage Track(HttpMethod method, string path, string code, object? body = null)
    {
        var request = new HttpRequestMessage(method, "/api/v1/requests/track" + path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(TrackingCodes.Header, code);
        return request;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AResident_FilesWithoutAnAccount_FollowsItByCode_AndRatesItOnceClosed(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var resident = app.CreateClient();

        var incomplete = await resident.PostAsJsonAsync("/api/v1/requests/track/file", new { serviceCode = "ROAD", description = "", attributes = new { township = Array.Empty<string>() } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        var problem = await incomplete.Content.ReadAsStringAsync();
        foreach (var field in new[] { "\"description\"", "\"address_string\"", "\"attribute[township]\"" })
        {
            Assert.Contains(field, problem, StringComparison.Ordinal);
        }
        Assert.Equal(0, await app.QueryAsync(db => db.ServiceRequests.CountAsync()));

        var filed = await resident.PostAsJsonAsync("/api/v1/requests/track/file", new
        {
            serviceCode = "ROAD", description = "东村三组生产路雨后泥泞，请求硬化", address = "东村三组", name = "王五", phone = "13800001234",
            attributes = new { township = new[] { t.T1.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var f = await filed.Content.ReadFromJsonAsync<JsonElement>();
        var code = f.GetProperty("trackingCode").GetString()!;
        Assert.Matches("^[2-9A-HJKMNP-Z]{10}$", code);
        Assert.EndsWith("/Public/Requests/Track#" + code, f.GetProperty("trackingLink").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, f.GetProperty("request").ValueKind);
        var stored = await app.QueryAsync(db => db.ServiceRequests.SingleAsync());
        Assert.Equal((RequestSource.PublicPage, t.T1), (stored.Source, stored.OrganizationId));
        Assert.DoesNotContain("王五", System.Text.Encoding.UTF8.GetString(stored.RequesterName!), StringComparison.Ordinal);
        Assert.DoesNotContain(code, stored.TrackingHash!, StringComparison.Ordinal);

        var view = await (await resident.SendAsync(Track(HttpMethod.Get, "", code.ToLowerInvariant()[..5] + "-" + code[5..]))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("办理中", "一号镇党委", false), (view.GetProperty("status").GetString(), view.GetProperty("unit").GetString(), view.GetProperty("canRate").GetBoolean()));
        Assert.StartsWith("已交一号镇办理，", view.GetProperty("steps")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.SendAsync(Track(HttpMethod.Get, "", "ABCDEFGHJK"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await resident.SendAsync(Track(HttpMethod.Get, "", "123"))).StatusCode);
        var early = await resident.SendAsync(Track(HttpMethod.Post, "/rating", code, new { rating = "Satisfied" }));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("办结后才能评价", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var township = await app.SignInAsync("t1admin");
        // The holder sees the requester masked, and in full to call back — each look audited; another township nothing.
        var masked = await township.GetFromJsonAsync<JsonElement>($"/api/v1/requests/{stored.Id}");
        Assert.Equal(("王*", "138****1234"), (masked.GetProperty("requester").GetString(), masked.GetProperty("phone").GetString()));
        var contact = await (await township.PostAsync($"/api/v1/requests/{stored.Id}/contact", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("王五", "13800001234"), (contact.GetProperty("name").GetString(), contact.GetProperty("phone").GetString()));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "request.contact" && a.UserName == "t1admin")));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsync($"/api/v1/requests/{stored.Id}/contact", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/requests/{stored.Id}/assign", new { organizationId = t.V11, notes = "请东村核实" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/requests/{stored.Id}/notes", new { notes = "已铺设碎石路面 300 米", close = true })).StatusCode);
        view = await (await resident.SendAsync(Track(HttpMethod.Get, "", code))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("已办结", "东村党支部", "已铺设碎石路面 300 米", true), (view.GetProperty("status").GetString(), view.GetProperty("unit").GetString(),
            view.GetProperty("statusNotes").GetString(), view.GetProperty("canRate").GetBoolean()));
        Assert.Equal(3, view.GetProperty("steps").GetArrayLength());
        Assert.DoesNotContain("t1admin", view.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await resident.SendAsync(Track(HttpMethod.Post, "/rating", code, new { rating = (string?)null }))).StatusCode);
        var rated = await resident.SendAsync(Track(HttpMethod.Post, "/rating", code, new { rating = "FairlySatisfied" }));
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal("基本满意", (await rated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rating").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await resident.SendAsync(Track(HttpMethod.Post, "/rating", code, new { rating = "Dissatisfied" }))).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "request.rate" && a.UserName == "public")));

        // Staff give the resident a code for a request taken by phone; the year's ratings in the township's scope.
        var byPhone = await township.PostAsJsonAsync("/api/v1/requests", new { serviceCode = "WATER", description = "水压低", address = "西村", attributes = new { township = new[] { t.T1.ToString(System.Globalization.CultureInfo.InvariantCulture) } } });
        Assert.Equal(HttpStatusCode.Created, byPhone.StatusCode);
        var second = await byPhone.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Staff", second.GetProperty("request").GetProperty("source").GetString());
        Assert.Equal("办理中", (await (await resident.SendAsync(Track(HttpMethod.Get, "", second.GetProperty("trackingCode").GetString()!))).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("status").GetString());
        var ratings = await township.GetFromJsonAsync<JsonElement>("/api/v1/requests/ratings");
        var counts = ratings.GetProperty("result").GetProperty("counts");
        Assert.Equal((1, 0, 1, 0), (ratings.GetProperty("closed").GetInt32(), counts.GetProperty("satisfied").GetInt32(), counts.GetProperty("basic").GetInt32(), counts.GetProperty("dissatisfied").GetInt32()));
        Assert.Equal((0.0m, 100.0m), (ratings.GetProperty("result").GetProperty("satisfactionRate").GetDecimal(), ratings.GetProperty("result").GetProperty("basicRate").GetDecimal()));
        Assert.Equal(0, (await (await app.SignInAsync("t2admin")).GetFromJsonAsync<JsonElement>("/api/v1/requests/ratings")).GetProperty("closed").GetInt32());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Photos_AreKeptWithTheRequest_AtMostThree_AndOnlyPictures(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        IFormFile Photo(string name, byte[] bytes) => new FormFile(new MemoryStream(bytes), 0, bytes.Length, "photos", name);
        FileRequest Request() => new("LIGHT", "路灯不亮", "东村口", null, null, new Dictionary<string, string[]> { ["township"] = [t.T1.ToString(System.Globalization.CultureInfo.InvariantCulture)] },
            Source: RequestSource.PublicPage);
        async Task<Exception?> FileAsync(params IFormFile[] photos) => await Record.ExceptionAsync(() => app.WithScopeAsync(sp =>
            sp.GetRequiredService<FileRequestHandler>().HandleAsync(Request(), photos)));

        var tooMany = await FileAsync(Photo("1.png", png), Photo("2.png", png), Photo("3.png", png), Photo("4.png", png));
        Assert.Contains("最多附 3 张照片", Assert.IsType<RuleViolation>(tooMany).Message, StringComparison.Ordinal);
        var renamed = await FileAsync(Photo("路灯.png", "<script>alert(1)</script>"u8.ToArray()));
        Assert.Contains("内容不是 .png 文件", Assert.IsType<RuleViolation>(renamed).Message, StringComparison.Ordinal);
        Assert.IsType<RuleViolation>(await FileAsync(Photo("说明.pdf", "%PDF-1.4"u8.ToArray())));
        Assert.Equal(0, await app.QueryAsync(db => db.ServiceRequests.CountAsync()));

        Assert.Null(await FileAsync(Photo("路灯.png", png), Photo("远景.png", png)));
        Assert.Equal(2, await app.QueryAsync(db => db.ServiceRequestPhotos.CountAsync()));
        var entry = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "request.file"));
        Assert.Contains("\"photos\":2", entry.Data, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task GridGroups_StandAtFourLevels_AndCountTheRequestsTheyBring(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        async Task<HttpResponseMessage> Add(HttpClient client, long? parentId, long organizationId, string name, int members = 30) =>
            await client.PostAsJsonAsync("/api/v1/requests/grid-groups", new { parentId, organizationId, name, members, keeper = "张群主" });
        async Task<long> Id(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        async Task Refused(HttpResponseMessage response, HttpStatusCode status, string words)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(words, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Refused(await Add(admin, null, t.T1, "一号镇群"), HttpStatusCode.UnprocessableEntity, "应由县委建立");
        var county = await Id(await Add(admin, null, t.County, "测试县党群服务群", 260));
        await Refused(await Add(admin, county, t.V11, "东村群"), HttpStatusCode.UnprocessableEntity, "乡镇级群应由乡镇党委建立");
        var township = await Id(await Add(admin, county, t.T1, "一号镇党群服务群", 90));
        await Refused(await Add(admin, township, t.V21, "南村群"), HttpStatusCode.UnprocessableEntity, "不在上级群一号镇党群服务群所属的一号镇党委之下");
        await Refused(await Add(admin, township, t.B13, "甲公司群"), HttpStatusCode.UnprocessableEntity, "村级群应由村（社区）党组织建立");
        var t1admin = await app.SignInAsync("t1admin");
        var village = await Id(await Add(t1admin, township, t.V11, "东村党群群", 40));
        await Refused(await Add(t1admin, township, t.V11, "东村党群群"), HttpStatusCode.UnprocessableEntity, "已有名为“东村党群群”的群");
        await Refused(await Add(t1admin, village, t.V11, "东村3组群", 600), HttpStatusCode.UnprocessableEntity, "最多 500 人");
        var group = await Id(await Add(t1admin, village, t.V11, "东村3组群", 35));
        await Refused(await Add(t1admin, group, t.V11, "东村3组1户群"), HttpStatusCode.UnprocessableEntity, "只分县、乡镇、村、组四级");
        Assert.Equal(HttpStatusCode.NotFound, (await Add(await app.SignInAsync("t2admin"), village, t.V11, "南村来建")).StatusCode);

        // A request names the group it came from — one of its township's groups.
        var attributes = new { township = new[] { t.T1.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        Assert.Equal(HttpStatusCode.Created, (await t1admin.PostAsJsonAsync("/api/v1/requests", new { serviceCode = "ROAD", description = "生产路", address = "东村三组", attributes, gridGroupId = group })).StatusCode);
        var elsewhere = await admin.PostAsJsonAsync("/api/v1/requests", new { serviceCode = "ROAD", description = "生产路", address = "南村", gridGroupId = group,
            attributes = new { township = new[] { t.T2.ToString(System.Globalization.CultureInfo.InvariantCulture) } } });
        await Refused(elsewhere, HttpStatusCode.UnprocessableEntity, "请选择诉求所在乡镇的网格群");
        var request = await app.QueryAsync(db => db.ServiceRequests.SingleAsync());
        Assert.Equal((RequestSource.GridGroup, "东村3组群", (long?)group), (request.Source, request.GridGroup, request.GridGroupId));

        Assert.Equal(HttpStatusCode.OK, (await t1admin.PutAsJsonAsync($"/api/v1/requests/grid-groups/{group}", new { name = "东村3组群", members = 41, keeper = "李网格" })).StatusCode);
        var summary = await t1admin.GetFromJsonAsync<JsonElement>("/api/v1/requests/grid-groups/summary");
        Assert.Equal((3, 90 + 40 + 41, 1, 0), (summary.GetProperty("groups").GetInt32(), summary.GetProperty("members").GetInt32(), summary.GetProperty("requests").GetInt32(), summary.GetProperty("closed").GetInt32()));
        Assert.Equal(["County 0 0", "Township 1 90", "Village 1 40", "Group 1 41"], summary.GetProperty("levels").EnumerateArray()
            .Select(l => $"{l.GetProperty("level").GetString()} {l.GetProperty("groups").GetInt32()} {l.GetProperty("members").GetInt32()}"));
        var countyView = await admin.GetFromJsonAsync<JsonElement>("/api/v1/requests/grid-groups/summary");
        Assert.Equal((4, 260 + 171), (countyView.GetProperty("groups").GetInt32(), countyView.GetProperty("members").GetInt32()));
        var rows = (await t1admin.GetFromJsonAsync<JsonElement>("/api/v1/requests/grid-groups?level=Group")).GetProperty("items");
        Assert.Equal(1, rows.GetArrayLength());
        Assert.Equal(("东村3组群", "东村党群群", 41, "李网格", 1), (rows[0].GetProperty("name").GetString(), rows[0].GetProperty("parent").GetString(), rows[0].GetProperty("members").GetInt32(),
            rows[0].GetProperty("keeper").GetString(), rows[0].GetProperty("openRequests").GetInt32()));
        Assert.Equal(0, (await (await app.SignInAsync("t2admin")).GetFromJsonAsync<JsonElement>("/api/v1/requests/grid-groups")).GetProperty("total").GetInt32());
        Assert.Equal((4, 1), (await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "request.grid")), await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "request.grid-update"))));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AServiceTeam_IsOnePlusThreePlusX_PairsHouseholds_AndIsFlaggedWhenNotVisitedForAQuarter(string provider)
    {
        // Monday 15 June 2026, 10:00 China time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");
        var other = await app.SignInAsync("t2admin");

        var enterprise = await township.PostAsJsonAsync("/api/v1/requests/teams", new { organizationId = t.B13, name = "甲公司团队", formedOn = "2026-01-10" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, enterprise.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync("/api/v1/requests/teams", new { organizationId = t.V11, name = "东村服务团队", formedOn = "2026-07-01" })).StatusCode);
        var formed = await township.PostAsJsonAsync("/api/v1/requests/teams", new { organizationId = t.V11, name = "东村服务团队", formedOn = "2026-01-10" });
        Assert.Equal(HttpStatusCode.Created, formed.StatusCode);
        var team = await formed.Content.ReadFromJsonAsync<JsonElement>();
        var id = team.GetProperty("id").GetInt64();
        Assert.Equal(["牵头干部", "乡镇干部", "村干部", "驻村工作队员"], team.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

        async Task<JsonElement> Member(string name, string role, string unit)
        {
            var response = await township.PostAsJsonAsync($"/api/v1/requests/teams/{id}/members", new { name, role, unit });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        await Member("周县长", "Leader", "县农业农村局");
        var second = await township.PostAsJsonAsync($"/api/v1/requests/teams/{id}/members", new { name = "吴局长", role = "Leader", unit = "县民政局" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Contains("周县长已是牵头干部", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Member("郑干事", "TownshipCadre", "一号镇党委");
        await Member("冯主任", "VillageCadre", "东村党支部");
        Assert.Equal(["驻村工作队员"], (await Member("陈农技", "Specialist", "县农技站")).GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Empty((await Member("褚队员", "WorkTeamMember", "驻村工作队")).GetProperty("missing").EnumerateArray());

        var household = new { organizationId = t.V11, headName = "王小二", phone = "13912340000", address = "一号镇东村3组12号", size = 4, reason = "因病", pairedOn = "2026-03-01" };
        var outside = await township.PostAsJsonAsync($"/api/v1/requests/teams/{id}/households", household with { organizationId = t.V12 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains("团队服务范围内的村", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/requests/teams/{id}/households", household with { pairedOn = "2025-12-01" })).StatusCode);
        var paired = await township.PostAsJsonAsync($"/api/v1/requests/teams/{id}/households", household);
        Assert.Equal(HttpStatusCode.Created, paired.StatusCode);
        var householdId = (await paired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var stored = await app.QueryAsync(db => db.PairedHouseholds.SingleAsync());
        foreach (var secret in new[] { stored.HeadName, stored.Address, stored.Phone! })
        {
            var text = System.Text.Encoding.UTF8.GetString(secret);
            Assert.DoesNotContain("王小二", text, StringComparison.Ordinal);
            Assert.DoesNotContain("东村3组12号", text, StringComparison.Ordinal);
            Assert.DoesNotContain("13912340000", text, StringComparison.Ordinal);
        }

        var visit = new { on = "2026-03-10", visitors = "周县长、冯主任", notes = "送去米面油，讲解医保报销", help = "Relief", amount = 300m };
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/requests/households/{householdId}/visits", visit with { on = "2026-02-28" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/requests/households/{householdId}/visits", visit with { on = "2026-06-16" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await township.PostAsJsonAsync($"/api/v1/requests/households/{householdId}/visits", visit)).StatusCode);

        // 10 March to 15 June is 97 days: the household is flagged until the next visit.
        var details = await township.GetFromJsonAsync<JsonElement>($"/api/v1/requests/teams/{id}");
        var shown = details.GetProperty("households")[0];
        Assert.Equal(("王**", "139****0000", true, 1), (shown.GetProperty("headName").GetString(), shown.GetProperty("phone").GetString(), shown.GetProperty("overlooked").GetBoolean(),
            shown.GetProperty("visits").GetInt32()));
        Assert.DoesNotContain("东村3组12号", details.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, (await township.GetFromJsonAsync<JsonElement>("/api/v1/requests/teams/summary")).GetProperty("notVisitedInQuarter").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await township.PostAsJsonAsync($"/api/v1/requests/households/{householdId}/visits",
            visit with { on = "2026-06-12", help = "Industry", notes = "送鸡苗 50 只", amount = 800m })).StatusCode);
        var summary = await township.GetFromJsonAsync<JsonElement>("/api/v1/requests/teams/summary");
        Assert.Equal((1, 1, 1, 2, 1100m, 0), (summary.GetProperty("teams").GetInt32(), summary.GetProperty("complete").GetInt32(), summary.GetProperty("households").GetInt32(),
            summary.GetProperty("visitsThisYear").GetInt32(), summary.GetProperty("helpThisYear").GetDecimal(), summary.GetProperty("notVisitedInQuarter").GetInt32()));
        var row = (await township.GetFromJsonAsync<JsonElement>("/api/v1/requests/teams")).GetProperty("items")[0];
        Assert.Equal((5, 1, 2, "2026-06-12"), (row.GetProperty("members").GetInt32(), row.GetProperty("households").GetInt32(), row.GetProperty("visitsThisYear").GetInt32(), row.GetProperty("lastVisit").GetString()));

        // The full details: shown on request and audited; the audit trail never holds them.
        var revealed = await (await township.PostAsync($"/api/v1/requests/households/{householdId}/reveal", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("王小二", "13912340000", "一号镇东村3组12号"), (revealed.GetProperty("headName").GetString(), revealed.GetProperty("phone").GetString(), revealed.GetProperty("address").GetString()));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "request.household-reveal" && a.UserName == "t1admin")));
        Assert.Empty(await app.QueryAsync(db => db.AuditEntries.Where(a => a.Data!.Contains("王小二") || a.Data!.Contains("12号") || a.Data!.Contains("13912340000")).ToListAsync()));

        // Another township: nothing of it.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/requests/teams/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/requests/households/{householdId}/reveal", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/requests/households/{householdId}/visits", visit)).StatusCode);
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/v1/requests/teams")).GetProperty("total").GetInt32());

        // Ended after the last visit, then no more visits.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/requests/households/{householdId}/end", new { on = "2026-06-01", reason = "已脱贫" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await township.PostAsJsonAsync($"/api/v1/requests/households/{householdId}/end", new { on = "2026-06-13", reason = "已脱贫" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/requests/households/{householdId}/visits", visit with { on = "2026-06-14" })).StatusCode);
        Assert.Equal(0, (await township.GetFromJsonAsync<JsonElement>("/api/v1/requests/teams/summary")).GetProperty("households").GetInt32());
    }

    [Fact]
    public async Task TheDemoCounty_HasSeed003sGroupsAndTeams()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DemoCounty>().GenerateAsync(new DemoCounty.Options(Seed: 7, TargetMembers: 2000));
            await sp.GetRequiredService<DemoRequests>().GenerateAsync(7);
            await sp.GetRequiredService<DemoServiceTeams>().GenerateAsync(7);
        });
        // Seed 003: about 700 groups at four levels covering 20,770 people; 197 teams paired with 618 households.
        var levels = await app.QueryAsync(db => db.GridGroups.GroupBy(g => g.Level).Select(g => new { g.Key, Count = g.Count(), Members = g.Sum(x => x.Members), Most = g.Max(x => x.Members) }).ToListAsync());
        Assert.Equal((700, 20_770), (levels.Sum(l => l.Count), levels.Sum(l => l.Members)));
        Assert.Equal([1, 14], levels.Where(l => l.Key is GridLevel.County or GridLevel.Township).OrderBy(l => l.Key).Select(l => l.Count));
        Assert.All(levels, l => Assert.InRange(l.Most, 1, GridGroup.MostMembers));
        Assert.Equal(0, await app.QueryAsync(db => db.ServiceRequests.CountAsync(r => r.GridGroupId == null)));
        Assert.Equal((197, 618), (await app.QueryAsync(db => db.ServiceTeams.CountAsync()), await app.QueryAsync(db => db.PairedHouseholds.CountAsync())));
        var roles = await app.QueryAsync(db => db.ServiceTeams.Select(t => t.Members.Select(m => m.Role).ToList()).ToListAsync());
        Assert.Equal(4, roles.Count(r => ServiceTeamWork.Missing(r).Count > 0));
        Assert.True(await app.QueryAsync(db => db.HouseholdVisits.CountAsync()) > 618);
    }
}
