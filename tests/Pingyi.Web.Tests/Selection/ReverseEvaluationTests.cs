using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Selection;

/// <summary>
/// Reverse evaluation (反向测评, seed 003) through the API and the profile page: an evaluation meeting with the cadre as its
/// reporter and the six sources as its groups; one-time codes per source on phones, the five dimensions as indicators; after
/// publication each source's means per dimension, none — not even a count — for a source with fewer than three answers; only
/// the organization department starts one, the discipline body reads it, a township administrator neither.
/// </summary>
public sealed class ReverseEvaluationTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task SourcesAnswerOnPhones_AndASourceOfTwo_IsNotBrokenDown(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var zhao = await app.QueryAsync(db => db.People.Where(p => p.Name == "赵一").Select(p => p.Id).SingleAsync());
        var township = await app.SignInAsync("t1admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/v1/selection/reverse-evaluations", new { personId = zhao, heldOn = today, respondents = new { units = 3 } })).StatusCode);
        var none = await admin.PostAsJsonAsync("/api/v1/selection/reverse-evaluations", new { personId = zhao, heldOn = today, respondents = new { units = 0, nobody = 2 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        Assert.Contains("没有测评来源“nobody”", await none.Content.ReadAsStringAsync());

        var started = await admin.PostAsJsonAsync("/api/v1/selection/reverse-evaluations", new { personId = zhao, heldOn = today, respondents = new { units = 3, colleagues = 2, served = 4 } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var meetingId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingId").GetInt64();
        var reporter = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters")[0].GetProperty("id").GetInt64();
        var answers = new Dictionary<string, decimal[][]>
        {
            ["units"] = [[18, 17, 19, 16, 20], [16, 17, 18, 15, 20], [17, 16, 17, 15, 19]],
            ["colleagues"] = [[10, 10, 10, 10, 10], [20, 20, 20, 20, 20]],
            ["served"] = [[20, 20, 20, 20, 20], [19, 18, 20, 17, 20], [18, 18, 18, 18, 18], [15, 16, 17, 18, 19]],
        };
        var phone = app.CreateClient();
        var codes = new Dictionary<string, string[]>();
        foreach (var (source, sheets) in answers)
        {
            codes[source] = await MeetingFixture.CodesAsync(admin, meetingId, source, sheets.Length);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).StatusCode);
        foreach (var (source, sheets) in answers)
        {
            for (var i = 0; i < sheets.Length; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(codes[source][i], meetingId, reporter, null, indicators: sheets[i]))).StatusCode);
            }
        }
        // Nothing before publication.
        var before = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/selection/reverse-evaluations?personId={zhao}"))[0];
        Assert.False(before.GetProperty("published").GetBoolean());
        Assert.All(before.GetProperty("sources").EnumerateArray(), s => Assert.False(s.GetProperty("shown").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).StatusCode);

        await app.CreateUserAsync("jw", "C", "DisciplineInspection");
        var discipline = await app.SignInAsync("jw");
        var sources = (await discipline.GetFromJsonAsync<JsonElement>($"/api/v1/selection/reverse-evaluations?personId={zhao}"))[0].GetProperty("sources").EnumerateArray()
            .ToDictionary(s => s.GetProperty("key").GetString()!);
        Assert.Equal([17m, 16.67m, 18m, 15.33m, 19.67m], sources["units"].GetProperty("means").EnumerateArray().Select(m => m.GetDecimal()).ToArray());
        Assert.Equal(3, sources["units"].GetProperty("answers").GetInt32());
        Assert.Equal([18m, 18m, 18.75m, 18.25m, 19.25m], sources["served"].GetProperty("means").EnumerateArray().Select(m => m.GetDecimal()).ToArray());
        Assert.False(sources["colleagues"].GetProperty("shown").GetBoolean());
        Assert.Equal(JsonValueKind.Null, sources["colleagues"].GetProperty("answers").ValueKind);
        Assert.All(sources["colleagues"].GetProperty("means").EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.ValueKind));
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync($"/api/v1/selection/reverse-evaluations?personId={zhao}")).StatusCode);

        var profile = await admin.GetStringAsync($"/Accountability/Cadre/{zhao}");
        Assert.Contains("16.67", profile, StringComparison.Ordinal);
        Assert.Contains("不足 3 份，不单列", profile, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "selection.reverse")));
    }
}
