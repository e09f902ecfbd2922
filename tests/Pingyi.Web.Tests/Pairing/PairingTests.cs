using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Pairing;

/// <summary>
/// 结对共建 worked through: 东村 paired with 甲公司党支部 and with a ministry's branch outside the county; the help recorded by the village's
/// secretary — training, funding with its amount — counted per township and by kind; the refusals (a village as the helping side, a
/// township as the helped one, both or neither helper named, the same pair twice, funding without an amount, a date before the
/// pairing, another township, a secretary arranging); the pairing ended no earlier than its last activity.
/// </summary>
public sealed class PairingTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task Refused(HttpResponseMessage response, string field)
    {
        var body = await Json(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {body}");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task APairing_RecordsItsHelp_AndIsCountedPerTownship(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var admin = await app.SignInAsync("admin");
        var secretary = await app.SignInAsync("v11sec");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var start = $"{year - 1}-03-01";
        object Pair(long? unit, string? partner, long village) => new { unitOrganizationId = unit, partner, villageOrganizationId = village, startOn = start, plan = "每年技术培训两次，协助申报项目" };

        await Refused(await admin.PostAsJsonAsync("/api/v1/pairings", Pair(t.V12, null, t.V11)), "unitOrganizationId");
        await Refused(await admin.PostAsJsonAsync("/api/v1/pairings", Pair(t.B13, null, t.T1)), "villageOrganizationId");
        await Refused(await admin.PostAsJsonAsync("/api/v1/pairings", Pair(t.B13, "科技部农村司党支部", t.V11)), "unitOrganizationId");
        await Refused(await admin.PostAsJsonAsync("/api/v1/pairings", Pair(null, null, t.V11)), "unitOrganizationId");
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsJsonAsync("/api/v1/pairings", Pair(t.B13, null, t.V11))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostAsJsonAsync("/api/v1/pairings", Pair(t.B13, null, t.V11))).StatusCode);
        var pairing = await Json(await admin.PostAsJsonAsync("/api/v1/pairings", Pair(t.B13, null, t.V11)), HttpStatusCode.Created);
        var id = pairing.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/pairings", Pair(t.B13, null, t.V11))).StatusCode);
        var ministry = (await Json(await (await app.SignInAsync("t1admin")).PostAsJsonAsync("/api/v1/pairings", Pair(null, "科技部农村司党支部", t.V11)), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        // Both sides' years from the year before the pairing began.
        Assert.Equal([year - 2, year - 1, year], pairing.GetProperty("villageYears").EnumerateArray().Select(y => y.GetProperty("year").GetInt32()).ToArray());
        Assert.Equal(3, pairing.GetProperty("unitYears").GetArrayLength());

        Task<HttpResponseMessage> Activity(HttpClient client, long pairingId, object body) => client.PostAsJsonAsync($"/api/v1/pairings/{pairingId}/activities", body);
        await Refused(await Activity(secretary, id, new { on = $"{year - 1}-02-28", help = "Training", description = "果树修剪培训", evidence = "签到表" }), "on");
        await Refused(await Activity(secretary, id, new { on = $"{year}-01-10", help = "Funding", description = "修缮活动场所", evidence = "拨付凭证" }), "amount");
        await Refused(await Activity(secretary, id, new { on = $"{year}-01-10", help = "Training", description = "果树修剪培训", amount = 100, evidence = "签到表" }), "amount");
        await Json(await Activity(secretary, id, new { on = $"{year - 1}-05-10", help = "Training", description = "果树修剪培训", evidence = "签到表、照片" }), HttpStatusCode.OK);
        await Json(await Activity(secretary, id, new { on = $"{year}-01-10", help = "Funding", description = "修缮村级活动场所", amount = 20000, evidence = "拨付凭证" }), HttpStatusCode.OK);
        var details = await Json(await Activity(secretary, ministry, new { on = $"{year}-01-12", help = "ProjectApplication", description = "协助申报高标准农田项目", evidence = "项目批复文号" }), HttpStatusCode.OK);
        Assert.Equal("科技部农村司党支部", details.GetProperty("unit").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Activity(await app.SignInAsync("t2admin"), id, new { on = $"{year}-01-10", help = "Training", description = "培训", evidence = "签到表" })).StatusCode);

        var summary = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/pairings/summary?year={year}");
        var total = summary.GetProperty("total");
        Assert.Equal((2, 1, 2, 20000m), (total.GetProperty("pairings").GetInt32(), total.GetProperty("villages").GetInt32(), total.GetProperty("activities").GetInt32(), total.GetProperty("funding").GetDecimal()));
        Assert.Equal("一号镇党委", summary.GetProperty("rows").EnumerateArray().Single().GetProperty("name").GetString());
        Assert.Equal((1, 1), (summary.GetProperty("byHelp").GetProperty("Funding").GetInt32(), summary.GetProperty("byHelp").GetProperty("ProjectApplication").GetInt32()));
        Assert.Equal(0, (await (await app.SignInAsync("t2admin")).GetFromJsonAsync<JsonElement>("/api/v1/pairings")).GetProperty("total").GetInt32());

        // Evidence kept as a file: the sign-in sheet's photo with no text beside it; neither text nor file refused; a program refused.
        await Refused(await Activity(secretary, ministry, new { on = $"{year}-01-15", help = "JointActivity", description = "联合主题党日" }), "evidence");
        byte[] photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7];
        MultipartFormDataContent Form(byte[] content, string name) => new()
        {
            { new StringContent($"{year}-01-15"), "on" }, { new StringContent("JointActivity"), "help" }, { new StringContent("联合主题党日"), "description" },
            { new ByteArrayContent(content), "file", name },
        };
        using (var bad = Form([1, 2, 3], "签到表.exe"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await secretary.PostAsync($"/api/v1/pairings/{ministry}/activities/files", bad)).StatusCode);
        }
        JsonElement withFile;
        using (var form = Form(photo, "签到表.png"))
        {
            withFile = await Json(await secretary.PostAsync($"/api/v1/pairings/{ministry}/activities/files", form), HttpStatusCode.OK);
        }
        var shown = withFile.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("evidenceName").ValueKind == JsonValueKind.String);
        Assert.Equal(("签到表.png", ""), (shown.GetProperty("evidenceName").GetString(), shown.GetProperty("evidence").GetString()));
        var evidenceUrl = $"/api/v1/pairings/{ministry}/activities/{shown.GetProperty("id").GetInt64()}/evidence";
        Assert.Equal(photo, await secretary.GetByteArrayAsync(evidenceUrl));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).GetAsync(evidenceUrl)).StatusCode);
        Assert.Contains(evidenceUrl, await secretary.GetStringAsync($"/Pairing/Details/{ministry}"), StringComparison.Ordinal);

        await Refused(await admin.PostAsJsonAsync($"/api/v1/pairings/{id}/end", new { endOn = $"{year}-01-09" }), "endOn");
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostAsJsonAsync($"/api/v1/pairings/{id}/end", new { endOn = $"{year}-01-10" })).StatusCode);
        var ended = await Json(await admin.PostAsJsonAsync($"/api/v1/pairings/{id}/end", new { endOn = $"{year}-01-10" }), HttpStatusCode.OK);
        Assert.Equal($"{year}-01-10", ended.GetProperty("endOn").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/pairings/{id}/end", new { endOn = $"{year}-01-10" })).StatusCode);
        await Refused(await Activity(secretary, id, new { on = $"{year}-01-11", help = "Training", description = "培训", evidence = "签到表" }), "on");

        var page = WebUtility.HtmlDecode(await secretary.GetStringAsync($"/Pairing/Details/{id}"));
        Assert.Contains("修缮村级活动场所", page, StringComparison.Ordinal);
        Assert.Contains("20,000", page, StringComparison.Ordinal);
        Assert.Equal(2 + 4 + 1, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action.StartsWith("pairing."))));
    }
}
