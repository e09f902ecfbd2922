using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Selection;

/// <summary>
/// What a new clerk finds of selection in the demo county: the earlier batch nominated by all seven channels — the leading cadres'
/// meeting on phones — and its first two rounds voted on phones and closed by their meetings, the plenary's round left to plan;
/// and seed 000's two years of satisfaction with appointments, published from ballots: 72.3%, then 92.7%, +20.4.
/// </summary>
[Collection(SmallDemoCountyCollection.Name)]
public sealed class DemoSelectionTests(SmallDemoCounty demo)
{
    [Fact]
    public async Task TheDemoCounty_HasAVacancyAtItsLastRound_AndSeed000sTwoSurveys()
    {
        var app = demo.App;
        var admin = await app.SignInAsync("admin");
        var year = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>()).Year;

        var earlier = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/selection/batches")).EnumerateArray().Single(b => b.GetProperty("title").GetString() == $"{year}年第三批科级领导干部选任");
        var details = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/selection/batches/{earlier.GetProperty("id").GetInt64()}");
        var nominations = details.GetProperty("nominations").EnumerateArray().ToList();
        Assert.Equal(["Organization", "LeadingCadre", "PublicJoint", "Self", "LeadersMeeting", "CommitteePlenary", "OrganizationDepartment"],
            nominations.Select(n => n.GetProperty("channel").GetString()!).ToArray());
        Assert.Contains("实到 18 人，推荐 15 票，超过半数", nominations[4].GetProperty("evidence").GetString(), StringComparison.Ordinal);
        var recommendation = details.GetProperty("recommendations").EnumerateArray().Single();
        Assert.Equal([(15, true), (6, false)], recommendation.GetProperty("candidates").EnumerateArray().Select(c => (c.GetProperty("recommended").GetInt32(), c.GetProperty("nominated").GetBoolean())).ToArray());
        var rounds = details.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal([("Phones", "Closed", 35, 7, 4), ("Phones", "Closed", 120, 4, 2)], rounds.Select(r => (r.GetProperty("method").GetString(), r.GetProperty("state").GetString(),
            r.GetProperty("voters").GetInt32(), r.GetProperty("entries").GetArrayLength(), r.GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("outcome").GetString() == "Advanced"))).ToArray());
        Assert.Equal(2, nominations.Count(n => n.GetProperty("state").GetString() == "Standing"));
        // Each phone round's meeting is published.
        foreach (var round in rounds)
        {
            var meeting = round.GetProperty("meetingId").GetInt64();
            Assert.True((await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meeting}")).GetProperty("publishedAt").ValueKind == JsonValueKind.String);
        }

        var surveys = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/selection/surveys")).EnumerateArray()
            .ToDictionary(s => s.GetProperty("year").GetInt32(), s => s.GetProperty("result"));
        Assert.Equal([year - 1, year - 2], surveys.Keys.ToArray());
        Assert.Equal((72.3m, 95.7m), (surveys[year - 2].GetProperty("satisfactionRate").GetDecimal(), surveys[year - 2].GetProperty("basicRate").GetDecimal()));
        Assert.Equal((92.7m, 100.0m, 20.4m), (surveys[year - 1].GetProperty("satisfactionRate").GetDecimal(), surveys[year - 1].GetProperty("basicRate").GetDecimal(),
            surveys[year - 1].GetProperty("change").GetDecimal()));
        Assert.Equal(475, await app.QueryAsync(db => db.Ballots.CountAsync(b => db.SatisfactionSurveys.Any(s => s.MeetingId == b.MeetingId))));
        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }
}
