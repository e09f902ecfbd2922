using System.Net.Http.Json;
using System.Text.Json;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Meetings;

/// <summary>A county meeting of the test tree: a scheme of three groups, reporters and codes, made through the API.</summary>
public sealed record MeetingSetup(long MeetingId, long[] Reporters, Dictionary<string, string[]> Codes);

/// <summary>
/// What every meeting test starts from: a fresh host on one database with the small county, the administrator
/// signed in, a meeting of the county's townships with codes for each group, and a phone (an anonymous client).
/// </summary>
public sealed class MeetingRoom : IAsyncDisposable
{
    private MeetingRoom(TestApp app, TestTree tree, HttpClient admin, MeetingSetup meeting)
    {
        App = app;
        Tree = tree;
        Admin = admin;
        Meeting = meeting;
        Phone = app.CreateClient();
    }

    public TestApp App { get; }

    public TestTree Tree { get; }

    public HttpClient Admin { get; }

    public HttpClient Phone { get; }

    public MeetingSetup Meeting { get; }

    public long Id => Meeting.MeetingId;

    public static async Task<MeetingRoom> CreateAsync(string provider, int reporters = 2, int ratersPerGroup = 3, bool open = false,
        IReadOnlyDictionary<string, string>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null, bool kestrel = false)
    {
        var app = await TestApp.CreateAsync(provider, kestrel: kestrel, settings: settings, services: services);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var room = new MeetingRoom(app, tree, admin, await MeetingFixture.CreateMeetingAsync(admin, tree, reporters, ratersPerGroup));
        if (open)
        {
            await room.OpenAsync();
        }
        return room;
    }

    /// <summary>Opens scoring for every pending reporter.</summary>
    public async Task OpenAsync() =>
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Admin.PostAsJsonAsync($"/api/v1/meetings/{Id}/open", new { })).StatusCode);

    /// <summary>A phone sends a ballot for one reporter.</summary>
    public Task<HttpResponseMessage> CastAsync(string code, long reporterId, string? grade, object? opinion = null, string? submissionId = null) =>
        Phone.SendAsync(MeetingFixture.Ballot(code, Id, reporterId, grade, opinion, submissionId));

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

internal static class MeetingFixture
{
    public static readonly string[] GroupKeys = ["committee", "leaders", "public"];

    /// <summary>The grades as the ballots API names them, in the order of <see cref="Core.Evaluation.Grade"/>.</summary>
    public static readonly string[] GradeNames = ["good", "fairlyGood", "average", "poor"];

    public static async Task<long> CreateSchemeAsync(HttpClient admin, long organizationId, object? rules = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/schemes", new
        {
            name = "乡镇党委书记抓基层党建述职评议方案",
            organizationId,
            rules = rules ?? new
            {
                groups = new object[]
                {
                    new { key = "committee", name = "县委常委", weight = 40 },
                    new { key = "leaders", name = "县直部门负责人", weight = 30 },
                    new { key = "public", name = "党员群众代表", weight = 30 },
                },
                talkBottomCount = 1,
            },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Creates <paramref name="reporters"/> townships under the county and a meeting where their secretaries report, with codes per group.</summary>
    public static async Task<MeetingSetup> CreateMeetingAsync(HttpClient admin, TestTree tree, int reporters, int ratersPerGroup, long? schemeId = null)
    {
        var scheme = schemeId ?? await CreateSchemeAsync(admin, tree.County);
        var organizations = new List<long> { tree.T1, tree.T2 };
        for (var i = organizations.Count + 1; i <= reporters; i++)
        {
            var created = await admin.PostAsJsonAsync("/api/v1/organizations", new
            {
                code = $"T{i}", name = $"{i}号镇党委", level = "TownshipCommittee", category = "None", parentId = tree.County,
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            organizations.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }
        return await CreateMeetingAsync(admin, tree.County, organizations.Take(reporters).ToList(), ratersPerGroup, scheme);
    }

    /// <summary>A meeting hosted by <paramref name="hostId"/> where the secretaries of <paramref name="reporterOrganizations"/> report, with codes per group.</summary>
    public static async Task<MeetingSetup> CreateMeetingAsync(HttpClient admin, long hostId, IReadOnlyList<long> reporterOrganizations, int ratersPerGroup, long? schemeId = null)
    {
        var scheme = schemeId ?? await CreateSchemeAsync(admin, hostId);
        var response = await admin.PostAsJsonAsync("/api/v1/meetings", new
        {
            title = "2026年上半年乡镇党委书记抓基层党建工作述职评议会",
            cycle = "2026 上半年",
            hostOrganizationId = hostId,
            direction = "Upward",
            schemeId = scheme,
            heldOn = "2026-07-10",
            location = "县委大会议室",
            reporters = reporterOrganizations.Select((o, i) => new { organizationId = o, name = $"书记{i + 1:00}", reportText = "述职报告" }),
            groups = GroupKeys.Select(k => new { key = k, expectedRaters = ratersPerGroup }),
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var meeting = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = meeting.GetProperty("id").GetInt64();
        var codes = new Dictionary<string, string[]>();
        foreach (var key in GroupKeys)
        {
            var generated = await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/codes", new { groupKey = key, count = ratersPerGroup });
            Assert.Equal(System.Net.HttpStatusCode.OK, generated.StatusCode);
            codes[key] = [.. (await generated.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(c => c.GetProperty("code").GetString()!)];
        }
        return new MeetingSetup(id, [.. meeting.GetProperty("reporters").EnumerateArray().Select(r => r.GetProperty("id").GetInt64())], codes);
    }

    /// <summary>Makes <paramref name="count"/> codes of a group (for one reporter only when <paramref name="reporterId"/> is given) and returns them.</summary>
    public static async Task<string[]> CodesAsync(HttpClient chair, long meetingId, string groupKey, int count, long? reporterId = null)
    {
        var generated = await chair.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/codes", new { groupKey, count, reporterId });
        Assert.Equal(System.Net.HttpStatusCode.OK, generated.StatusCode);
        return [.. (await generated.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(c => c.GetProperty("code").GetString()!)];
    }

    public static HttpRequestMessage Ballot(string code, long meetingId, long reporterId, string? grade, object? opinion = null, string? submissionId = null,
        decimal[]? indicators = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ballots")
        {
            Content = JsonContent.Create(new { meetingId, reporterId, grade, indicators, opinion, submissionId }),
        };
        request.Headers.Add("X-Rater-Code", code);
        return request;
    }
}
