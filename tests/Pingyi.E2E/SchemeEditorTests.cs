using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// A township clerk makes a scheme for its village secretaries in the editor: starts from the township template,
/// is refused with each message beside its field and what was typed kept, corrects it, saves, copies it; the new
/// meeting page offers the template of the host's level.
/// </summary>
public sealed class SchemeEditorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AClerkCreatesAScheme_FromTheTownshipTemplate_IsToldEveryMistakeBesideItsField_AndCopiesIt()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var clerk = await browser.SignInAsync(app, "t1admin");

        await clerk.GotoAsync("/Meetings");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "评议方案" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Link, new() { Name = "按模板新建：乡镇会议（评村党组织书记）" }).ClickAsync();
        await Assertions.Expect(clerk.GetByLabel("评议组名称 1")).ToHaveValueAsync("乡镇党委班子成员");
        await Assertions.Expect(clerk.GetByLabel("评议组名称 3")).ToHaveValueAsync("群众代表");

        // Two mistakes at once: a weight that is not a number and thresholds that do not fall.
        await clerk.GetByLabel("方案名称").FillAsync("一号镇村党组织书记述职评议方案");
        await clerk.GetByLabel("权重 2").FillAsync("三十");
        await clerk.GetByLabel("评议组名称 4").FillAsync("驻村工作队");
        await clerk.GetByLabel("权重 4").FillAsync("10");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "保存方案" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#scheme-errors")).ToContainTextAsync("“三十”不是数字");
        await Assertions.Expect(clerk.GetByLabel("权重 2")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));
        await Assertions.Expect(clerk.GetByLabel("权重 2")).ToHaveValueAsync("三十");
        await Assertions.Expect(clerk.GetByLabel("评议组名称 4")).ToHaveValueAsync("驻村工作队");
        await clerk.GetByLabel("权重 2").FillAsync("30");
        await clerk.GetByLabel("等次分数线 ThresholdGood").FillAsync("75");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "保存方案" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#thresholds-error")).ToContainTextAsync("等次分数线须依次降低");
        await Assertions.Expect(clerk.GetByLabel("方案名称")).ToHaveValueAsync("一号镇村党组织书记述职评议方案");
        await clerk.GetByLabel("等次分数线 ThresholdGood").FillAsync("90");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "保存方案" }).ClickAsync();
        await Assertions.Expect(clerk.GetByRole(AriaRole.Status).First).ToContainTextAsync("已保存");

        var saved = await app.QueryAsync(db => db.Schemes.SingleAsync(s => s.Name == "一号镇村党组织书记述职评议方案"));
        var rules = RulesJson.Read(saved.Rules);
        Assert.Equal(["乡镇党委班子成员", "村党员代表", "群众代表", "驻村工作队"], rules.Groups.Select(g => g.Name));
        Assert.Equal([40m, 30m, 30m, 10m], rules.Groups.Select(g => g.Weight));

        // Copy it: the copy is a new scheme, the original unchanged.
        await clerk.GetByRole(AriaRole.Link, new() { Name = "复制" }).First.ClickAsync();
        await Assertions.Expect(clerk.GetByLabel("方案名称")).ToHaveValueAsync("一号镇村党组织书记述职评议方案（副本）");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "保存方案" }).ClickAsync();
        Assert.Equal(2, await app.QueryAsync(db => db.Schemes.CountAsync(s => s.Name.StartsWith("一号镇村党组织书记"))));
        await clerk.SetViewportSizeAsync(390, 844);
        await clerk.GotoAsync($"/Meetings/Scheme/{saved.Id}");
        await clerk.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-scheme-editor-390.png"), FullPage = true });

        // A new meeting of the township offers the township template.
        await clerk.SetViewportSizeAsync(1280, 900);
        await clerk.GotoAsync("/Meetings/Create");
        // The organization picker filters as the clerk types, in tree order.
        await clerk.GetByPlaceholder("输入名称筛选").FillAsync("企业");
        await Assertions.Expect(clerk.GetByLabel("主办党组织")).ToHaveValueAsync((await app.QueryAsync(db => db.Organizations.SingleAsync(o => o.Code == "G1"))).Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await clerk.GetByPlaceholder("输入名称筛选").FillAsync("");
        await clerk.GetByLabel("主办党组织").SelectOptionAsync(new SelectOptionValue { Label = "一号镇党委" });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#schemeId option[value='0']")).ToContainTextAsync("乡镇党委听取村党组织书记");
        // Every reporter starts ticked; one click clears them all, another ticks them again.
        var reporters = clerk.Locator("input[name=reporters]");
        Assert.True(await reporters.CountAsync() > 1);
        await clerk.GetByRole(AriaRole.Button, new() { Name = "全不选" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("input[name=reporters]:checked")).ToHaveCountAsync(0);
        await clerk.GetByRole(AriaRole.Button, new() { Name = "全选", Exact = true }).ClickAsync();
        await Assertions.Expect(clerk.Locator("input[name=reporters]:checked")).ToHaveCountAsync(await reporters.CountAsync());
    }
}
