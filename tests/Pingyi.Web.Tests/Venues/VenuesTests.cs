using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Venues;

/// <summary>
/// Village venues (阵地) worked through: 东村 to standard this year, 西村 at 80 m² short of it (named in the list), 南村 not registered;
/// the counts per township and against the year's target; refusals (standardized while short, a township, another township's village, a
/// secretary); a change that brings 西村 to standard.
/// </summary>
public sealed class VenuesTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task Venues_AreMeasuredAgainstTheStandard_AndThoseBelowItAreListed(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var township = await app.SignInAsync("t1admin");
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Task<HttpResponseMessage> Save(HttpClient client, long village, object body) => client.PutAsJsonAsync($"/api/v1/venues/{village}", body);

        Assert.Equal(HttpStatusCode.OK, (await Save(township, t.V11, new { area = 120, operatingFunds = 15000, centres = "Office, Activity, Education, Service, Culture", standardizedOn = today })).StatusCode);
        var refused = await Save(township, t.V12, new { area = 80, operatingFunds = 12000, centres = "Office, Activity, Education, Service, Culture", standardizedOn = today });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("面积 80 平方米，不足 90 平方米", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Save(township, t.V12, new { area = 80, operatingFunds = 12000, centres = "Office, Activity, Education, Service" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Save(township, t.T1, new { area = 100, operatingFunds = 12000, centres = "Office" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Save(township, t.V21, new { area = 100, operatingFunds = 12000, centres = "Office" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Save(await app.SignInAsync("v11sec"), t.V11, new { area = 100, operatingFunds = 12000, centres = "Office" })).StatusCode);

        var admin = await app.SignInAsync("admin");
        // A party group of 东村 is of the village category but no village: it has no venue of its own and is not counted.
        var group = await admin.PostAsJsonAsync("/api/v1/organizations", new { code = "V11-G1", name = "第一党小组", level = "PartyGroup", category = "Village", parentId = t.V11 });
        Assert.Equal(HttpStatusCode.Created, group.StatusCode);
        var groupId = (await group.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Save(township, groupId, new { area = 100, operatingFunds = 12000, centres = "Office" })).StatusCode);
        var summary = await admin.GetFromJsonAsync<JsonElement>("/api/v1/venues/summary");
        var rows = summary.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        (int, int, int, int, int) Counts(JsonElement r) => (r.GetProperty("villages").GetInt32(), r.GetProperty("registered").GetInt32(), r.GetProperty("meeting").GetInt32(),
            r.GetProperty("below").GetInt32(), r.GetProperty("standardizedThisYear").GetInt32());
        Assert.Equal((2, 2, 1, 1, 1), Counts(rows["一号镇党委"]));
        Assert.Equal((1, 0, 0, 1, 0), Counts(rows["二号乡党委"]));
        Assert.Equal((3, 2, 1, 2, 1), Counts(summary.GetProperty("total")));
        Assert.Equal(100, summary.GetProperty("yearTarget").GetInt32());

        var below = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/venues?below=true")).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("village").GetString()!, r => r.GetProperty("shortfalls").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(["面积 80 平方米，不足 90 平方米", "缺少文化娱乐中心"], below["西村党支部"]);
        Assert.Equal(["未登记活动场所"], below["南村党支部"]);
        Assert.Equal(2, below.Count);
        Assert.Equal(1, (await (await app.SignInAsync("t2admin")).GetFromJsonAsync<JsonElement>("/api/v1/venues")).GetProperty("total").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await Save(township, t.V12, new { area = 95, operatingFunds = 12000, centres = "Office, Activity, Education, Service, Culture", standardizedOn = today })).StatusCode);
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/venues/summary")).GetProperty("total").GetProperty("meeting").GetInt32());
        // The statistics board counts the same: two villages meet the standard, 南村 (not registered) does not.
        var board = await admin.GetFromJsonAsync<JsonElement>("/api/v1/statistics");
        var figures = board.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray()).ToDictionary(f => f.GetProperty("key").GetString()!);
        Assert.Equal((3, 2, 1, 2), (figures["base.villages"].GetProperty("total").GetInt32(), figures["base.venues.meeting"].GetProperty("total").GetInt32(),
            figures["base.venues.short"].GetProperty("total").GetInt32(), figures["base.venues.standardized"].GetProperty("total").GetInt32()));
        var page = WebUtility.HtmlDecode(await township.GetStringAsync("/Venues?below=true"));
        var list = page[page.IndexOf("id=\"venues\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("西村党支部", list, StringComparison.Ordinal);
        Assert.Contains("东村党支部", page, StringComparison.Ordinal); // in the township's counts above the list
        Assert.Equal(3, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action.StartsWith("venues."))));
    }
}
