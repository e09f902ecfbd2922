using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// The county records the year's assessments (the township on a phone), publishes the grades, sees them against the
/// targets, and puts a lagging branch's conversion measure into the ledger.
/// </summary>
public sealed class GradingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheCountyGradesTheYear_AgainstTheTargets_AndALaggingBranchGetsAConversionMeasure()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var county = await browser.SignInAsync(app, "admin");
        var township = await browser.SignInAsync(app, "t1admin", phone: true);
        county.Dialog += (_, dialog) => dialog.AcceptAsync();

        async Task Record(IPage page, long organization, string score)
        {
            await page.GotoAsync($"/Grading/Organization/{organization}?year=2026");
            await page.GetByLabel("评分来源", new() { Exact = true }).SelectOptionAsync("Annual");
            await page.GetByLabel("得分（百分制）").FillAsync(score);
            await page.GetByRole(AriaRole.Button, new() { Name = "录入评分" }).ClickAsync();
        }

        // A sheet scored on one standard only is refused with the reason, and what was typed stays.
        await county.GotoAsync($"/Grading/Organization/{tree.V11}?year=2026");
        await county.GetByLabel("评分来源", new() { Exact = true }).SelectOptionAsync("Annual");
        await county.GetByText("或按“五好”标准逐项打分").ClickAsync();
        await county.GetByLabel("领导班子好（满分 20）").FillAsync("19");
        await county.GetByRole(AriaRole.Button, new() { Name = "录入评分" }).ClickAsync();
        await Assertions.Expect(county.Locator("#input-form")).ToContainTextAsync("请填写每一项标准的得分");
        await Assertions.Expect(county.GetByLabel("领导班子好（满分 20）")).ToHaveValueAsync("19");
        await Record(county, tree.V11, "95");
        await Assertions.Expect(county.GetByRole(AriaRole.Status)).ToContainTextAsync("已录入年度考核全年：95 分。");
        await Assertions.Expect(county.Locator("#preview")).ToContainTextAsync("试算得分 95.00");
        foreach (var (organization, score) in new[] { (tree.G1, "80"), (tree.B13, "85"), (tree.V21, "60") })
        {
            await Record(county, organization, score);
        }
        // The township records its own village on a phone.
        await Record(township, tree.V12, "72");
        await Assertions.Expect(township.GetByRole(AriaRole.Status)).ToContainTextAsync("72 分");
        var overflow = await township.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the organization's grading page is wider than a 390 px phone");

        await county.GotoAsync("/Grading?year=2026");
        await Assertions.Expect(county.Locator("#status")).ToContainTextAsync("尚未定级");
        await county.GetByRole(AriaRole.Button, new() { Name = "发布 2026 年度定级" }).ClickAsync();
        await Assertions.Expect(county.GetByRole(AriaRole.Status)).ToContainTextAsync("先进 1 个、一般 3 个、后进 1 个");
        var total = county.Locator("#summary tbody tr").Last;
        await Assertions.Expect(total).ToContainTextAsync("合计");
        await Assertions.Expect(total).ToContainTextAsync("5");
        // 先进 1 of 5 = 20% against a 40% target: one organization short.
        await Assertions.Expect(county.Locator("#targets")).ToContainTextAsync("还差 1 个");
        await Assertions.Expect(county.Locator("#chart rect")).ToHaveCountAsync(2 * 3);
        await county.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-grading-board.png"), FullPage = true });

        await county.GetByRole(AriaRole.Link, new() { Name = "摘帽子（后进）" }).ClickAsync();
        await Assertions.Expect(county.Locator("#results tbody tr")).ToHaveCountAsync(1);
        await county.GetByRole(AriaRole.Link, new() { Name = "南村党支部" }).ClickAsync();
        await Assertions.Expect(county.Locator("#grade")).ToHaveTextAsync("后进");
        await county.GetByLabel("存在问题", new() { Exact = true }).FillAsync("班子软弱涣散，组织生活不正常");
        await county.GetByLabel("转化措施").FillAsync("选派第一书记，每月检查“三会一课”");
        await county.GetByRole(AriaRole.Button, new() { Name = "列入整改台账" }).ClickAsync();
        await Assertions.Expect(county.GetByRole(AriaRole.Status)).ToContainTextAsync("整顿转化措施已列入整改台账");
        await Assertions.Expect(county.Locator("#conversion")).ToContainTextAsync("0/1 已销号");
        await county.Locator("#conversion").GetByRole(AriaRole.Link, new() { Name = "班子软弱涣散，组织生活不正常" }).ClickAsync();
        await Assertions.Expect(county.GetByText("后进整顿转化").First).ToBeVisibleAsync();
    }
}
