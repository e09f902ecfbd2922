using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// "一七三" from the notice to the appointment in the browser: the notice published, the leading cadres' meeting recommends on phones — one voter on the 390 px ballot page with its
/// two buttons 推荐 and 不推荐 — and its publication puts the majority among the nominees; after three rounds closed on the page the discipline body
/// concludes the integrity review on its page, the party secretary and the discipline secretary sign it each with their own account
/// on a phone, the organization department appoints, and the batch record (Word) lists every step with the signers' names.
/// </summary>
public sealed class AppointmentJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AWholeSelection_FromTheNotice_ToTheAppointment_InTheBrowser()
    {
        // Tuesday 1 December 2026, 08:00 China time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true, clock: clock);
        var tree = await app.SeedAsync();
        var api = await app.SignInAsync("admin");
        var people = new Dictionary<string, long>();
        foreach (var (name, n, born) in new[] { ("周五", 5, 1990), ("吴六", 6, 1988), ("郑七", 7, 1992), ("王八", 8, 1986) })
        {
            var created = await api.PostAsJsonAsync("/api/v1/people", new { name, idNumber = Ids.Valid(n, born), organizationId = tree.V11, memberStatus = "Full", joinedOn = "2015-07-01" });
            people[name] = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("id").GetInt64();
            (await api.PostAsJsonAsync($"/api/v1/people/{people[name]}/positions", new { organizationId = tree.V11, title = "CommitteeMember", termStart = "2020-01-01" })).EnsureSuccessStatusCode();
        }
        // The notice, drafted and published on the page.
        var page = await browser.SignInAsync(app, "admin");
        await page.GotoAsync("/Selection");
        await page.GetByText("新建选任批次（职位空缺预告）").ClickAsync();
        await page.GetByLabel("批次名称").FillAsync("2026年第四批科级领导干部选任");
        await page.GetByLabel("推荐开始日期").FillAsync("2026-11-28");
        await page.GetByLabel("推荐截止日期").FillAsync("2026-12-10");
        await page.GetByLabel("第 1 个职位名称").FillAsync("一号镇副镇长");
        await page.GetByLabel("第 1 个职位所在单位").SelectOptionAsync(new SelectOptionValue { Label = "一号镇党委" });
        await page.GetByLabel("第 1 个职位最低年龄").FillAsync("28");
        await page.GetByLabel("第 1 个职位最高年龄").FillAsync("45");
        await page.GetByLabel("第 1 个职位任现职年限").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "打开批次" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "发布职位空缺预告" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("职位空缺预告已发布");
        var batchId = long.Parse(page.Url.Split('/')[^1].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);
        var post = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/selection/batches/{batchId}")).GetProperty("posts")[0].GetProperty("id").GetInt64();

        // The leading cadres' meeting, arranged on the page: a name not in the county is refused beside the field, nothing arranged.
        await page.GetByText("领导干部会议推荐（手机无记名投票）").ClickAsync();
        await page.Locator("textarea[name=candidates]").FillAsync("周五\n张无此人");
        await page.GetByLabel("会议日期").FillAsync("2026-12-02");
        await page.GetByLabel("应到会领导干部人数").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "安排会议推荐" }).ClickAsync();
        await Assertions.Expect(page.Locator("textarea[name=candidates] ~ .invalid-feedback")).ToContainTextAsync("第 2 行：管理范围内没有名为“张无此人”的党员");
        await page.Locator("textarea[name=candidates]").FillAsync("周五\n吴六");
        await page.GetByRole(AriaRole.Button, new() { Name = "安排会议推荐" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("领导干部会议推荐已安排：2 名人选");
        var meetingLink = page.Locator("[data-recommendation] a", new() { HasText = "评议会议" });
        var meetingId = long.Parse((await meetingLink.GetAttributeAsync("href"))!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var candidates = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("id").GetInt64());
        var codes = (await (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/codes", new { groupKey = "voters", count = 3 })).Content.ReadFromJsonAsync<JsonElement>())
            .EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToArray();
        (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).EnsureSuccessStatusCode();
        var voter = await browser.AnonymousPhoneAsync(app);
        await voter.GotoAsync("/b#" + codes[0]);
        foreach (var (name, choice) in new[] { ("周五", "推荐"), ("吴六", "不推荐") })
        {
            await voter.Locator("#list button", new() { HasText = name }).ClickAsync();
            await Assertions.Expect(voter.Locator(".grades button:visible")).ToHaveTextAsync(["推荐", "不推荐"]);
            await Assertions.Expect(voter.Locator("#opinion")).ToHaveAttributeAsync("placeholder", new System.Text.RegularExpressions.Regex("^对推荐人选的意见建议"));
            await voter.Locator(".grades button", new() { HasText = choice }).First.ClickAsync();
            await voter.Locator("#submit").ClickAsync();
            await Assertions.Expect(voter.Locator("#list button", new() { HasText = name })).ToBeDisabledAsync();
        }
        await voter.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-recommendation-phone.png"), FullPage = true });
        foreach (var code in codes[1..])
        {
            (await api.SendAsync(Raters.Ballot(code, meetingId, candidates["周五"], "good"))).EnsureSuccessStatusCode();
            (await api.SendAsync(Raters.Ballot(code, meetingId, candidates["吴六"], code == codes[1] ? "good" : "fairlyGood"))).EnsureSuccessStatusCode();
        }
        (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).EnsureSuccessStatusCode();
        // 周五: 3 of 3 present recommend — nominated; 吴六: 1 of 3 — not.
        await page.GotoAsync($"/Selection/Details/{batchId}");
        await Assertions.Expect(page.Locator("[data-nominations] tr", new() { HasText = "周五" })).ToContainTextAsync("领导干部会议推荐");
        await Assertions.Expect(page.Locator("[data-nominations] tr", new() { HasText = "周五" })).ToContainTextAsync("实到 3 人，推荐 3 票");
        await Assertions.Expect(page.Locator("[data-recommendation]")).ToContainTextAsync("吴六 推荐 1 票 未过半数");

        // Three more nominations, then three rounds counted on paper, closed on the page: 4 → 3 → 2 → 1.
        foreach (var (name, channel) in new[] { ("吴六", "Organization"), ("郑七", "Self"), ("王八", "OrganizationDepartment") })
        {
            (await api.PostAsJsonAsync("/api/v1/selection/nominations", new { postId = post, personId = people[name], channel, evidence = "推荐材料" })).EnsureSuccessStatusCode();
        }
        clock.Advance(TimeSpan.FromDays(10));
        api = await app.SignInAsync("admin"); // ten days on, the sessions have ended
        page = await browser.SignInAsync(app, "admin");
        string[] standing = ["周五", "吴六", "郑七", "王八"];
        await page.GotoAsync($"/Selection/Details/{batchId}");
        for (var round = 1; round <= 3; round++)
        {
            await page.Locator("input[name=advancing]").FillAsync((standing.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "安排本轮" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"第 {round} 轮已安排：{standing.Length} 人参加，{standing.Length - 1} 人晋级");
            await page.Locator("input[name=voters]").FillAsync("30");
            for (var i = 0; i < standing.Length; i++)
            {
                await page.GetByLabel($"{standing[i]}得票").FillAsync((28 - i * 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "结束本轮" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"本轮已结束：{standing.Length - 1} 人晋级，1 人淘汰");
            await Assertions.Expect(page.Locator("[data-nominations] tr", new() { HasText = standing[^1] })).ToContainTextAsync($"第 {round} 轮淘汰");
            standing = standing[..^1];
        }

        // The integrity review: the discipline body concludes on its page; each secretary signs with their own account, on a phone.
        var county = await app.QueryAsync(db => db.Organizations.Where(o => o.Id == tree.County).Select(o => o.Code).SingleAsync());
        await app.CreateUserAsync("jwstaff", county, "DisciplineInspection");
        await app.CreateUserAsync("jwsj", county, "DisciplineInspection");
        await app.CreateUserAsync("xwsj", county, "Secretary");
        await app.QueryAsync(db => db.Users.Where(u => u.UserName == "xwsj" || u.UserName == "jwsj")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, u => u.UserName == "xwsj" ? "县委书记" : "县纪委书记")));
        var discipline = await browser.SignInAsync(app, "jwstaff");
        await discipline.GotoAsync("/Selection/Integrity");
        await discipline.GetByLabel("审查结论和依据").FillAsync("经查阅信访件、审计报告和个人有关事项报告，未发现影响使用的问题");
        await discipline.GetByRole(AriaRole.Button, new() { Name = "作出审查结论" }).ClickAsync();
        await Assertions.Expect(discipline.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Assertions.Expect(discipline.Locator("[data-review]")).ToContainTextAsync("未发现影响使用的问题");

        // Before both signatures the appointment is not offered, and the page says why.
        await page.GotoAsync($"/Selection/Details/{batchId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "作出任用决定" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-review]")).ToContainTextAsync("经党委书记、纪委书记签署后，才能作出任用决定");
        // The assessor is not offered the discipline secretary's signature; the secretaries are told to sign.
        await Assertions.Expect(discipline.GetByRole(AriaRole.Button, new() { Name = "以纪委书记身份签署" })).ToHaveCountAsync(0);
        foreach (var (user, button) in new[] { ("xwsj", "以党委书记身份签署"), ("jwsj", "以纪委书记身份签署") })
        {
            var signer = await browser.SignInAsync(app, user, phone: true);
            await signer.GotoAsync("/Notifications");
            await signer.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("任前廉政审查结论已作出") }).ClickAsync();
            await Assertions.Expect(signer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Selection/Integrity$"));
            await signer.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
            await Assertions.Expect(signer.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
            await Assertions.Expect(signer.GetByRole(AriaRole.Button, new() { Name = button })).ToHaveCountAsync(0);
            Assert.True(await signer.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{user}'s page overflows a 390 px phone");
        }
        await page.GotoAsync($"/Selection/Details/{batchId}");
        var review = page.Locator("[data-review]");
        await Assertions.Expect(review).ToContainTextAsync("县委书记（xwsj）");
        await Assertions.Expect(review).ToContainTextAsync("县纪委书记（jwsj）");
        await page.GetByRole(AriaRole.Button, new() { Name = "作出任用决定" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("任用决定已记录");
        await Assertions.Expect(review).ToContainTextAsync("已任用");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-appointment.png"), FullPage = true });

        // The batch record, downloaded from the page: every step from the notice to the appointment, with who acted.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "批次纪实（Word）" }).ClickAsync());
        var record = OfficialFormat.Check(await File.ReadAllBytesAsync((await download.PathAsync())!));
        foreach (var step in new[] { "发布职位空缺预告", "领导干部会议推荐结果，实到3人：周五推荐3票（提名），吴六推荐1票（未过半数）", "周五由“领导干部会议推荐”提名为一号镇副镇长人选",
            "一号镇副镇长第3轮结束", "县委书记", "县纪委书记", "决定任用周五为一号镇副镇长" })
        {
            Assert.Contains(step, record.Body, StringComparison.Ordinal);
        }
    }
}
