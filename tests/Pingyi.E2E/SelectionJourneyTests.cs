using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// "一七三" in the browser: the organization department drafts a vacancy notice and publishes it, a resident reads it on a
/// phone, an ineligible nominee is refused beside the field, and after the window the first round is planned and closed on
/// the page — the eliminated candidate marked and left out of the next round's form.
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
        await page.Locator("input[name=advancing]").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "安排本轮" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("周五得票").Or(page.GetByLabel("周五得分"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("郑七得票")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("郑七得分")).ToHaveCountAsync(0);
    }
}
