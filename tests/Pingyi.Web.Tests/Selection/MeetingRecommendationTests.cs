using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Selection;

/// <summary>
/// 领导干部会议推荐 (the fifth channel of "一七三", seed 000) as a secret ballot on phones: refused for an ineligible cadre, outside the
/// window and twice; the phone offers 推荐 and 不推荐 only; its publication nominates by the channel whoever more than half of the
/// voters present recommended — one already nominated by another channel keeps that — with the tally as evidence, audited and in
/// the batch's record; the signatures of the integrity review show the accounts' display names.
/// </summary>
public sealed class MeetingRecommendationTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task TheLeadersMeeting_VotesOnPhones_AndItsMajorityIsNominated(string provider)
    {
        // Tuesday 1 December 2026, 08:00 China time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var people = new Dictionary<string, long>(await app.QueryAsync(db => db.People.ToDictionaryAsync(p => p.Name, p => p.Id)));
        foreach (var (name, n, born, org) in new[] { ("周五", 5, 1990, t.V11), ("吴六", 6, 1988, t.V12), ("郑七", 7, 1992, t.B13) })
        {
            var created = await admin.PostAsJsonAsync("/api/v1/people", new { name, idNumber = Ids.Valid(n, born), organizationId = org, memberStatus = "Full", joinedOn = "2015-07-01", education = "Bachelor" });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            people[name] = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("id").GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/people/{people[name]}/positions", new { organizationId = org, title = "CommitteeMember", termStart = "2020-01-01" })).StatusCode);
        }
        var created2 = await admin.PostAsJsonAsync("/api/v1/selection/batches", new
        {
            title = "2026年第四批科级领导干部选任", year = 2026, organizationId = t.County, nominationFrom = "2026-11-25", nominationUntil = "2026-12-10",
            posts = new[] { new { title = "一号镇副镇长", organizationId = t.T1, rank = "副科级", places = 1, minAge = 28, maxAge = 45, minYearsInPost = 2, education = "大学本科", field = "经济管理" } },
        });
        var body = await created2.Content.ReadFromJsonAsync<JsonElement>();
        var batch = body.GetProperty("batch").GetProperty("id").GetInt64();
        var post = body.GetProperty("posts")[0].GetProperty("id").GetInt64();
        var url = $"/api/v1/selection/posts/{post}/recommendation";
        object Start(string heldOn, params string[] names) => new { personIds = names.Select(n => people[n]), heldOn, voters = 5 };

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync(url, Start("2026-12-02", "周五"))).StatusCode); // not published yet
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/selection/batches/{batch}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("t1admin")).PostAsJsonAsync(url, Start("2026-12-02", "周五"))).StatusCode);
        var tooOld = await admin.PostAsJsonAsync(url, Start("2026-12-02", "周五", "赵一"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooOld.StatusCode);
        Assert.Contains("赵一不符合一号镇副镇长的任职条件", await tooOld.Content.ReadAsStringAsync());
        var late = await admin.PostAsJsonAsync(url, Start("2026-12-11", "周五"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("heldOn", await late.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.MeetingRecommendations.CountAsync()));

        var started = await admin.PostAsJsonAsync(url, Start("2026-12-02", "周五", "吴六", "郑七"));
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var meetingId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingId").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync(url, Start("2026-12-02", "周五"))).StatusCode); // one per post
        // 吴六 is nominated by another channel meanwhile.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/selection/nominations", new { postId = post, personId = people["吴六"], channel = "Self", evidence = "个人自荐表" })).StatusCode);

        var candidates = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("id").GetInt64());
        var codes = await MeetingFixture.CodesAsync(admin, meetingId, "voters", 5);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).StatusCode);
        var phone = app.CreateClient();
        var sheet = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ballot-sheet");
        sheet.Headers.Add("X-Rater-Code", codes[0]);
        var form = await (await phone.SendAsync(sheet)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["推荐", "不推荐"], form.GetProperty("gradeLabels").EnumerateArray().Select(l => l.GetString()!).ToArray());
        Assert.Equal("对推荐人选的意见建议", form.GetProperty("opinionPrompt").GetString());
        var third = await phone.SendAsync(MeetingFixture.Ballot(codes[0], meetingId, candidates["周五"], "average"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, third.StatusCode);
        Assert.Contains("评价等次只能是推荐、不推荐之一", await third.Content.ReadAsStringAsync());
        // Five voters: 周五 4 推荐, 吴六 3, 郑七 2 — more than half of 5 is 3 or more.
        for (var i = 0; i < codes.Length; i++)
        {
            foreach (var (name, yes) in new[] { ("周五", 4), ("吴六", 3), ("郑七", 2) })
            {
                // One voter adds an opinion: a vote's opinions stay with its results, they raise no rectification item.
                var opinion = i == 0 && name == "周五" ? new { category = "对人选的意见", text = "建议多听取群众意见" } : null;
                Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(MeetingFixture.Ballot(codes[i], meetingId, candidates[name], i < yes ? "good" : "fairlyGood", opinion))).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Nominations.CountAsync(n => n.Channel == Core.Selection.NominationChannel.LeadersMeeting)));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).StatusCode);

        // A vote, not a 述职评议: no talk, no ledger item, no numbered report or feedback sheet.
        Assert.Equal((0, 0, 0), await app.QueryAsync(async db => (await db.Talks.CountAsync(x => x.MeetingId == meetingId), await db.LedgerItems.CountAsync(x => x.MeetingId == meetingId),
            await db.IssuedDocuments.CountAsync(x => x.Subject.StartsWith($"meeting:{meetingId}:")))));
        Assert.Equal(1, await app.QueryAsync(db => db.Opinions.CountAsync(o => o.MeetingId == meetingId)));
        var meetingPage = await admin.GetStringAsync($"/Meetings/Details/{meetingId}");
        Assert.Contains($"/Selection/Details/{batch}", meetingPage, StringComparison.Ordinal); // the meeting links back to its batch

        var details = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/selection/batches/{batch}");
        var nominations = details.GetProperty("nominations").EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!,
            n => (Channel: n.GetProperty("channel").GetString(), Evidence: n.GetProperty("evidence").GetString()!));
        Assert.Equal(2, nominations.Count);
        Assert.Equal("LeadersMeeting", nominations["周五"].Channel);
        Assert.Contains("领导干部会议推荐（2026年12月2日手机无记名投票）：实到 5 人，推荐 4 票，超过半数", nominations["周五"].Evidence, StringComparison.Ordinal);
        Assert.Equal("Self", nominations["吴六"].Channel);
        Assert.False(nominations.ContainsKey("郑七"));
        var recommendation = details.GetProperty("recommendations")[0];
        Assert.Equal((5, 1), (recommendation.GetProperty("present").GetInt32(), recommendation.GetProperty("nominated").GetInt32()));
        Assert.Equal([("周五", 4, true, true), ("吴六", 3, true, false), ("郑七", 2, false, false)], recommendation.GetProperty("candidates").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("recommended").GetInt32(), c.GetProperty("carried").GetBoolean(), c.GetProperty("nominated").GetBoolean())).ToArray());

        var record = OfficialFormat.Check(await admin.GetByteArrayAsync($"/api/v1/selection/batches/{batch}/record.docx"));
        Assert.Contains("安排一号镇副镇长领导干部会议推荐（2026年12月2日），应到5人，人选：周五、吴六、郑七", record.Body, StringComparison.Ordinal);
        Assert.Contains("领导干部会议推荐结果，实到5人：周五推荐4票（提名），吴六推荐3票（过半数，已由其他渠道提名），郑七推荐2票（未过半数）", record.Body, StringComparison.Ordinal);
        Assert.Contains("周五由“领导干部会议推荐”提名为一号镇副镇长人选", record.Body, StringComparison.Ordinal);
        var actions = await app.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "SelectionBatch").Select(e => e.Action).ToListAsync());
        Assert.Equal((1, 1, 2), (actions.Count(a => a == "selection.recommendation"), actions.Count(a => a == "selection.recommendation.result"), actions.Count(a => a == "selection.nominate")));
    }
}
