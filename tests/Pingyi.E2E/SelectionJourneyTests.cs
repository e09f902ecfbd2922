using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// "一七三" in the browser: the organization department drafts a vacancy notice and publishes it, a resident reads it on a
/// phone, an ineligible nominee is refused beside the field, and after the window the first round is planned and closed on
/// the page — the eliminated candidate marked and left out of the next round — and the second round voted on phones, closed by
/// the publication of its meeting.
/// </summary>
public sealed class SelectionJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ANoticeNominationsAndARound_InTheBrowser()
    {
        // Tuesday 1 December 2026, 08:00 China time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true, clock: clock);
        var tree = await app.SeedAsync();
        var api = await app.SignInAsync("admin");
        var people = new Dictionary<string, long>();
        foreach (var (name, n, born) in new[] { ("周五", 5, 1990), ("吴六", 6, 1988), ("郑七", 7, 1992) })
        {
            var created = await api.PostAsJsonAsync("/api/v1/people", new { name, idNumber = Ids.Valid(n, born), organizationId = tree.V11, memberStatus = "Full", joinedOn = "2015-07-01" });
            people[name] = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("id").GetInt64();
            (await api.PostAsJsonAsync($"/api/v1/people/{people[name]}/positions", new { organizationId = tree.V11, title = "CommitteeMember", termStart = "2020-01-01" })).EnsureSuccessStatusCode();
        }

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
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存为草稿，1 个职位");
        await page.GetByRole(AriaRole.Link, new() { Name = "打开批次" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "发布职位空缺预告" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("职位空缺预告已发布");

        // A resident reads the notice on a phone.
        var phone = await browser.AnonymousPhoneAsync(app);
        await phone.GotoAsync("/Public/Selection");
        await Assertions.Expect(phone.Locator("[data-notice]")).ToContainTextAsync("一号镇副镇长");
        await Assertions.Expect(phone.Locator("[data-notice]")).ToContainTextAsync("28至45岁");

        // 赵一 is 46: refused beside the name, with the reason.
        await page.GetByText("记录提名").First.ClickAsync();
        await page.Locator("select[name=organizationId]").SelectOptionAsync(new SelectOptionValue { Label = "东村党支部" });
        await page.Locator("input[name=personName]").FillAsync("赵一");
        await page.Locator("input[name=evidence]").FillAsync("一号镇党委推荐函");
        await page.GetByRole(AriaRole.Button, new() { Name = "记录提名" }).ClickAsync();
        await Assertions.Expect(page.Locator("input[name=personName] ~ .invalid-feedback")).ToContainTextAsync("年龄 46 岁，超过职位要求的 45 岁");
        foreach (var name in people.Keys)
        {
            await page.Locator("input[name=personName]").FillAsync(name);
            await page.GetByRole(AriaRole.Button, new() { Name = "记录提名" }).ClickAsync();
            if (name != people.Keys.Last())
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"已记录{name}的提名");
                await page.GetByText("记录提名").First.ClickAsync();
                await page.Locator("select[name=organizationId]").SelectOptionAsync(new SelectOptionValue { Label = "东村党支部" });
                await page.Locator("input[name=evidence]").FillAsync("一号镇党委推荐函");
            }
        }
        await Assertions.Expect(page.Locator("[data-nominations] tbody tr")).ToHaveCountAsync(3);

        // After the window: the first round, two of three advance; 郑七 is eliminated and absent from the next round's form.
        clock.Advance(TimeSpan.FromDays(12));
        page = await browser.SignInAsync(app, "admin");
        await page.GotoAsync("/Selection");
        await page.GetByRole(AriaRole.Link, new() { Name = "2026年第四批科级领导干部选任" }).ClickAsync();
        await page.Locator("input[name=advancing]").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "安排本轮" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("第 1 轮已安排：3 人参加，2 人晋级");
        await page.Locator("input[name=voters]").FillAsync("30");
        await page.GetByLabel("周五得票").FillAsync("20");
        await page.GetByLabel("吴六得票").FillAsync("16");
        await page.GetByLabel("郑七得票").FillAsync("9");
        await page.GetByRole(AriaRole.Button, new() { Name = "结束本轮" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("本轮已结束：2 人晋级，1 人淘汰");
        await Assertions.Expect(page.Locator("[data-nominations] tr", new() { HasText = "郑七" })).ToContainTextAsync("第 1 轮淘汰");

        // The second round on phones: no tally form, a meeting with the two standing candidates only; one voter on a phone page,
        // two more by their codes; its publication closes the round.
        await page.Locator("select[name=method]").SelectOptionAsync("Phones");
        await page.Locator("input[name=advancing]").FillAsync("1");
        await page.GetByLabel("投票日期（手机投票）").FillAsync("2026-12-13");
        await page.GetByLabel("应到投票人数（手机投票）").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "安排本轮" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("第 2 轮已安排：2 人参加，1 人晋级");
        await Assertions.Expect(page.GetByLabel("周五得票")).ToHaveCountAsync(0);
        var meetingLink = page.GetByRole(AriaRole.Link, new() { Name = "评议会议：发放投票码、手机投票、公布结果" });
        var meetingId = long.Parse((await meetingLink.GetAttributeAsync("href"))!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        api = await app.SignInAsync("admin");
        var meeting = await api.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}");
        var candidates = meeting.GetProperty("reporters").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("id").GetInt64());
        Assert.Equal(["周五", "吴六"], candidates.Keys.ToArray());
        var codes = (await (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/codes", new { groupKey = "voters", count = 3 })).Content.ReadFromJsonAsync<JsonElement>())
            .EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToArray();
        (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).EnsureSuccessStatusCode();
        var voter = await browser.AnonymousPhoneAsync(app);
        await voter.GotoAsync("/b#" + codes[0]);
        foreach (var (name, grade) in new[] { ("周五", "优秀"), ("吴六", "基本称职") })
        {
            await voter.Locator("#list button", new() { HasText = name }).ClickAsync();
            await voter.Locator(".grades button", new() { HasText = grade }).First.ClickAsync();
            await voter.Locator("#submit").ClickAsync();
            await Assertions.Expect(voter.Locator("#list button", new() { HasText = name })).ToBeDisabledAsync();
        }
        foreach (var code in codes[1..])
        {
            (await api.SendAsync(Raters.Ballot(code, meetingId, candidates["周五"], "fairlyGood"))).EnsureSuccessStatusCode();
            (await api.SendAsync(Raters.Ballot(code, meetingId, candidates["吴六"], "good"))).EnsureSuccessStatusCode();
        }
        (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).EnsureSuccessStatusCode();
        // 周五 (100 + 80 + 80) / 3 = 86.67, 吴六 (60 + 100 + 100) / 3 = 86.67: a tie at the cut, to a runoff under the round's rule.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-round]").Last).ToContainTextAsync("同分加试");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "安排加试" })).ToBeVisibleAsync();
    }
}
