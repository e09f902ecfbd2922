using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Selection;

/// <summary>
/// "一七三" (seed 000) through the API: a vacancy notice drafted, published (public page, Word notice); nominations by the
/// channels refused when the nominee is ineligible, a leading cadre's recommendation without its cadre, too few or twice-signed
/// co-signers, a second nomination; three rounds with fewer advancing than stand, a tie at the cut to a runoff, a tie broken by
/// the previous round, an eliminated candidate never scored again; only the organization department sees any of it.
/// </summary>
public sealed class SelectionTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static object Signer(int n) => new { name = $"群众{n}", idNumber = Ids.Valid(200 + n, 1970) };

    [Theory, MemberData(nameof(Providers))]
    public async Task AVacancy_FromTheNotice_ThroughNominations_AndThreeRounds(string provider)
    {
        // Tuesday 1 December 2026, 08:00 China time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync(provider, clock: clock, settings: new Dictionary<string, string> { ["Selection:MinCoSigners"] = "3" });
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var people = new Dictionary<string, long>(await app.QueryAsync(db => db.People.ToDictionaryAsync(p => p.Name, p => p.Id)));
        foreach (var (name, n, born, org, since, education) in new[] { ("周五", 5, 1990, t.V11, "2021-01-01", "Bachelor"), ("吴六", 6, 1988, t.V12, "2020-01-01", "Postgraduate"),
            ("郑七", 7, 1992, t.B13, "2022-06-01", "Bachelor"), ("王八", 8, 1985, t.V21, "2019-01-01", "Bachelor"), ("钱十", 10, 1987, t.V11, "2019-01-01", "College") })
        {
            var created = await admin.PostAsJsonAsync("/api/v1/people", new { name, idNumber = Ids.Valid(n, born), organizationId = org, memberStatus = "Full", joinedOn = "2015-07-01", education });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            people[name] = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("id").GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/people/{people[name]}/positions", new { organizationId = org, title = "CommitteeMember", termStart = since })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/people/{people["赵一"]}/positions", new { organizationId = t.T1, title = "Secretary", termStart = "2019-01-01" })).StatusCode);

        // 一: the notice, refused when wrong; a township administrator has no part in selection.
        object Batch(string until) => new
        {
            title = "2026年第四批科级领导干部选任", year = 2026, organizationId = t.County, nominationFrom = "2026-11-25", nominationUntil = until,
            posts = new[] { new { title = "一号镇副镇长", organizationId = t.T1, rank = "副科级", places = 1, minAge = 28, maxAge = 45, minYearsInPost = 2, education = "大学本科", field = "经济管理" } },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/v1/selection/batches", Batch("2026-12-10"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync("/api/v1/selection/batches")).StatusCode);
        var backwards = await admin.PostAsJsonAsync("/api/v1/selection/batches", Batch("2026-11-20"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Contains("nominationUntil", await backwards.Content.ReadAsStringAsync());
        var created2 = await admin.PostAsJsonAsync("/api/v1/selection/batches", Batch("2026-12-10"));
        Assert.Equal(HttpStatusCode.Created, created2.StatusCode);
        var body = await created2.Content.ReadFromJsonAsync<JsonElement>();
        var batch = body.GetProperty("batch").GetProperty("id").GetInt64();
        var post = body.GetProperty("posts")[0].GetProperty("id").GetInt64();

        async Task<HttpResponseMessage> Nominate(string name, string channel, string evidence = "推荐函", long? nominator = null, object[]? coSigners = null) =>
            await admin.PostAsJsonAsync("/api/v1/selection/nominations", new { postId = post, personId = people[name], channel, evidence, nominatorPersonId = nominator, coSigners });
        Assert.Equal(HttpStatusCode.Conflict, (await Nominate("周五", "Organization")).StatusCode); // not yet published
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/selection/batches/{batch}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/selection/batches/{batch}/publish", null)).StatusCode);

        // The public page (no login) shows the post and its requirements; the notice is an official Word document.
        var page = await app.CreateClient().GetStringAsync("/Public/Selection");
        Assert.Contains("一号镇副镇长", page, StringComparison.Ordinal);
        Assert.Contains("28至45岁", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/documents/issuers/{t.County}", new { name = "中共测试县委员会", prefix = "测组通" })).StatusCode);
        var notice = OfficialFormat.Check(await admin.GetByteArrayAsync($"/api/v1/selection/batches/{batch}/notice.docx"));
        Assert.Equal(("2026年第四批科级领导干部选任职位空缺预告", "中共测试县委员会"), (notice.Title, notice.Issuer));
        Assert.Contains("一号镇副镇长", notice.Body, StringComparison.Ordinal);
        Assert.Contains("2026年11月25日至2026年12月10日", notice.Body, StringComparison.Ordinal);

        // 七: refusals, each named.
        var college = await Nominate("钱十", "Organization");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, college.StatusCode);
        Assert.Contains("学历为大学专科，低于职位要求的大学本科", await college.Content.ReadAsStringAsync());
        var old = await Nominate("赵一", "Organization");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, old.StatusCode);
        Assert.Contains("年龄 46 岁，超过职位要求的 45 岁", await old.Content.ReadAsStringAsync());
        Assert.Contains("领导干部个人推荐须写明推荐人", await (await Nominate("吴六", "LeadingCadre")).Content.ReadAsStringAsync());
        Assert.Contains("群众联名推荐至少需要 3 人联名", await (await Nominate("郑七", "PublicJoint", coSigners: [Signer(1), Signer(2)])).Content.ReadAsStringAsync());
        Assert.Contains("每人只能联名一次", await (await Nominate("郑七", "PublicJoint", coSigners: [Signer(1), Signer(2), Signer(1)])).Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Nominations.CountAsync()));

        Assert.Equal(HttpStatusCode.OK, (await Nominate("周五", "Organization", "一号镇党委推荐函")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Nominate("吴六", "LeadingCadre", "赵一同志推荐", nominator: people["赵一"])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Nominate("郑七", "PublicJoint", "群众联名推荐书", coSigners: [Signer(1), Signer(2), Signer(3)])).StatusCode);
        var twice = await Nominate("王八", "PublicJoint", "群众联名推荐书", coSigners: [Signer(3), Signer(4), Signer(5)]);
        Assert.Contains("群众3已为一号镇副镇长联名推荐过其他人选", await twice.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Nominate("王八", "Self", "个人自荐表")).StatusCode);
        var again = await Nominate("周五", "OrganizationDepartment");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("周五已由“组织推荐”提名", await again.Content.ReadAsStringAsync());
        // Co-signers are kept as a keyed hash and an encrypted name: no name in the clear.
        var ciphers = await app.QueryAsync(db => db.CoSigners.Select(c => c.NameCipher).ToListAsync());
        Assert.Equal(3, ciphers.Count);
        Assert.All(ciphers, c => Assert.DoesNotContain("群众", Encoding.UTF8.GetString(c), StringComparison.Ordinal));

        // 三: not before the window closes.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/selection/posts/{post}/rounds", new { method = "Ballot", advancing = 3, tieRule = "Runoff" })).StatusCode);
        clock.Advance(TimeSpan.FromDays(10));
        admin = await app.SignInAsync("admin"); // the session of ten days ago has expired
        var notFewer = await admin.PostAsJsonAsync($"/api/v1/selection/posts/{post}/rounds", new { method = "Ballot", advancing = 4, tieRule = "Runoff" });
        Assert.Contains("必须少于参加人数（4）", await notFewer.Content.ReadAsStringAsync());
        var ids = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/selection/batches/{batch}")).GetProperty("nominations").EnumerateArray()
            .ToDictionary(n => n.GetProperty("name").GetString()!, n => n.GetProperty("id").GetInt64());
        async Task<long> Plan(string method, int advancing, string rule)
        {
            var planned = await admin.PostAsJsonAsync($"/api/v1/selection/posts/{post}/rounds", new { method, advancing, tieRule = rule });
            Assert.True(planned.IsSuccessStatusCode, await planned.Content.ReadAsStringAsync());
            return (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        async Task<JsonElement> Close(long round, int voters, params (string Name, decimal Score)[] results)
        {
            var closed = await admin.PostAsJsonAsync($"/api/v1/selection/rounds/{round}/close", new { voters, results = results.Select(r => new { nominationId = ids[r.Name], score = r.Score }) });
            Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());
            return await closed.Content.ReadFromJsonAsync<JsonElement>();
        }
        string[] Names(JsonElement outcome, string part) => [.. outcome.GetProperty(part).EnumerateArray().Select(id => ids.Single(kv => kv.Value == id.GetInt64()).Key).Order(StringComparer.Ordinal)];

        // Round 1, the organization department, three of four advance: 郑七 and 王八 tie at the cut — a runoff for the last place.
        var first = await Plan("Ballot", 3, "Runoff");
        var fractional = await admin.PostAsJsonAsync($"/api/v1/selection/rounds/{first}/close", new { voters = 30, results = ids.Select(kv => new { nominationId = kv.Value, score = 10.5m }) });
        Assert.Contains("得票应为 0 到投票人数之间的整数", await fractional.Content.ReadAsStringAsync());
        var one = await Close(first, 30, ("周五", 20), ("吴六", 16), ("郑七", 15), ("王八", 15));
        Assert.Equal(["吴六", "周五"], Names(one, "advancing"));
        Assert.Equal(["王八", "郑七"], Names(one, "runoff"));
        Assert.Contains("加试决定剩余的 1 个晋级名额", await (await admin.PostAsJsonAsync($"/api/v1/selection/posts/{post}/rounds", new { method = "Ballot", advancing = 2, tieRule = "Runoff" })).Content.ReadAsStringAsync());
        // The runoff ties again: another runoff between the same two.
        var tiedAgain = await Close(await Plan("Ballot", 1, "Runoff"), 30, ("郑七", 15), ("王八", 15));
        Assert.Equal(["王八", "郑七"], Names(tiedAgain, "runoff"));
        var runoff = await Plan("Ballot", 1, "Runoff");
        var settled = await Close(runoff, 30, ("郑七", 17), ("王八", 13));
        Assert.Equal(["王八"], Names(settled, "eliminated"));

        // Round 2, all serving cadres, two of three: 吴六 and 郑七 tie; the previous round's votes put 吴六 through.
        var second = await Plan("Scored", 2, "PreviousRound");
        var carried = await admin.PostAsJsonAsync($"/api/v1/selection/rounds/{second}/close",
            new { voters = 120, results = new[] { ("周五", 50m), ("吴六", 40m), ("郑七", 40m), ("王八", 60m) }.Select(r => new { nominationId = ids[r.Item1], score = r.Item2 }) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, carried.StatusCode);
        Assert.Contains("王八已在第 1 轮淘汰，不能再参加本轮", await carried.Content.ReadAsStringAsync());
        var two = await Close(second, 120, ("周五", 50), ("吴六", 40), ("郑七", 40));
        Assert.Equal(["吴六", "周五"], Names(two, "advancing"));
        Assert.Equal(["郑七"], Names(two, "eliminated"));

        // Round 3, the county committee plenary, one of two, on phones: an evaluation meeting with the two as its reporters, five
        // one-time codes; no hand-written tally; the publication closes the round on the composites (周五 4×好 1×较好 = 96, 吴六 2×好
        // 3×一般 = 76).
        var noDate = await admin.PostAsJsonAsync($"/api/v1/selection/posts/{post}/rounds", new { method = "Phones", advancing = 1, tieRule = "Runoff" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noDate.StatusCode);
        Assert.Contains("heldOn", await noDate.Content.ReadAsStringAsync());
        var planned = await admin.PostAsJsonAsync($"/api/v1/selection/posts/{post}/rounds", new { method = "Phones", advancing = 1, tieRule = "Runoff", heldOn = "2026-12-11", voters = 5 });
        Assert.True(planned.IsSuccessStatusCode, await planned.Content.ReadAsStringAsync());
        var plenary = await planned.Content.ReadFromJsonAsync<JsonElement>();
        var meetingId = plenary.GetProperty("meetingId").GetInt64();
        var handTally = await admin.PostAsJsonAsync($"/api/v1/selection/rounds/{plenary.GetProperty("id").GetInt64()}/close",
            new { voters = 5, results = new[] { new { nominationId = ids["周五"], score = 5 }, new { nominationId = ids["吴六"], score = 0 } } });
        Assert.Equal(HttpStatusCode.Conflict, handTally.StatusCode);
        Assert.Contains("公布结果后自动结束", await handTally.Content.ReadAsStringAsync());
        var candidates = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("id").GetInt64());
        Assert.Equal(["周五", "吴六"], candidates.Keys.ToArray()); // the standing candidates in nomination order, no one eliminated
        var codes = await Meetings.MeetingFixture.CodesAsync(admin, meetingId, "voters", 5);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).StatusCode);
        var phone = app.CreateClient();
        for (var i = 0; i < codes.Length; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(Meetings.MeetingFixture.Ballot(codes[i], meetingId, candidates["周五"], i < 4 ? "good" : "fairlyGood"))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await phone.SendAsync(Meetings.MeetingFixture.Ballot(codes[i], meetingId, candidates["吴六"], i < 2 ? "good" : "average"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).StatusCode);
        var three = await app.QueryAsync(db => db.SelectionRounds.Include(r => r.Entries).SingleAsync(r => r.MeetingId == meetingId));
        Assert.Equal(Web.Modules.Selection.RoundState.Closed, three.State);
        Assert.Equal([(ids["周五"], 96m, "Advanced"), (ids["吴六"], 76m, "Eliminated")],
            three.Entries.OrderByDescending(e => e.Score).Select(e => (e.NominationId, e.Score!.Value, e.Outcome.ToString())).ToArray());
        Assert.Contains("三轮竞争性选拔已经完成", await (await admin.PostAsJsonAsync($"/api/v1/selection/posts/{post}/rounds", new { method = "Ballot", advancing = 1, tieRule = "Runoff" })).Content.ReadAsStringAsync());

        // The appointment waits for the integrity review: the discipline body's conclusion, then both secretaries' signatures.
        var appoint = $"/api/v1/selection/nominations/{ids["周五"]}/appoint";
        Assert.Contains("纪检监察机关尚未作出任前廉政审查结论", await (await admin.PostAsync(appoint, null)).Content.ReadAsStringAsync());
        await app.CreateUserAsync("jwstaff", "C", "DisciplineInspection");
        await app.CreateUserAsync("jwsj", "C", "DisciplineInspection");
        await app.CreateUserAsync("xwsj", "C", "Secretary");
        await app.QueryAsync(db => db.Users.Where(u => u.UserName == "xwsj").ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "县委书记")));
        var (staff, disciplineSecretary, partySecretary) = (await app.SignInAsync("jwstaff"), await app.SignInAsync("jwsj"), await app.SignInAsync("xwsj"));
        var review = $"/api/v1/selection/integrity/{ids["周五"]}";
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync(review, new { passed = true, conclusion = "未发现问题" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partySecretary.PostAsJsonAsync(review, new { passed = true, conclusion = "未发现问题" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await partySecretary.PostAsync(review + "/sign", null)).StatusCode); // nothing to sign yet
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync(review, new { passed = true, conclusion = "经查阅信访件、审计报告和个人有关事项报告，未发现影响使用的问题" })).StatusCode);
        Assert.Equal(["周五"], (await staff.GetFromJsonAsync<JsonElement>("/api/v1/selection/integrity")).EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray());
        Assert.Contains("尚无党委书记和纪委书记签署", await (await admin.PostAsync(appoint, null)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await partySecretary.PostAsync(review + "/sign", null)).StatusCode);
        Assert.Contains("尚无纪委书记签署", await (await admin.PostAsync(appoint, null)).Content.ReadAsStringAsync());
        Assert.Contains("作出审查结论的账号不能再以纪委书记身份签署", await (await staff.PostAsync(review + "/sign", null)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await disciplineSecretary.PostAsync(review + "/sign", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(appoint, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync(appoint, null)).StatusCode);
        var signed = await app.QueryAsync(db => db.IntegrityReviews.SingleAsync());
        Assert.Equal(("jwstaff", "xwsj", "jwsj"), (signed.AssessedBy, signed.PartySecretarySignedBy, signed.DisciplineSecretarySignedBy));

        // The records from the audit trail: the batch's every step; 周五's own steps only, 王八's ending in round 1.
        var record = OfficialFormat.Check(await admin.GetByteArrayAsync($"/api/v1/selection/batches/{batch}/record.docx"));
        Assert.Equal("2026年第四批科级领导干部选任全程纪实", record.Title);
        foreach (var step in new[] { "起草职位空缺预告", "王八由“个人自荐”提名为一号镇副镇长人选", "第1轮加试结束", "纪委书记签署任前廉政审查意见", "决定任用周五为一号镇副镇长" })
        {
            Assert.Contains(step, record.Body, StringComparison.Ordinal);
        }
        Assert.Contains("县委书记", record.Body, StringComparison.Ordinal); // the signer by their display name, not the account
        Assert.DoesNotContain("xwsj", record.Body, StringComparison.Ordinal);
        var zhou = OfficialFormat.Check(await admin.GetByteArrayAsync($"/api/v1/selection/nominations/{ids["周五"]}/record.docx"));
        Assert.Equal("周五同志选任纪实", zhou.Title);
        Assert.Contains("周五（96，晋级）", zhou.Body, StringComparison.Ordinal);
        Assert.Contains("党委书记签署任前廉政审查意见", zhou.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("王八", zhou.Body, StringComparison.Ordinal);
        var wang = OfficialFormat.Check(await admin.GetByteArrayAsync($"/api/v1/selection/nominations/{ids["王八"]}/record.docx"));
        Assert.Contains("王八（13，淘汰）", wang.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("第2轮", wang.Body, StringComparison.Ordinal);

        var details = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/selection/batches/{batch}");
        var fates = details.GetProperty("nominations").EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!,
            n => (n.GetProperty("state").GetString(), n.GetProperty("eliminatedInRound").ValueKind == JsonValueKind.Null ? 0 : n.GetProperty("eliminatedInRound").GetInt32()));
        Assert.Equal(("Appointed", 0), fates["周五"]);
        Assert.Equal([("Eliminated", 1), ("Eliminated", 2), ("Eliminated", 3)], new[] { fates["王八"], fates["郑七"], fates["吴六"] });
        Assert.Equal(("县委书记（xwsj）", "jwsj"), (details.GetProperty("reviews")[0].GetProperty("partySecretarySignedBy").GetString(),
            details.GetProperty("reviews")[0].GetProperty("disciplineSecretarySignedBy").GetString()));
        Assert.Equal([30, 30, 30, 120, 5], details.GetProperty("rounds").EnumerateArray().Select(r => r.GetProperty("voters").GetInt32()).ToArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("t1admin")).GetAsync($"/api/v1/selection/batches/{batch}")).StatusCode);
        var actions = await app.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "SelectionBatch").Select(e => e.Action).ToListAsync());
        Assert.Equal((1, 1, 4, 5, 5), (actions.Count(a => a == "selection.batch"), actions.Count(a => a == "selection.publish"), actions.Count(a => a == "selection.nominate"),
            actions.Count(a => a == "selection.round"), actions.Count(a => a == "selection.close")));
        Assert.Equal((1, 2, 1), (actions.Count(a => a == "selection.integrity"), actions.Count(a => a == "selection.sign"), actions.Count(a => a == "selection.appoint")));
    }
}
