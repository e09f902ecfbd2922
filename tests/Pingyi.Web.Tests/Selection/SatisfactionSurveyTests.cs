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
/// The yearly survey of satisfaction with appointments (seed 000) through the API: two years answered on phones with one-time codes
/// (the ballot reads 满意 / 基本满意 / 不满意 / 不了解), the rates as SatisfactionRates states them — 不了解 outside the denominator —
/// and the change on the year before; one survey a year; the organization department only.
/// </summary>
public sealed class SatisfactionSurveyTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task TwoYears_OnPhones_GiveTheRates_AndTheChange(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("t1admin")).PostAsJsonAsync("/api/v1/selection/surveys",
            new { organizationId = t.T1, year = 2026, heldOn = today, respondents = 10 })).StatusCode);
        var noCount = await admin.PostAsJsonAsync("/api/v1/selection/surveys", new { organizationId = t.County, year = 2026, heldOn = today });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noCount.StatusCode);
        Assert.Contains("respondents", await noCount.Content.ReadAsStringAsync());

        // 2025: 8 满意, 3 基本满意, 1 不满意, 2 不了解; 2026: 9, 1, 0, 1.
        foreach (var (year, answers) in new[] { (2025, new[] { (8, "good"), (3, "fairlyGood"), (1, "average"), (2, "poor") }), (2026, new[] { (9, "good"), (1, "fairlyGood"), (1, "poor") }) })
        {
            var started = await admin.PostAsJsonAsync("/api/v1/selection/surveys", new { organizationId = t.County, year, heldOn = today, respondents = answers.Sum(a => a.Item1) });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var meetingId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingId").GetInt64();
            var reporter = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters")[0].GetProperty("id").GetInt64();
            var codes = await MeetingFixture.CodesAsync(admin, meetingId, "respondents", answers.Sum(a => a.Item1));
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).StatusCode);
            var phone = app.CreateClient();
            var sheet = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ballot-sheet");
            sheet.Headers.Add("X-Rater-Code", codes[0]);
            var labels = (await (await phone.SendAsync(sheet)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("gradeLabels").EnumerateArray().Select(l => l.GetString()!).ToArray();
            Assert.Equal(["满意", "基本满意", "不满意", "不了解"], labels);
            var next = 0;
            foreach (var (count, grade) in answers)
            {
                for (var i = 0; i < count; i++)
                {
                    Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(codes[next++], meetingId, reporter, grade))).StatusCode);
                }
            }
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/selection/surveys", new { organizationId = t.County, year = 2026, heldOn = today, respondents = 5 })).StatusCode);

        var surveys = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/selection/surveys")).EnumerateArray().ToDictionary(s => s.GetProperty("year").GetInt32(), s => s.GetProperty("result"));
        decimal? Rate(JsonElement r, string name) => r.GetProperty(name).ValueKind == JsonValueKind.Null ? null : r.GetProperty(name).GetDecimal();
        // 2025: 8 / 12 = 66.7%, 11 / 12 = 91.7%, 2 of 14 did not know (14.3%).
        Assert.Equal((66.7m, 91.7m, 14.3m, (decimal?)null), (Rate(surveys[2025], "satisfactionRate"), Rate(surveys[2025], "basicRate"), Rate(surveys[2025], "unknownShare"), Rate(surveys[2025], "change")));
        // 2026: 9 / 10 = 90.0%, 10 / 10 = 100.0%, +23.3 points on 66.7.
        Assert.Equal((90.0m, 100.0m, 9.1m, 23.3m), (Rate(surveys[2026], "satisfactionRate"), Rate(surveys[2026], "basicRate"), Rate(surveys[2026], "unknownShare"), Rate(surveys[2026], "change")));
        var counts = surveys[2025].GetProperty("counts");
        Assert.Equal((8, 3, 1, 2), (counts.GetProperty("satisfied").GetInt32(), counts.GetProperty("basic").GetInt32(), counts.GetProperty("dissatisfied").GetInt32(), counts.GetProperty("unknown").GetInt32()));
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/Selection"));
        Assert.Contains("+23.3", page, StringComparison.Ordinal);
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "selection.survey")));
    }
}
