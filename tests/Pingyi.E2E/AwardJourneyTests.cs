using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Awards;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// A township nominates its members on a phone for the year's 优秀共产党员: one graded 较差 in the year is refused with the
/// reason beside the name, what was typed kept; another is nominated; the county passes the review and publicizes the
/// list, which the public page shows with the name and branch only.
/// </summary>
public sealed class AwardJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ANominationIsRefusedForAPoorYear_AnotherIsRecommended_AndTheListIsPublicized()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var api = await app.SignInAsync("admin");
        var people = await app.QueryAsync(db => db.People.ToDictionaryAsync(p => p.Name, p => p.Id));
        await AwardRecords.GradedYearAsync(api, tree);
        await AwardRecords.PoorYearAsync(app, api, tree, people["赵一"], people["钱二"]);
        Assert.True((await api.PostAsync("/api/v1/awards/customary/2026", null)).IsSuccessStatusCode);

        var township = await browser.SignInAsync(app, "t1admin", phone: true);
        await township.GotoAsync("/Awards?year=2026");
        await township.GetByRole(AriaRole.Link, new() { Name = "优秀共产党员" }).ClickAsync();
        await township.Locator("#nominate summary").ClickAsync();
        await township.GetByLabel("所在党组织").SelectOptionAsync(new SelectOptionValue { Label = "东村党支部" });
        await township.GetByLabel("被提名党员姓名").FillAsync("赵一");
        await township.GetByLabel("主要事迹").FillAsync("带领群众发展茶叶产业");
        await township.GetByRole(AriaRole.Button, new() { Name = "提名", Exact = true }).ClickAsync();
        // Refused with the year's 较差 named beside the name; nothing saved, what was typed kept.
        await Assertions.Expect(township.Locator("#personName ~ .invalid-feedback"))
            .ToContainTextAsync("2026 年度评议中被评为“较差”（2026年上半年村党组织书记述职评议会，2026年7月10日）");
        await Assertions.Expect(township.GetByLabel("主要事迹")).ToHaveValueAsync("带领群众发展茶叶产业");
        await Assertions.Expect(township.Locator("#no-nominations")).ToBeVisibleAsync();
        Assert.False(await township.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the award page is wider than a 390 px phone");
        await township.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-award-refused.png"), FullPage = true });

        await township.GetByLabel("被提名党员姓名").FillAsync("钱二");
        await township.GetByRole(AriaRole.Button, new() { Name = "提名", Exact = true }).ClickAsync();
        await Assertions.Expect(township.GetByRole(AriaRole.Status)).ToContainTextAsync("已提名钱二（东村党支部），等待组织部门审核。");

        var county = await browser.SignInAsync(app, "admin");
        county.Dialog += (_, dialog) => dialog.AcceptAsync();
        await county.GotoAsync(new Uri(township.Url).AbsolutePath);
        await county.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Assertions.Expect(county.GetByRole(AriaRole.Status)).ToContainTextAsync("审核通过：钱二（东村党支部）。");
        await county.GetByRole(AriaRole.Button, new() { Name = "公示拟表彰名单" }).ClickAsync();
        await Assertions.Expect(county.GetByRole(AriaRole.Status)).ToContainTextAsync("名单已公示，公示期至");
        await Assertions.Expect(county.Locator("#stage")).ToHaveTextAsync("公示中");

        var visitor = await browser.Browser.NewPageAsync(new() { BaseURL = app.ServerAddress, ViewportSize = new() { Width = 390, Height = 844 } });
        await visitor.GotoAsync("/Public/Awards?year=2026");
        await Assertions.Expect(visitor.Locator("[data-award] li")).ToHaveTextAsync(["钱二（东村党支部）"]);
        await Assertions.Expect(visitor.Locator("body")).Not.ToContainTextAsync("茶叶产业");
    }
}
