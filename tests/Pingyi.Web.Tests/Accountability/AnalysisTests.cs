using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Accountability;

/// <summary>
/// The "三五" analysis of a re-election (seed 003) through the API: a work plan with the seed's targets (letters to 64 units, 310
/// people in 10 groups, 98 villages, 200 files), refused when wrong; its records against the targets, a heart-to-heart talk naming
/// its cadre; five-category judgements with 提 / 转 / 留 once per cadre, made by the organization department only; on the profile.
/// </summary>
public sealed class AnalysisTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task APlan_CountsItsWork_AgainstItsTargets_AndEndsInPromoteExchangeKeep(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var people = await app.QueryAsync(db => db.People.ToDictionaryAsync(p => p.Name, p => p.Id));
        object Plan(int groups) => new { title = "2026年乡镇党委换届分析研判工作方案", year = 2026, organizationId = t.County, letters = 64, interviews = 310, interviewGroups = groups, visits = 98, reviews = 200, heartTalks = 0 };

        var noGroups = await admin.PostAsJsonAsync("/api/v1/accountability/analysis", Plan(0));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noGroups.StatusCode);
        Assert.Contains("interviewGroups", await noGroups.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.AnalysisPlans.CountAsync()));
        var township = await app.SignInAsync("t1admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync("/api/v1/accountability/analysis")).StatusCode);
        var created = await admin.PostAsJsonAsync("/api/v1/accountability/analysis", Plan(10));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var plan = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plan").GetProperty("id").GetInt64();

        // The work: one letter round to 64 units, interviews in two of the ten groups, a visit, a heart-to-heart talk with 赵一.
        await app.CreateUserAsync("jw", "C", "DisciplineInspection");
        var discipline = await app.SignInAsync("jw");
        async Task Record(HttpClient client, string method, int count, string notes, string? group = null, long? personId = null)
        {
            var recorded = await client.PostAsJsonAsync($"/api/v1/accountability/analysis/{plan}/records", new { method, on = today, count, group, personId, notes });
            Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());
        }
        var wrong = await admin.PostAsJsonAsync($"/api/v1/accountability/analysis/{plan}/records", new { method = "Letter", on = today, count = 0, notes = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("请填写数量", await wrong.Content.ReadAsStringAsync());
        await Record(admin, "Letter", 64, "向对镇街有绩效考核任务的64个县直单位函询意见建议");
        await Record(admin, "Interview", 12, "个别访谈县级领导", "县级领导");
        await Record(discipline, "Interview", 28, "个别访谈镇街党政正职", "镇街党政正职");
        await Record(admin, "Visit", 98, "实地走访98个村（社区）、460名村组干部");
        await Record(admin, "HeartTalk", 1, "谈心谈话：本人对分管工作思路清晰，愿到更重岗位锻炼", personId: people["赵一"]);
        var progress = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/accountability/analysis/{plan}")).GetProperty("plan").GetProperty("progress").EnumerateArray()
            .ToDictionary(p => p.GetProperty("method").GetString()!);
        Assert.Equal((64, 64), (progress["Letter"].GetProperty("done").GetInt32(), progress["Letter"].GetProperty("target").GetInt32()));
        Assert.Equal((40, 310, 2, 10), (progress["Interview"].GetProperty("done").GetInt32(), progress["Interview"].GetProperty("target").GetInt32(),
            progress["Interview"].GetProperty("groups").GetInt32(), progress["Interview"].GetProperty("groupsTarget").GetInt32()));
        Assert.Equal((0, 200), (progress["Review"].GetProperty("done").GetInt32(), progress["Review"].GetProperty("target").GetInt32()));

        // Judgements: once per cadre, the organization department's alone.
        Task<HttpResponseMessage> Judge(HttpClient client, string name, string category, string decision, string reasons) =>
            client.PostAsJsonAsync($"/api/v1/accountability/analysis/{plan}/judgements", new { personId = people[name], category, decision, reasons });
        Assert.Equal(HttpStatusCode.Forbidden, (await Judge(discipline, "赵一", "First", "Promote", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Judge(admin, "赵一", "First", "Promote", "实绩突出，群众公认，反向测评各方面评价较高")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Judge(admin, "赵一", "Second", "Keep", "再次研判")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Judge(admin, "钱二", "Second", "Exchange", "同一岗位任职时间较长，宜交流到产业发展岗位")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Judge(admin, "孙三", "Third", "Keep", "基层工作经验丰富，宜保留")).StatusCode);
        var summary = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/accountability/analysis"))[0];
        Assert.Equal((1, 1, 1), (summary.GetProperty("promote").GetInt32(), summary.GetProperty("exchange").GetInt32(), summary.GetProperty("keep").GetInt32()));

        var profile = await admin.GetStringAsync($"/Accountability/Cadre/{people["赵一"]}");
        Assert.Contains("实绩突出，群众公认", profile, StringComparison.Ordinal);
        Assert.Contains("愿到更重岗位锻炼", profile, StringComparison.Ordinal);
        var actions = await app.QueryAsync(db => db.AuditEntries.Where(e => e.Action.StartsWith("analysis.")).Select(e => e.Action).ToListAsync());
        Assert.Equal((1, 5, 3), (actions.Count(a => a == "analysis.plan"), actions.Count(a => a == "analysis.record"), actions.Count(a => a == "analysis.judge")));
    }
}
