using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Core.OpenAffairs;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.OpenAffairs;

/// <summary>
/// What a new clerk finds of open affairs in the demo county: the twelve-item micro-power list, 24 village decisions of which two were
/// voted down and some are under way, each step as the procedure allows (recounted here from the stored steps), the published ones on
/// the public board with their votes, and six villages' openness ratings published from ballots.
/// </summary>
[Collection(SmallDemoCountyCollection.Name)]
public sealed class DemoOpenAffairsTests(SmallDemoCounty demo)
{
    [Fact]
    public async Task TheDemoCounty_HasDecisionsAtEveryStage_AndPublishedRatings()
    {
        var app = demo.App;
        var admin = await app.SignInAsync("admin");
        Assert.Equal(12, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/open-affairs/powers")).GetArrayLength());

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/open-affairs/decisions?pageSize=100");
        var rows = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(24, rows.Count);
        var states = rows.GroupBy(r => r.GetProperty("state").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, states["NotPassed"]);
        Assert.True(states["InProgress"] >= 3 && states["Completed"] >= 15, string.Join(", ", states));

        // Every stored decision holds to its procedure: recounted step by step with the rules the handlers use.
        var published = 0;
        foreach (var row in rows)
        {
            var d = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/open-affairs/decisions/{row.GetProperty("id").GetInt64()}");
            var steps = d.GetProperty("steps").EnumerateArray().ToList();
            DateOnly? last = null;
            for (var i = 0; i < steps.Count; i++)
            {
                var s = steps[i];
                var on = DateOnly.Parse(s.GetProperty("on").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                var vote = s.GetProperty("entitled").ValueKind == JsonValueKind.Number
                    ? new DecisionVote(s.GetProperty("entitled").GetInt32(), s.GetProperty("present").GetInt32(), s.GetProperty("for").GetInt32(), s.GetProperty("against").GetInt32(), s.GetProperty("abstain").GetInt32())
                    : null;
                Assert.Null(DecisionProcedure.FourDeliberations.Refusal(i, s.GetProperty("index").GetInt32(), on, last, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), vote));
                Assert.Equal<bool?>(vote is null ? null : DecisionProcedure.Passed(vote), s.GetProperty("passed").ValueKind == JsonValueKind.Null ? null : s.GetProperty("passed").GetBoolean());
                last = on;
            }
            var downed = steps.Any(s => s.GetProperty("passed").ValueKind == JsonValueKind.False);
            Assert.Equal(downed, d.GetProperty("state").GetString() == "NotPassed");
            published += d.GetProperty("publishedOn").ValueKind == JsonValueKind.String ? 1 : 0;
        }
        var summary = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/open-affairs/decisions/summary")).GetProperty("total");
        Assert.Equal(published, summary.GetProperty("published").GetInt32());

        var board = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/Public/OpenAffairs"));
        Assert.Equal(published, board.Split("data-decision").Length - 1);
        var ratings = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/open-affairs/ratings")).EnumerateArray().ToList();
        Assert.Equal(6, ratings.Count);
        Assert.All(ratings, r => Assert.True(r.GetProperty("result").GetProperty("satisfactionRate").GetDecimal() > 0));
        Assert.Contains(ratings[0].GetProperty("village").GetString()!, board, StringComparison.Ordinal);
    }
}
