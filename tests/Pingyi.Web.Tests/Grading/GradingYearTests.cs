using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Grading;

/// <summary>分类定级 through the API: inputs and a veto, the preview, the publication with quotas, conversion measures in the ledger, a change during the year, the next year.</summary>
public sealed class GradingYearTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static Task<HttpResponseMessage> Input(HttpClient client, long organizationId, int year, string kind, int period, decimal? score, object? points = null) =>
        client.PutAsJsonAsync("/api/v1/grading/inputs", new { organizationId, year, kind, period, score, points, note = "测评表已存档" });

    [Theory, MemberData(nameof(Providers))]
    public async Task AYear_IsGradedWithQuotasAndVeto_LaggingConvertsThroughTheLedger_AndGradesMoveDuringTheYear(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var other = await app.SignInAsync("t2admin");

        // Five grassroots organizations; the annual assessment alone counts (no monthly or quarterly input: their weight is shared out).
        foreach (var (org, score) in new[] { (t.V11, 95m), (t.V12, 92.25m), (t.G1, 80m), (t.V21, 85m) })
        {
            Assert.Equal(HttpStatusCode.OK, (await Input(admin, org, 2026, "annual", 1, score)).StatusCode);
        }
        // B13 by the sheet's points per standard: 19 + 18 + 18 + 18 + 18 = 91 of 100.
        var sheet = await Input(township, t.B13, 2026, "annual", 1, null, new { leadership = 19, team = 18, mechanism = 18, results = 18, opinion = 18 });
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Equal(91m, (await sheet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("score").GetDecimal());
        // Refusals: the township outside its subtree, a month 13, a score over 100, a sheet missing a standard.
        Assert.Equal(HttpStatusCode.NotFound, (await Input(township, t.V21, 2026, "annual", 1, 90)).StatusCode);
        var bad = await Input(admin, t.V11, 2026, "monthly", 13, 101);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("period", out _) && errors.TryGetProperty("score", out _));
        var partial = await Input(admin, t.V11, 2026, "annual", 1, null, new { leadership = 19 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, partial.StatusCode);
        // A branch's secretary records its own quarterly self-assessment, and only that (one quarter: below the two that count).
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var secretary = await app.SignInAsync("v11sec");
        Assert.Equal(HttpStatusCode.OK, (await Input(secretary, t.V11, 2026, "quarterly", 1, 88)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Input(secretary, t.V11, 2026, "annual", 1, 100)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Input(secretary, t.V12, 2026, "quarterly", 1, 88)).StatusCode);
        var own = await secretary.GetStringAsync($"/Grading/Organization/{t.V11}?year=2026");
        Assert.Contains("<option value=\"Quarterly\"", own);
        Assert.DoesNotContain("<option value=\"Annual\"", own);
        // A veto by the organization department only.
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/v1/grading/vetoes", new { organizationId = t.V11, year = 2026, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/grading/vetoes", new { organizationId = t.V21, year = 2026, reason = "发生安全生产责任事故" })).StatusCode);

        var preview = await admin.GetFromJsonAsync<JsonElement>("/api/v1/grading/2026");
        Assert.False(preview.GetProperty("published").GetBoolean());
        Assert.Equal(5, preview.GetProperty("total").GetProperty("graded").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/v1/grading/2026/publish", new { })).StatusCode);

        var published = await admin.PostAsJsonAsync("/api/v1/grading/2026/publish", new { });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var total = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total");
        // 先进 at most 30% of 5 = 2 (B13's 91 is above the line but third); 后进 at least 10% = 1 (V21, vetoed); 示范 5% = 0.
        Assert.Equal((2, 2, 1, 0), (total.GetProperty("advanced").GetInt32(), total.GetProperty("average").GetInt32(), total.GetProperty("lagging").GetInt32(),
            total.GetProperty("exemplary").GetInt32()));
        var results = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/grading/2026/results")).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("organizationId").GetInt64());
        Assert.Equal(92.25m, results[t.V12].GetProperty("composite").GetDecimal());
        Assert.Equal(("Advanced", 1), (results[t.V11].GetProperty("grade").GetString(), results[t.V11].GetProperty("position").GetInt32()));
        Assert.Equal(("Average", "Advanced", 3), (results[t.B13].GetProperty("grade").GetString(), results[t.B13].GetProperty("scoreGrade").GetString(),
            results[t.B13].GetProperty("position").GetInt32()));
        Assert.Equal("CappedFromAdvanced", results[t.B13].GetProperty("flags").GetString());
        Assert.Equal(("Lagging", "发生安全生产责任事故"), (results[t.V21].GetProperty("grade").GetString(), results[t.V21].GetProperty("vetoReason").GetString()));
        Assert.All(results.Values, r => Assert.Equal(1, r.GetProperty("schemeVersion").GetInt32()));
        // The clerk's workbook: a title row, the header, one row per organization by position.
        var bytes = await admin.GetByteArrayAsync("/api/v1/grading/2026/results.xlsx");
        Assert.Equal("2026年度基层党组织分类定级结果", Workbooks.PrintSetup(bytes).Title);
        var workbook = Workbooks.Read(bytes); // the title row is skipped, as the imports skip it
        Assert.Equal(["位次", "组织编码", "基层党组织", "得分", "等次"], workbook[0][..5]);
        Assert.Equal(["3", "B13", "甲公司党支部", "91.00", "一般", "", "先进", "超出先进比例"], workbook[3][..8]);
        Assert.Equal(6, workbook.Count);
        // The township sees its subtree only; a published year's inputs are frozen; it is published once.
        Assert.Equal(4, (await township.GetFromJsonAsync<JsonElement>("/api/v1/grading/2026/results")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await Input(admin, t.V11, 2026, "monthly", 1, 50)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/grading/2026/publish", new { })).StatusCode);

        // The lagging organization's conversion measure is a ledger item, tracked to close-out there.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/grading/organizations/{t.V11}/2026/measures", new { description = "x" })).StatusCode);
        var measure = await admin.PostAsJsonAsync($"/api/v1/grading/organizations/{t.V21}/2026/measures",
            new { description = "安全生产责任制不落实", measures = "签订责任书，每月排查", deadline = "2027-06-30" });
        Assert.Equal(HttpStatusCode.Created, measure.StatusCode);
        var item = await measure.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Conversion", item.GetProperty("source").GetString());
        var itemId = item.GetProperty("id").GetInt64();
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/grading/2026")).GetProperty("total").GetProperty("converted").GetInt32());
        await other.PostAsJsonAsync($"/api/v1/ledger/{itemId}/start", new { text = "已签订责任书" });
        await other.PostAsJsonAsync($"/api/v1/ledger/{itemId}/submit", new { text = "排查台账已建立" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/ledger/{itemId}/close-out", new { text = "验收合格" })).StatusCode);
        var converted = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/grading/2026")).GetProperty("total");
        Assert.Equal((1, 1, 1m), (converted.GetProperty("converted").GetInt32(), converted.GetProperty("toConvert").GetInt32(), converted.GetProperty("conversionRate").GetDecimal()));

        // 动态升级 with its reason, by the organization department only; the published grade stays beside it.
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync($"/api/v1/grading/organizations/{t.V11}/2026/grade", new { grade = "Average", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync($"/api/v1/grading/organizations/{t.V21}/2026/grade", new { grade = "Average", reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/grading/organizations/{t.V21}/2026/grade", new { grade = "Average", reason = "整顿转化完成，经验收" })).StatusCode);
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/grading/organizations/{t.V21}?year=2026");
        Assert.Equal(("Average", "Lagging"), (page.GetProperty("result").GetProperty("grade").GetString(), page.GetProperty("result").GetProperty("publishedGrade").GetString()));
        Assert.Equal(["整顿转化完成，经验收", "年度定级"], page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("reason").GetString()));

        // The next year: last year's (current) grade beside the new one.
        await Input(admin, t.V21, 2027, "annual", 1, 96);
        await Input(admin, t.V11, 2027, "annual", 1, 60);
        await admin.PostAsJsonAsync("/api/v1/grading/2027/publish", new { });
        var next = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/grading/2027/results")).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("organizationId").GetInt64());
        Assert.Equal(("Advanced", "Average"), (next[t.V21].GetProperty("grade").GetString(), next[t.V21].GetProperty("previousGrade").GetString()));
        Assert.Equal(("Lagging", "Advanced"), (next[t.V11].GetProperty("grade").GetString(), next[t.V11].GetProperty("previousGrade").GetString()));

        var actions = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("grading.")).Select(a => a.Action).Distinct().ToListAsync());
        Assert.Equivalent(new[] { "grading.scheme", "grading.input", "grading.veto", "grading.publish", "grading.measure", "grading.upgrade" }, actions, strict: true);
        // The board shows the year with its three tracks.
        var html = await admin.GetStringAsync("/Grading?year=2026");
        Assert.Contains("扛旗帜", html);
        Assert.Contains("后进转化率", html);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ANewSchemeVersion_IsCheckedWhole_AndTheYearGradedWithItNamesIt(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var standards = new[] { new { key = "a", name = "班子", maxPoints = 50 }, new { key = "b", name = "业绩", maxPoints = 50 } };

        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/v1/grading/schemes", new { name = "x", rules = new { standards } })).StatusCode);
        var refused = await admin.PostAsJsonAsync("/api/v1/grading/schemes",
            new { name = " ", rules = new { standards, advancedThreshold = 60, averageThreshold = 70, advancedMaxShare = 0.7, laggingMinShare = 0.5 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["advancedThreshold", "laggingMinShare", "name"], errors.EnumerateObject().Select(e => e.Name).Order());
        var saved = await admin.PostAsJsonAsync("/api/v1/grading/schemes",
            new { name = "两项标准（精简版）", note = "考核项目精简", rules = new { standards, advancedThreshold = 85, averageThreshold = 60, advancedMaxShare = (decimal?)null } });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(2, (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal([2, 1], (await admin.GetFromJsonAsync<JsonElement>("/api/v1/grading/schemes")).EnumerateArray().Select(s => s.GetProperty("version").GetInt32()));

        // The sheet follows the latest version's standards: 40 + 46 = 86 of 100.
        var sheet = await Input(admin, t.V11, 2026, "annual", 1, null, new { a = 40, b = 46 });
        Assert.Equal(86m, (await sheet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("score").GetDecimal());
        await Input(admin, t.V12, 2026, "annual", 1, 88);
        var summary = await (await admin.PostAsJsonAsync("/api/v1/grading/2026/publish", new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, summary.GetProperty("schemeVersion").GetInt32());
        // No cap on 先进 in version 2: both above 85 stay advanced (the least share of 后进, 10% of 2, rounds to 0).
        Assert.Equal(2, summary.GetProperty("total").GetProperty("advanced").GetInt32());
        // An unknown version is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/v1/grading/2027/publish", new { schemeVersion = 9 })).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Publishing_WhenTheAuditWriteFails_LeavesNoGradeAndNoEvent(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        await Input(admin, t.V11, 2026, "annual", 1, 90);
        await Input(admin, t.V12, 2026, "annual", 1, 70);

        await AuditOutage.BeginAsync(app, provider);
        var refused = await admin.PostAsJsonAsync("/api/v1/grading/2026/publish", new { });
        var left = await app.QueryAsync(async db => (await db.GradeResults.CountAsync(), await db.GradeEvents.CountAsync(), await db.Notifications.CountAsync(n => n.Kind == "Grading")));
        await AuditOutage.EndAsync(app, provider);
        var accepted = await admin.PostAsJsonAsync("/api/v1/grading/2026/publish", new { });

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal((0, 0, 0), left);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal((2, 2), await app.QueryAsync(async db => (await db.GradeResults.CountAsync(), await db.GradeEvents.CountAsync())));
    }
}
