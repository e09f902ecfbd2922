using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Tests.Support;
using static Pingyi.Web.Tests.Meetings.MeetingFixture;

namespace Pingyi.Web.Tests.Meetings;

public sealed class MeetingFlowTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task Ballots_AreSecret_NoColumnOrAuditEntryLinksThemToACode(string provider)
    {
        await using var room = await MeetingRoom.CreateAsync(provider, open: true);
        var (app, setup) = (room.App, room.Meeting);
        var code = setup.Codes["committee"][0];
        var response = await room.CastAsync(code, setup.Reporters[0], "good", new { category = "组织建设", text = "加强支部建设" });
        var receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
        // The other eight raters score the same reporter one after another: the order of arrival is known here.
        var arrival = new List<string> { receipt };
        foreach (var other in setup.Codes.Values.SelectMany(c => c).Where(c => c != code))
        {
            var answer = await room.CastAsync(other, setup.Reporters[0], "fairlyGood");
            arrival.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!);
        }

        var columns = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Pingyi.Web.Data.PingyiDbContext>().Model
            .FindEntityType(typeof(Pingyi.Web.Modules.Meetings.Ballot))!.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal).ToList()));
        Assert.Equal(["Grade", "GroupId", "Id", "Indicators", "MeetingId", "Receipt", "Rehearsal", "ReporterId"], columns);
        var audit = await app.QueryAsync(db => db.AuditEntries.Select(a => a.Action + " " + a.Data).ToListAsync());
        Assert.DoesNotContain(audit, a => a.Contains(receipt) || a.Contains(code.Replace("-", "")) || a.Contains("ballot"));

        // The code is stored only as a keyed hash: the server's key finds it, a hash without the key does not.
        var normalized = RaterCodeText.Normalize(code)!;
        var keyed = await app.WithScopeAsync(sp => Task.FromResult(RaterCodeText.Hash(sp.GetRequiredService<Pingyi.Web.Infrastructure.PiiProtector>(), normalized)));
        var hashes = await app.QueryAsync(db => db.RaterCodes.Select(c => c.CodeHash).ToListAsync());
        Assert.Contains(keyed, hashes);
        Assert.DoesNotContain(UnkeyedHash(normalized), hashes);
        Assert.DoesNotContain(UnkeyedHash("rater-code:" + normalized), hashes);

        // Ids say which reporter a ballot is for and nothing about when it came: the nine ballots, in the order their
        // ids sort, are not in the order they arrived (by chance that would happen once in 9! = 362,880 runs).
        var ballots = await app.QueryAsync(db => db.Ballots.Select(b => new { b.Id, b.ReporterId, b.Receipt }).ToListAsync());
        Assert.Equal(9, ballots.Count);
        Assert.All(ballots, b => Assert.Equal(b.ReporterId, b.Id >> 40));
        Assert.NotEqual(arrival, ballots.OrderBy(b => b.Id).Select(b => b.Receipt));
        Assert.Equal(arrival.Order(StringComparer.Ordinal), ballots.Select(b => b.Receipt).Order(StringComparer.Ordinal));
    }

    private static string UnkeyedHash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    [Theory, MemberData(nameof(Providers))]
    public async Task SameCode_FromTwoPhonesAtOnce_CountsOnce_AndARetryGetsTheSameReceipt(string provider)
    {
        await using var room = await MeetingRoom.CreateAsync(provider, open: true);
        var (app, setup) = (room.App, room.Meeting);
        var code = setup.Codes["public"][1];

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            app.CreateClient().SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[1], GradeNames[i % 4]))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.QueryAsync(db => db.Ballots.CountAsync(b => b.ReporterId == setup.Reporters[1])));

        // A phone that lost the answer sends the very same ballot again: the same receipt, still one ballot.
        var submissionId = Guid.NewGuid().ToString("N");
        var once = await app.CreateClient().SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], "average", submissionId: submissionId));
        var twice = await app.CreateClient().SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], "average", submissionId: submissionId));
        var changed = await app.CreateClient().SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], "good", submissionId: submissionId));
        Assert.Equal(HttpStatusCode.Created, once.StatusCode);
        Assert.Equal(HttpStatusCode.Created, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal((await once.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString(),
            (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString());
        Assert.Equal(1, await app.QueryAsync(db => db.Ballots.CountAsync(b => b.ReporterId == setup.Reporters[0])));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task IncompleteBallot_IsRefusedWithTheReason_AndNothingStored(string provider)
    {
        await using var room = await MeetingRoom.CreateAsync(provider, open: true);
        var (app, setup) = (room.App, room.Meeting);
        var phone = room.Phone;
        var code = setup.Codes["public"][0];

        var noGrade = await phone.SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], null));
        var badCategory = await phone.SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], "good", new { category = "其他", text = "意见" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noGrade.StatusCode);
        Assert.Contains("请选择评价等次", await noGrade.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badCategory.StatusCode);
        Assert.Contains("思想建设", await badCategory.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Ballots.CountAsync()));
        Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(Ballot(code, setup.MeetingId, setup.Reporters[0], "good"))).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Rehearsal_TestCodesOnly_NeverReachesResults_AndIsPurgedWhole(string provider)
    {
        await using var room = await MeetingRoom.CreateAsync(provider);
        var (app, admin, setup) = (room.App, room.Admin, room.Meeting);
        var id = setup.MeetingId;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/meetings/{id}/rehearsal", null)).StatusCode);
        var test = await (await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/codes", new { groupKey = "public", count = 3, rehearsal = true }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await admin.PostAsJsonAsync($"/api/v1/meetings/{id}/open", new { });
        var phone = app.CreateClient();

        var testBallot = await phone.SendAsync(Ballot(test[0].GetProperty("code").GetString()!, id, setup.Reporters[0], "poor"));
        var realBallot = await phone.SendAsync(Ballot(setup.Codes["public"][0], id, setup.Reporters[0], "good"));

        Assert.Equal(HttpStatusCode.Created, testBallot.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, realBallot.StatusCode);
        var console = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        Assert.Equal(1, console.GetProperty("reporters")[0].GetProperty("groups")[2].GetProperty("rehearsalBallots").GetInt32());
        Assert.Equal(0, console.GetProperty("reporters")[0].GetProperty("groups")[2].GetProperty("ballots").GetInt32());
        Assert.Empty(await phone.GetFromJsonAsync<string[]>($"/api/v1/meetings/{id}/receipts") ?? ["x"]);

        var purge = await admin.PostAsync($"/api/v1/meetings/{id}/rehearsal/purge", null);

        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Ballots.CountAsync()));
        Assert.Equal(9, await app.QueryAsync(db => db.RaterCodes.CountAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.SendAsync(Ballot(test[1].GetProperty("code").GetString()!, id, setup.Reporters[0], "poor"))).StatusCode);
        console = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        Assert.Equal("Preparation", console.GetProperty("stage").GetString());
        Assert.All(console.GetProperty("reporters").EnumerateArray(), r => Assert.Equal("Pending", r.GetProperty("state").GetString()));
        Assert.Contains(await app.QueryAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()), a => a == "meeting.rehearsal.purge");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnotherTownship_CannotSeeOrRunTheMeeting(string provider)
    {
        await using var room = await MeetingRoom.CreateAsync(provider);
        var (app, tree, setup) = (room.App, room.Tree, room.Meeting);
        var t2 = await app.SignInAsync("t2admin");

        Assert.Equal(HttpStatusCode.NotFound, (await t2.GetAsync($"/api/v1/meetings/{setup.MeetingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/open", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync($"/api/v1/meetings/{setup.MeetingId}/codes", new { groupKey = "public", count = 1 })).StatusCode);
        Assert.Equal(0, (await t2.GetFromJsonAsync<JsonElement>("/api/v1/meetings")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync("/api/v1/schemes", new
        {
            name = "x", organizationId = tree.County, rules = new { groups = new[] { new { key = "a", name = "甲", weight = 1 } } },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/meetings/{setup.MeetingId}")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Slides_UploadedWithinTypeAndSize_ServedInScopeOnly(string provider)
    {
        await using var room = await MeetingRoom.CreateAsync(provider);
        var (app, admin, setup) = (room.App, room.Admin, room.Meeting);
        var url = $"/api/v1/meetings/{setup.MeetingId}/reporters/{setup.Reporters[0]}";
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();

        using var good = new MultipartFormDataContent { { new ByteArrayContent(pdf), "slides", "述职课件.pdf" }, { new StringContent("本年度抓党建工作情况"), "reportText" } };
        using var bad = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "slides", "virus.exe" } };

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(url + "/report", good)).StatusCode);
        var refused = await admin.PostAsync(url + "/report", bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("不支持的文件类型", await refused.Content.ReadAsStringAsync());
        Assert.Equal(pdf, await admin.GetByteArrayAsync(url + "/slides"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).GetAsync(url + "/slides")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/meetings/{setup.MeetingId}/reporters/{setup.Reporters[1]}/slides")).StatusCode);
        Assert.Contains(await app.QueryAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()), a => a == "meeting.report");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task WrongCodes_FromOneAddress_AreSlowedDown(string provider)
    {
        await using var room = await MeetingRoom.CreateAsync(provider, open: true, settings: new Dictionary<string, string> { ["Security:UnknownRaterCodesPerMinute"] = "5" });
        var (app, setup, phone) = (room.App, room.Meeting, room.Phone);

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            guesses.Add((await phone.SendAsync(Ballot($"ZZZZ-ZZ{(char)('A' + i)}Z", setup.MeetingId, setup.Reporters[0], "good"))).StatusCode);
        }
        var afterwards = await phone.SendAsync(Ballot(setup.Codes["public"][0], setup.MeetingId, setup.Reporters[0], "good"));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Append(HttpStatusCode.TooManyRequests), guesses);
        Assert.Equal(HttpStatusCode.TooManyRequests, afterwards.StatusCode);
        Assert.Contains("一分钟后再试", await afterwards.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Ballots.CountAsync()));
    }
}
