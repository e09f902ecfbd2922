using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Grading;

/// <summary>月评 by codes and phones: a township's grassroots organizations graded by member and public representatives; the
/// published scores are their monthly inputs, replacing one recorded by hand.</summary>
public sealed class MonthlyEvaluationTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task AMonthlyMeeting_ScoresTheTownshipsOrganizations_AndItsPublishedScoresAreTheirMonthlyInputs(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        // A score recorded by hand for March is replaced by the meeting's.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/grading/inputs", new { organizationId = t.V11, year = 2026, kind = "monthly", period = 3, score = 70 })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsJsonAsync("/api/v1/grading/monthly-evaluations",
            new { hostOrganizationId = t.T1, year = 2026, month = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync("/api/v1/grading/monthly-evaluations",
            new { hostOrganizationId = t.T1, year = 2026, month = 13 })).StatusCode);
        var started = await township.PostAsJsonAsync("/api/v1/grading/monthly-evaluations", new { hostOrganizationId = t.T1, year = 2026, month = 3, heldOn = "2026-03-28" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, body.GetProperty("organizations").GetInt32()); // V11, V12, G1, B13: the first township's graded organizations
        var id = body.GetProperty("meetingId").GetInt64();
        var meeting = await township.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        var reporters = meeting.GetProperty("reporters").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("id").GetInt64());
        Assert.Equal(["一号镇企业党总支", "东村党支部", "甲公司党支部", "西村党支部"], reporters.Keys.Order(StringComparer.Ordinal).ToArray());

        // Three members' and three residents' representatives score on their phones: 东村 好 from all, 西村 一般 from all; the others too few ballots.
        var phone = app.CreateClient();
        foreach (var key in new[] { "members", "public" })
        {
            var codes = (await (await township.PostAsJsonAsync($"/api/v1/meetings/{id}/codes", new { groupKey = key, count = 3 })).Content.ReadFromJsonAsync<JsonElement>())
                .EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();
            if (key == "members")
            {
                Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/meetings/{id}/open", new { })).StatusCode);
            }
            foreach (var code in codes)
            {
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(code, id, reporters["东村党支部"], "good"))).StatusCode);
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(code, id, reporters["西村党支部"], "average"))).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/meetings/{id}/close", new { })).StatusCode);
        var published = await township.PostAsJsonAsync($"/api/v1/meetings/{id}/publish", new { });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var results = (await township.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}/results")).GetProperty("reporters").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!);

        var inputs = await app.QueryAsync(db => db.GradingInputs.Where(x => x.Year == 2026 && x.Period == 3).ToListAsync());
        Assert.Equal(2, inputs.Count); // G1 and B13 had no ballots: no score, no input
        var east = inputs.Single(x => x.OrganizationId == t.V11);
        Assert.Equal(decimal.Round(decimal.Parse(results["东村党支部"].GetProperty("composite").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 2), east.Score);
        Assert.NotEqual(70m, east.Score);
        Assert.Equal("月评会", east.UserName);
        Assert.True(inputs.Single(x => x.OrganizationId == t.V12).Score < east.Score);
        Assert.Contains("月评会（一号镇党委2026年3月基层党组织月评）", await township.GetStringAsync($"/Grading/Organization/{t.V11}?year=2026"));
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "grading.input" && e.Data!.Contains($"\"meeting\":{id}"))));
    }
}
