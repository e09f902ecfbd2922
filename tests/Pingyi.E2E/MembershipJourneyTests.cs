using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// A clerk registers a resident's application from the people page, records the talk and names an activist, and is refused
/// naming the activist a candidate after a month — the rule and the first possible day beside the date; a township's
/// secretary follows the record on a phone.
/// </summary>
public sealed class MembershipJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnApplication_IsRecorded_AndAStepTooEarly_IsRefusedWithTheDayItBecomesPossible()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var api = await app.SignInAsync("admin");
        (await api.PostAsJsonAsync("/api/v1/people", new { name = "王五", idNumber = Ids.Valid(55, 1998), organizationId = tree.V11, memberStatus = "None" })).EnsureSuccessStatusCode();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var clerk = await browser.SignInAsync(app, "admin");
        await clerk.GotoAsync("/People");
        await clerk.Locator("#membership-link").ClickAsync();
        await clerk.Locator("#apply summary").ClickAsync();
        await clerk.GetByLabel("所在党组织").SelectOptionAsync(tree.V11.ToString(CultureInfo.InvariantCulture));
        await clerk.GetByLabel("申请人姓名").FillAsync("王五");
        await clerk.GetByLabel("递交申请日期").FillAsync(Day(today.AddDays(-60)));
        await clerk.GetByLabel("接收人").FillAsync("赵一");
        await clerk.GetByLabel("退伍军人").CheckAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#stage")).ToHaveTextAsync("入党申请人");

        async Task Step(string step, DateOnly on, string document, string? contacts = null)
        {
            await clerk.GetByLabel("步骤").SelectOptionAsync(step);
            await clerk.GetByLabel("日期", new() { Exact = true }).FillAsync(Day(on));
            await clerk.GetByLabel("材料").FillAsync(document);
            await clerk.GetByLabel("经办或批准人").FillAsync("赵一");
            if (contacts is not null)
            {
                await clerk.Locator("#contacts").FillAsync(contacts);
            }
            await clerk.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        }
        await Step("Talk", today.AddDays(-50), "谈话记录");
        await Assertions.Expect(clerk.GetByRole(AriaRole.Status)).ToContainTextAsync("谈话");
        await Step("Activist", today.AddDays(-30), "支部委员会会议记录", "赵一、孙三");
        await Assertions.Expect(clerk.Locator("#stage")).ToHaveTextAsync("入党积极分子");

        // A month later is too early: the rule and the first possible day beside the date, what was typed kept.
        var possible = today.AddDays(-30).AddYears(1);
        await Step("Candidate", today, "支部委员会会议记录");
        var message = clerk.Locator("#on ~ .invalid-feedback");
        await Assertions.Expect(message).ToContainTextAsync("1年以上");
        await Assertions.Expect(message).ToContainTextAsync($"{possible.Year}年{possible.Month}月{possible.Day}日");
        await Assertions.Expect(clerk.GetByLabel("材料")).ToHaveValueAsync("支部委员会会议记录");
        await Assertions.Expect(clerk.Locator("#stage")).ToHaveTextAsync("入党积极分子");
        await Assertions.Expect(clerk.Locator("#entries tbody tr")).ToHaveCountAsync(3);

        var secretary = await browser.SignInAsync(app, "t1admin", phone: true);
        await secretary.GotoAsync("/Membership");
        await Assertions.Expect(secretary.Locator("a[data-stage='Activist']")).ToContainTextAsync("1");
        await secretary.GetByRole(AriaRole.Link, new() { Name = "王五" }).ClickAsync();
        await Assertions.Expect(secretary.Locator("#entries")).ToContainTextAsync("确定为入党积极分子");
        Assert.False(await secretary.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the development record is wider than a 390 px phone");
        await secretary.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-membership-phone.png"), FullPage = true });
        await clerk.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-membership-refused.png"), FullPage = true });
    }
}
