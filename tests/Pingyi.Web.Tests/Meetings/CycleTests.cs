using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Pingyi.Web.Tests.Meetings.MeetingFixture;

namespace Pingyi.Web.Tests.Meetings;

public sealed class CycleTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task Cycle_CombinesUpwardAndDownward_WithTheSchemeWeights_ThenRanksOverTheCycle(string provider)
    {
        await using var room = await MeetingRoom.CreateAsync(provider);
        var (tree, admin, phone, up) = (room.Tree, room.Admin, room.Phone, room.Meeting);
        await RunAsync(admin, phone, up, reporterIndex => reporterIndex == 0 ? "good" : "fairlyGood"); // 100 and 80

        var scheme = await CreateSchemeAsync(admin, tree.T1);
        var created = await admin.PostAsJsonAsync("/api/v1/meetings", new
        {
            title = "一号镇党委书记向党员群众述职评议会", cycle = "2026 上半年", hostOrganizationId = tree.T1, direction = "Downward", schemeId = scheme,
            reporters = new[] { new { organizationId = tree.T1, name = "书记01" } },
            groups = GroupKeys.Select(k => new { key = k, expectedRaters = 3 }),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var down = await created.Content.ReadFromJsonAsync<JsonElement>();
        var downId = down.GetProperty("id").GetInt64();
        var downReporter = down.GetProperty("reporters")[0].GetProperty("id").GetInt64();
        var codes = new Dictionary<string, string[]>();
        foreach (var key in GroupKeys)
        {
            var generated = await (await admin.PostAsJsonAsync($"/api/v1/meetings/{downId}/codes", new { groupKey = key, count = 3 })).Content.ReadFromJsonAsync<JsonElement>();
            codes[key] = [.. generated.EnumerateArray().Select(c => c.GetProperty("code").GetString()!)];
        }
        await RunAsync(admin, phone, new MeetingSetup(downId, [downReporter], codes), _ => "average"); // 60

        var cycle = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{up.MeetingId}/cycle");

        var lines = cycle.GetProperty("reporters").EnumerateArray().ToList();
        Assert.Equal("80", lines[0].GetProperty("composite").GetString()); // 0.5 × 100 + 0.5 × 60
        Assert.Equal("60", lines[0].GetProperty("downward").GetString());
        Assert.Equal("80", lines[1].GetProperty("composite").GetString()); // upward only
        Assert.Contains("directionMissing", lines[1].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal([1, 1], lines.Select(l => l.GetProperty("position").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.GetAsync($"/api/v1/meetings/{downId}/cycle")).StatusCode);
    }

    private static async Task RunAsync(HttpClient admin, HttpClient phone, MeetingSetup setup, Func<int, string> grade)
    {
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/open", new { })).StatusCode);
        foreach (var code in setup.Codes.Values.SelectMany(c => c))
        {
            for (var i = 0; i < setup.Reporters.Length; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[i], grade(i)))).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/meetings/{setup.MeetingId}/publish", null)).StatusCode);
    }
}
