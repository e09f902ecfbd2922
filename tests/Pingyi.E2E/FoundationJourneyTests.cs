using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>What a newcomer does first: sign in, browse the county, import a roster with mistakes, fix it, export.</summary>
public sealed class FoundationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string?[] Header = Workbooks.RosterHeader;

    private static async Task<IPage> SignInAsync(IBrowser browser, TestApp app, ViewportSize? viewport = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerAddress, AcceptDownloads = true, ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync(TestApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsAReadableMessage()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var page = await (await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress })).NewPageAsync();

        await page.GotoAsync("/Organizations");
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误");
    }

    [Fact]
    public async Task SignIn_ThenBrowseTheTree_ToABranchAndItsMembers()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var page = await SignInAsync(browser.Browser, app);

        await page.GetByRole(AriaRole.Link, new() { Name = "组织", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "组织架构" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "展开 一号镇党委" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "东村党支部" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "东村党支部" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^3 人") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "赵一" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(new Regex(@"^410326\*{8}\d{3}[\dX]$")).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SearchTheTree_ByName()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var page = await SignInAsync(browser.Browser, app);

        await page.GotoAsync("/Organizations");
        await page.GetByPlaceholder("搜索组织名称或编码").FillAsync("南村");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "南村党支部" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ImportRosterWithMistakes_ReadTheRowErrors_FixThem_ImportAgain_AndExport()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var page = await SignInAsync(browser.Browser, app);
        var good = Ids.Valid(50);
        var badChecksum = good[..17] + (good[17] == '1' ? "2" : "1");
        string?[] Person(string id, string org) => ["新党员", null, id, "13700001111", org, null, "正式党员", "2018-07-01", "2019-07-01", null, null, null];

        await page.GetByRole(AriaRole.Link, new() { Name = "导入导出" }).ClickAsync();
        await page.GetByLabel(new Regex("选择文件")).SetInputFilesAsync(new FilePayload
        {
            Name = "花名册.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Workbooks.Create([Header, Person(Ids.Valid(51), "V11"), Person(badChecksum, "V12")]),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "开始导入" }).ClickAsync();

        var report = page.GetByTestId("import-report");
        await Assertions.Expect(report.GetByRole(AriaRole.Status)).ToContainTextAsync("其中1行有错误");
        var errorRow = report.GetByRole(AriaRole.Row).Filter(new() { HasText = "第3行" });
        await Assertions.Expect(errorRow).ToContainTextAsync("公民身份号码");
        await Assertions.Expect(errorRow).ToContainTextAsync("身份证号码校验位错误");

        await page.GetByLabel(new Regex("选择文件")).SetInputFilesAsync(new FilePayload
        {
            Name = "花名册.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Workbooks.Create([Header, Person(Ids.Valid(51), "V11"), Person(good, "V12")]),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "开始导入" }).ClickAsync();
        await Assertions.Expect(report.GetByRole(AriaRole.Status)).ToContainTextAsync("导入完成：共2行，新增2人");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Row).Filter(new() { HasText = "花名册" }).GetByRole(AriaRole.Link, new() { Name = "导出 Excel" }).ClickAsync());
        var path = await download.PathAsync();
        var rows = Workbooks.Read(await File.ReadAllBytesAsync(path!));
        Assert.Equal(Header, rows[0]);
        Assert.Equal(7, rows.Count);
        Assert.Contains(rows, r => r[0] == "新党员" && r[4] == "V12" && r[2] == good[..6] + "********" + good[14..]);
    }

    [Fact]
    public async Task OnAPhone_TheNavigationCollapses_AndTheTreeFits()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var page = await SignInAsync(browser.Browser, app, new ViewportSize { Width = 360, Height = 740 });

        await page.GotoAsync("/Organizations");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "导入导出" })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "菜单" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "导入导出" })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page is wider than a 360 px phone");
    }

    [Fact]
    public async Task DissolvingABranchWithMembers_IsRefusedWithTheReason()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var page = await SignInAsync(browser.Browser, app);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync($"/Organizations/Details/{tree.V11}");
        await page.GetByText("撤销", new() { Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "撤销" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("还有3名人员");
    }

    [Fact]
    public async Task RegisterAPerson_ThenTransferThem_AndReadTheHistory()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var page = await SignInAsync(browser.Browser, app);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var id = Ids.Valid(90);

        await page.GotoAsync("/People");
        await page.GetByText("登记人员").ClickAsync();
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }) });
        await form.GetByLabel("姓名", new() { Exact = true }).FillAsync("新登记");
        await form.GetByLabel("身份证号码", new() { Exact = true }).FillAsync(id);
        await form.GetByPlaceholder("输入名称筛选").FillAsync("西村");
        await Assertions.Expect(form.GetByLabel("所在组织", new() { Exact = true })).ToHaveValueAsync(tree.V12.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("党员类别").SelectOptionAsync(new SelectOptionValue { Label = "群众" });
        await form.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已登记新登记");
        await Assertions.Expect(page.GetByText(id[..6] + "********" + id[14..])).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(id)).ToHaveCountAsync(0);

        await page.GetByText("组织关系转接").ClickAsync();
        await page.GetByLabel("转入组织编码").FillAsync("V21");
        await page.GetByRole(AriaRole.Button, new() { Name = "转接", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已转接组织关系");
        var history = page.Locator("table").Filter(new() { HasText = "起止" });
        await Assertions.Expect(history.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("南村党支部");
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_WithAClearMessage()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var page = await (await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress })).NewPageAsync();

        await page.GotoAsync("/Accounts/Login");
        for (var i = 0; i < 5; i++)
        {
            await page.GetByLabel("用户名").FillAsync("t1admin");
            await page.GetByLabel("密码").FillAsync("wrong-" + i);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        }
        await page.GetByLabel("用户名").FillAsync("t1admin");
        await page.GetByLabel("密码").FillAsync(TestApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("账号已锁定");
    }

    [Fact]
    public async Task TheAuditPage_ShowsChanges_AndVerifiesTheChain()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var page = await SignInAsync(browser.Browser, app);

        await page.GotoAsync($"/Organizations/Details/{tree.V12}");
        var rename = page.Locator("details").Filter(new() { Has = page.GetByText("更名", new() { Exact = true }) });
        await rename.GetByText("更名", new() { Exact = true }).ClickAsync();
        await rename.GetByLabel("名称").FillAsync("西村（新名）");
        await rename.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已更名");

        await page.GetByRole(AriaRole.Link, new() { Name = "审计" }).ClickAsync();
        await page.GetByPlaceholder("操作").FillAsync("organization.rename");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "西村（新名）" })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "校验哈希链" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("哈希链完整");
    }

    [Fact]
    public async Task ChangeThePassword_ThenSignInWithTheNewOne()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var page = await SignInAsync(browser.Browser, app);

        await page.GetByRole(AriaRole.Link, new() { Name = "系统管理员" }).ClickAsync();
        await page.GetByLabel("当前密码").FillAsync(TestApp.AdminPassword);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync("Brand-New-Pass-2027");
        await page.GetByLabel("再次输入新密码").FillAsync("Brand-New-Pass-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("密码已修改");

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync("Brand-New-Pass-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "系统管理员" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TurnOnTwoFactor_ThenSignInWithAnAuthenticatorCode()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var page = await SignInAsync(browser.Browser, app);

        await page.GotoAsync("/Accounts/TwoFactor");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "二维码" })).ToBeVisibleAsync();
        var key = await page.GetByTestId("authenticator-key").TextContentAsync();
        await page.GetByLabel("验证码").FillAsync(Totp.Code(key!));
        await page.GetByRole(AriaRole.Button, new() { Name = "开启" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("两步验证已开启");

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync(TestApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByLabel("验证器应用中的6位验证码").FillAsync(Totp.Code(key!));
        await page.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "系统管理员" })).ToBeVisibleAsync();
    }
}
