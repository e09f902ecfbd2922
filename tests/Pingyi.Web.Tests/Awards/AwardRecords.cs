using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Awards;

/// <summary>Records that make a nominee ineligible, made through the API as the county would (shared with the browser tests).</summary>
public static class AwardRecords
{
    /// <summary>2026 graded: V11 and V12 先进, B13 and G1 一般, V21 后进 by a veto (发生安全生产责任事故).</summary>
    public static async Task GradedYearAsync(HttpClient admin, TestTree t)
    {
        foreach (var (org, score) in new[] { (t.V11, 95m), (t.V12, 92.25m), (t.G1, 80m), (t.V21, 85m), (t.B13, 91m) })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/grading/inputs", new { organizationId = org, year = 2026, kind = "annual", period = 1, score })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/grading/vetoes", new { organizationId = t.V21, year = 2026, reason = "发生安全生产责任事故" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/grading/2026/publish", new { })).StatusCode);
    }

    /// <summary>A 述职评议 of the first township's branch secretaries, published: 赵一 graded 较差 by every rater (three a group, the minimum), 钱二 好.</summary>
    public static async Task PoorYearAsync(TestApp app, HttpClient admin, TestTree t, long zhao, long qian)
    {
        var scheme = await MeetingFixture.CreateSchemeAsync(admin, t.T1);
        var response = await admin.PostAsJsonAsync("/api/v1/meetings", new
        {
            title = "2026年上半年村党组织书记述职评议会", cycle = "2026 上半年", hostOrganizationId = t.T1, direction = "Upward", schemeId = scheme, heldOn = "2026-07-10",
            reporters = new[] { new { organizationId = t.V11, personId = zhao, name = "赵一" }, new { organizationId = t.V11, personId = qian, name = "钱二" } },
            groups = MeetingFixture.GroupKeys.Select(k => new { key = k, expectedRaters = 3 }),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var meeting = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = meeting.GetProperty("id").GetInt64();
        var reporters = meeting.GetProperty("reporters").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();
        var codes = new List<string>();
        foreach (var key in MeetingFixture.GroupKeys)
        {
            codes.AddRange((await (await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/codes", new { groupKey = key, count = 3 })).Content.ReadFromJsonAsync<JsonElement>())
                .EnumerateArray().Select(c => c.GetProperty("code").GetString()!));
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/open", new { })).StatusCode);
        var phone = app.CreateClient();
        foreach (var code in codes)
        {
            Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(code, id, reporters[0], "poor"))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(code, id, reporters[1], "good"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/close", new { })).StatusCode);
        var published = await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/publish", new { });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
    }
}
