using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// The work records of the archive as clerks keep them in the browser: a training course registered and its sign-in sheet
/// imported (a bad row refused by row and column, then the whole sheet), counted in the coverage; a county leader's project
/// whose late milestone becomes a ledger item and shows in the leader's archive; a stationed cadre registered on a 390 px
/// phone, a good deed logged with a photo and the month checked in.
/// </summary>
public sealed class WorkRecordsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ACourseASignInSheetAndTheCoverage()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var zhao = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.People.Where(p => p.Name == "赵一").Select(p => p.Id)));
        (await admin.PostAsJsonAsync($"/api/v1/people/{zhao}/positions", new { organizationId = tree.V11, title = "Secretary", termStart = "2018-01-01" })).EnsureSuccessStatusCode();

        var page = await browser.SignInAsync(app, "admin");
        await page.GotoAsync("/Training?year=2026");
        await page.GetByText("登记培训或学习活动").ClickAsync();
        await page.GetByLabel("培训名称").FillAsync("2026年村党组织书记轮训班");
        await page.GetByLabel("学时").FillAsync("24");
        await page.GetByLabel("开始日期").FillAsync("2026-03-01");
        await page.GetByLabel("结束日期").FillAsync("2026-03-03");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("培训“2026年村党组织书记轮训班”已登记");
        await page.GetByRole(AriaRole.Link, new() { Name = "打开培训，导入签到表" }).ClickAsync();

        string?[] header = ["姓名", "公民身份号码", "学时"];
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "签到表.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Workbooks.Create([header, ["赵一", Ids.Valid(1), null], ["孙三", "123", null]]),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入签到" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("第 3 行，公民身份号码");
        await Assertions.Expect(page.Locator("#attendees")).ToContainTextAsync("暂无签到");

        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "签到表.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Workbooks.Create([header, ["赵一", Ids.Valid(1), null], ["孙三", Ids.Valid(3), "16"]]),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入签到" }).ClickAsync();
        await Assertions.Expect(page.Locator("#attendees tbody tr")).ToHaveCountAsync(2);

        // The coverage: 一号镇's one branch secretary trained — the target met, nothing short.
        await page.GotoAsync("/Training?year=2026");
        var row = page.Locator("#coverage tbody tr", new() { HasText = "一号镇党委" });
        await Assertions.Expect(row.Locator("[data-level=secretaries]")).ToContainTextAsync("1/1");
        await Assertions.Expect(row.Locator("[data-level=secretaries] .badge")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("[data-level=members]")).ToContainTextAsync("2/3");
    }

    [Fact]
    public async Task AProjectsLateMilestone_BecomesALedgerItem_InTheLeadersArchive()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var li = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.People.Where(p => p.Name == "李四").Select(p => p.Id)));
        (await admin.PostAsJsonAsync($"/api/v1/people/{li}/positions", new { organizationId = tree.County, title = "DeputySecretary", termStart = "2021-01-01" })).EnsureSuccessStatusCode();
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>());
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var page = await browser.SignInAsync(app, "admin");
        await page.GotoAsync("/Projects");
        await page.GetByText("登记包靠项目").ClickAsync();
        await page.GetByLabel("项目名称").FillAsync("东村千亩茶园基地");
        await page.GetByLabel("承担单位").SelectOptionAsync(new SelectOptionValue { Label = "一号镇党委" });
        await page.GetByLabel("包靠领导").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await page.GetByLabel("开工日期").FillAsync(Day(-100));
        await page.GetByLabel("第 1 个节点名称").FillAsync("土地流转");
        await page.GetByLabel("第 1 个节点完成时限").FillAsync(Day(-10));
        await page.GetByLabel("第 2 个节点名称").FillAsync("基地投产");
        await page.GetByLabel("第 2 个节点完成时限").FillAsync(Day(-20));
        await page.GetByRole(AriaRole.Button, new() { Name = "登记项目" }).ClickAsync();
        // Out of order: refused beside the field, what was typed kept.
        await Assertions.Expect(page.GetByText("第 2 个节点：完成时限不能早于上一个节点").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("项目名称")).ToHaveValueAsync("东村千亩茶园基地");
        await page.GetByLabel("第 2 个节点完成时限").FillAsync(Day(120));
        await page.GetByRole(AriaRole.Button, new() { Name = "登记项目" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("项目“东村千亩茶园基地”已登记，2 个节点");

        // The delay job's round: the late milestone raises its ledger item; the project page links it.
        await app.Services.GetRequiredService<Web.Modules.Projects.ProjectDelays>().RunOnceAsync();
        await page.GotoAsync("/Projects");
        await page.GetByRole(AriaRole.Link, new() { Name = "东村千亩茶园基地" }).ClickAsync();
        var late = page.Locator("#milestones li", new() { HasText = "土地流转" });
        await Assertions.Expect(late).ToContainTextAsync("延期 10 天");
        await late.GetByRole(AriaRole.Link, new() { Name = "整改台账事项" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Ledger/Details/\\d+$"));
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("土地流转");

        await page.GotoAsync($"/Archives/Cadre/{li}");
        await Assertions.Expect(page.Locator("#projects")).ToContainTextAsync("东村千亩茶园基地");
    }

    [Fact]
    public async Task AStationedCadre_RegisteredOnAPhone_WithAGoodDeedAndTheMonthsCheckIn()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var phone = await browser.SignInAsync(app, "t1admin", phone: true);
        await phone.GotoAsync("/Stationing");
        await phone.GetByText("登记驻村干部").ClickAsync();
        await phone.GetByLabel("派出单位（干部所在党组织）").SelectOptionAsync(new SelectOptionValue { Label = "东村党支部" });
        await phone.GetByLabel("驻村干部姓名").FillAsync("钱二");
        await phone.GetByLabel("驻村（社区）").SelectOptionAsync(new SelectOptionValue { Label = "西村党支部" });
        await phone.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        // No start date: refused beside the field.
        await Assertions.Expect(phone.Locator("#startOn + .invalid-feedback")).ToContainTextAsync("请填写驻村开始日期");
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>());
        await phone.GetByLabel("驻村开始日期").FillAsync(today.AddMonths(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await phone.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("钱二已登记为驻村干部");
        await phone.GetByRole(AriaRole.Link, new() { Name = "打开驻村记录" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#missed")).ToBeVisibleAsync(); // the months before this one are not checked in yet

        await phone.GetByLabel("做了什么").FillAsync("帮助修缮人饮水池，解决饮水难");
        await phone.GetByLabel("受益群众（人）").FillAsync("210");
        await phone.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "水池.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2] });
        await phone.GetByRole(AriaRole.Button, new() { Name = "记录", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("好事实事已记录");
        await Assertions.Expect(phone.Locator("#entries")).ToContainTextAsync("水池.png");
        await Assertions.Expect(phone.Locator("#station-figures")).ToContainTextAsync("受益群众 210 人");

        await phone.GetByLabel("在村天数").FillAsync("22");
        await phone.GetByRole(AriaRole.Button, new() { Name = "登记报到" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("的报到已登记");
        await Assertions.Expect(phone.Locator("#checkins li")).ToHaveCountAsync(1);
        Assert.False(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the stay's page overflows a 390 px phone");
    }
}
