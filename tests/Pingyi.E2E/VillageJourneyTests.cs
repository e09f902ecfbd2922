using System.Globalization;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// A township clerk on a phone takes a village matter through 四议两公开 — proposed, discussed by the two committees, deliberated by
/// the members' meeting (first refused without a quorum, the rule beside the field), resolved by the representatives, the resolution
/// and the result published — and a resident finds it on the public board; the clerk then fills in the venue register at a desk and
/// imports it, a wrong row named with its row and column first.
/// </summary>
public sealed class VillageJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AVillageMatter_GoesThroughFourDeliberationsAndTwoPublications_AndTheVenueRegisterIsImported()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var clerk = await browser.SignInAsync(app, "t1admin", phone: true);
        await clerk.GotoAsync("/OpenAffairs");
        await clerk.Locator("#propose summary").ClickAsync();
        await clerk.Locator("#organizationId").SelectOptionAsync(tree.V11.ToString(CultureInfo.InvariantCulture));
        await clerk.GetByLabel("事项名称").FillAsync("硬化东村至南岭组道路");
        await clerk.GetByLabel("提议日期").FillAsync(Day(today.AddDays(-20)));
        await clerk.Locator("#matter").FillAsync("硬化道路 1.2 公里，预算 36 万元，由一事一议财政奖补和村集体经济承担");
        await clerk.Locator("#minutes").FillAsync("支部委员会一致同意提议");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "登记提议" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#state")).ToHaveTextAsync("进行中");

        async Task Step(int daysAgo, string minutes, (int Entitled, int Present, int For)? vote = null, string? place = null, string? result = null)
        {
            await clerk.Locator("#step-form #on").FillAsync(Day(today.AddDays(-daysAgo)));
            if (vote is { } v)
            {
                await clerk.Locator("#entitled").FillAsync(v.Entitled.ToString(CultureInfo.InvariantCulture));
                await clerk.Locator("#present").FillAsync(v.Present.ToString(CultureInfo.InvariantCulture));
                await clerk.Locator("#for").FillAsync(v.For.ToString(CultureInfo.InvariantCulture));
                await clerk.Locator("#against").FillAsync((v.Present - v.For).ToString(CultureInfo.InvariantCulture));
                await clerk.Locator("#abstain").FillAsync("0");
            }
            if (place is not null)
            {
                await clerk.Locator("#place").FillAsync(place);
            }
            if (result is not null)
            {
                await clerk.Locator("#result-text").FillAsync(result);
            }
            await clerk.Locator("#step-form #minutes").FillAsync(minutes);
            await clerk.Locator("#step-form").GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        }
        await Step(18, "两委联席会议商议，同意提交党员大会审议");
        // The members' meeting without a quorum (25 of 60 present) is refused with the rule; 40 present, 31 for, passes.
        await Step(15, "党员大会审议", (60, 25, 20));
        await Assertions.Expect(clerk.Locator("#step-form")).ToContainTextAsync("应到 60 人，至少 31 人到会");
        await Assertions.Expect(clerk.Locator("#steps tbody tr")).ToHaveCountAsync(2);
        await Step(15, "党员大会审议通过", (60, 40, 31));
        await Step(12, "村民代表会议表决通过", (45, 36, 33));
        await Step(10, "决议：硬化东村至南岭组道路 1.2 公里", place: "村务公开栏");
        await Step(1, "道路已完工验收", place: "村务公开栏", result: "已完工，经乡镇验收合格");
        await Assertions.Expect(clerk.Locator("#state")).ToHaveTextAsync("已完成");
        await Assertions.Expect(clerk.Locator("#steps tbody tr")).ToHaveCountAsync(6);
        Assert.False(await clerk.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the decision is wider than a 390 px phone");
        await clerk.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-decision-phone.png"), FullPage = true });

        // A resident's phone: the decision on the public board with its votes, no account needed.
        var resident = await browser.AnonymousPhoneAsync(app);
        await resident.GotoAsync("/Public/OpenAffairs");
        await Assertions.Expect(resident.Locator("body")).ToContainTextAsync("硬化东村至南岭组道路");
        Assert.False(await resident.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the public board is wider than a 390 px phone");

        // At a desk: the venue register, a wrong figure named by row and column and nothing registered, then the corrected file.
        var desk = await browser.SignInAsync(app, "t1admin");
        string?[] header = ["组织编码", "村（社区）党组织", "面积（平方米）", "运转经费（元）", "办公议事中心", "党员群众活动中心", "教育培训中心", "便民服务中心", "文化娱乐中心", "标准化建设完成日期", "备注"];
        async Task Import(string area)
        {
            await desk.GotoAsync("/Venues");
            await desk.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).First.ClickAsync();
            var file = Path.Combine(Path.GetTempPath(), $"pingyi-venues-{Guid.NewGuid():N}.xlsx");
            await File.WriteAllBytesAsync(file, Workbooks.Create([header, ["V11", "东村党支部", area, "15000", "是", "是", "是", "是", "是", null, null]]));
            await desk.Locator("#venue-import input[type=file]").SetInputFilesAsync(file);
            await desk.Locator("#venue-import").GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        }
        await Import("一百二");
        await Assertions.Expect(desk.Locator("#import-report")).ToContainTextAsync("第2行");
        await Assertions.Expect(desk.Locator("#import-report")).ToContainTextAsync("“一百二”不是数字");
        await Assertions.Expect(desk.Locator("#summary")).ToContainTextAsync("合计");
        await Import("120");
        await Assertions.Expect(desk.Locator("#import-report")).ToContainTextAsync("已导入1个活动场所");
        await Assertions.Expect(desk.Locator("#venues")).ToContainTextAsync("120");
        await desk.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-venues-import.png"), FullPage = true });
    }
}
