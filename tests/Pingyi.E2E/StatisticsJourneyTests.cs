using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// The county opens the statistics board, drills down to a township, opens the list behind a number (as many rows as the
/// number) and exports it; the big screen fits 1920×1080 without scrolling; a township's secretary reads its own board on a phone.
/// </summary>
public sealed class StatisticsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheCountyDrillsDown_OpensTheListBehindANumber_AndTheBigScreenFits()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var county = await browser.SignInAsync(app, "admin");
        await county.GetByRole(AriaRole.Link, new() { Name = "统计", Exact = true }).ClickAsync();
        await Assertions.Expect(county.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("测试县委");
        await Assertions.Expect(county.Locator("#chart-map[data-ready=true]")).ToBeAttachedAsync();
        await Assertions.Expect(county.Locator("#chart-bars canvas")).ToBeAttachedAsync();
        await Assertions.Expect(county.Locator("a[data-figure='mem.all']").First).ToHaveTextAsync("4");

        // Down to 一号镇: its branches become the rows, the county the way back.
        await county.Locator("table[data-section='党员']").GetByRole(AriaRole.Link, new() { Name = "一号镇党委" }).ClickAsync();
        await Assertions.Expect(county.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("一号镇党委");
        await Assertions.Expect(county.Locator("#trail")).ToContainTextAsync("测试县委");
        var members = county.Locator($"a[data-figure='mem.all'][data-org='{tree.V11}']");
        await Assertions.Expect(members).ToHaveTextAsync("3");
        await members.ClickAsync();
        await Assertions.Expect(county.Locator("#count")).ToContainTextAsync("共 3 条");
        await Assertions.Expect(county.Locator("#rows tr")).ToHaveCountAsync(3);
        var download = await county.RunAndWaitForDownloadAsync(() => county.Locator("#export").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var rows = Workbooks.Read(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Equal(1 + 3, rows.Count);
        Assert.Equal(["孙三", "赵一", "钱二"], rows.Skip(1).Select(r => r[2]).Order().ToArray());

        // The county's display: everything on one 1920×1080 screen.
        var display = await browser.SignInAsync(app, "admin", screen: (1920, 1080));
        await display.GotoAsync("/Statistics/Screen");
        await Assertions.Expect(display.Locator("#screen-map[data-ready=true]")).ToBeAttachedAsync();
        var fits = await display.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth");
        Assert.True(fits, "the big screen scrolls at 1920×1080");
        await Assertions.Expect(display.Locator(".tile[data-figure='mem.all'] .value")).ToHaveTextAsync("4");
        await display.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-statistics-screen.png") });

        // A township on a phone: its own board, no wider than the phone, a number opening its list.
        var township = await browser.SignInAsync(app, "t1admin", phone: true);
        await township.GotoAsync("/Statistics");
        await Assertions.Expect(township.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("一号镇党委");
        Assert.False(await township.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the statistics page is wider than a 390 px phone");
        await township.Locator("a[data-figure='org.all']").First.ClickAsync();
        await Assertions.Expect(township.Locator("#count")).ToContainTextAsync("共 5 条"); // the committee itself, two villages, the general branch and its branch
        await township.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-statistics-phone.png"), FullPage = true });
    }
}
