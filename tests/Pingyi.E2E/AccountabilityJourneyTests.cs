using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// Accountability on a 390 px phone: a decision without its document refused beside the field and nothing recorded, then recorded
/// with its effect period; the cadre's profile shows it; a township administrator cannot open the page.
/// </summary>
public sealed class AccountabilityJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ADecision_RecordedOnAPhone_ShowsOnTheProfile()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var page = await browser.SignInAsync(app, "admin", phone: true);
        await page.GotoAsync("/Accountability");
        await page.GetByText("记录问责决定").ClickAsync();
        await page.Locator("select#organizationId").SelectOptionAsync(new SelectOptionValue { Label = "东村党支部" });
        await page.GetByLabel("被问责干部姓名").FillAsync("赵一");
        await page.GetByLabel("决定日期").FillAsync(DateTime.UtcNow.AddHours(8).AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("select#situation").SelectOptionAsync("2");
        await page.Locator("select#measure").SelectOptionAsync("4");
        await page.GetByLabel("问责事实").FillAsync("群众反映的低保复核久拖不办");
        await page.GetByRole(AriaRole.Button, new() { Name = "记录问责" }).ClickAsync();
        await Assertions.Expect(page.Locator("#document ~ .invalid-feedback")).ToContainTextAsync("请填写问责决定文件");
        await Assertions.Expect(page.Locator("#records [data-record]")).ToHaveCountAsync(0);
        await page.GetByLabel("问责决定文件（文号）").FillAsync("测纪〔2026〕3号");
        await page.GetByRole(AriaRole.Button, new() { Name = "记录问责" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已记录对赵一的问责（诫勉），影响期至");
        var row = page.Locator("#records [data-record]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"));
        await row.GetByRole(AriaRole.Link, new() { Name = "赵一" }).ClickAsync();
        await Assertions.Expect(page.Locator("#accountability")).ToContainTextAsync("群众反映的低保复核久拖不办");
        await Assertions.Expect(page.Locator("#accountability")).ToContainTextAsync("影响期至");

        var township = await browser.SignInAsync(app, "t1admin");
        await township.GotoAsync("/Accountability");
        await Assertions.Expect(township).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Accounts/Denied"));
        await Assertions.Expect(township.Locator("main")).ToContainTextAsync("没有执行此操作的权限");
    }
}
