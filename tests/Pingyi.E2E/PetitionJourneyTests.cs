using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// A petition from a resident's 390 px phone to the rating: the empty form refused field by field, then filed with the tracking code
/// shown once; the tracking link (code after "#") opens the case; the township accepts it and issues the handling opinion on the
/// desktop and downloads it; on the phone the resident sees the answer, rates it, and is offered the 复查.
/// </summary>
public sealed class PetitionJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AResidentFilesOnAPhone_TheTownshipAnswers_TheResidentRates()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var phone = await browser.AnonymousPhoneAsync(app);
        await phone.GotoAsync("/Public/Petitions");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#name ~ .invalid-feedback")).ToContainTextAsync("请填写信访人姓名");
        await Assertions.Expect(phone.Locator("#organizationId ~ .invalid-feedback")).ToContainTextAsync("请选择受理信访事项的乡镇或县直单位");
        await phone.Locator("select#organizationId").SelectOptionAsync(new SelectOptionValue { Label = "一号镇党委" });
        await phone.GetByLabel("姓名", new() { Exact = true }).FillAsync("王五");
        await phone.GetByLabel("手机号码").FillAsync("13800001234");
        await phone.GetByLabel("住址", new() { Exact = true }).FillAsync("一号镇东村3组");
        await phone.GetByLabel("您的请求").FillAsync("请求修复村道");
        await phone.GetByLabel("事实和理由", new() { Exact = true }).FillAsync("村道被洪水冲毁，至今未修");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#petition-filed")).ToContainTextAsync("您的信访事项已登记");
        var code = (await phone.Locator("#tracking-code").InnerTextAsync()).Trim();
        Assert.Matches("^[2-9A-Z]{10}$", code);
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"));
        await phone.Locator("#tracking-link").ClickAsync();
        await Assertions.Expect(phone.Locator("#tracked-status")).ToHaveTextAsync("待受理");
        await Assertions.Expect(phone.Locator("#tracked-unit")).ToHaveTextAsync("一号镇党委");
        Assert.DoesNotContain(code, phone.Url, StringComparison.Ordinal); // the fragment is dropped once read

        var township = await browser.SignInAsync(app, "t1admin");
        await township.GotoAsync("/Petitions");
        await township.Locator("#petitions [data-petition] a").First.ClickAsync();
        await Assertions.Expect(township.Locator("#petition-facts")).ToContainTextAsync("王*");
        await township.GetByRole(AriaRole.Button, new() { Name = "属本单位职权范围，受理" }).ClickAsync();
        await Assertions.Expect(township.GetByRole(AriaRole.Status)).ToContainTextAsync("已受理，办理期限至");
        await township.GetByRole(AriaRole.Button, new() { Name = "出具并编号" }).ClickAsync();
        await Assertions.Expect(township.Locator("#petition-actions")).ToContainTextAsync("请选择处理意见");
        await township.GetByLabel("予以支持").CheckAsync();
        await township.GetByPlaceholder("经查：查明的事实").FillAsync("经现场勘查，路基冲毁约120米");
        await township.GetByPlaceholder("依据：法律、政策或规定").FillAsync("《公路法》第三十五条");
        await township.GetByRole(AriaRole.Button, new() { Name = "出具并编号" }).ClickAsync();
        await Assertions.Expect(township.GetByRole(AriaRole.Status)).ToContainTextAsync("已出具处理意见书");
        var download = await township.RunAndWaitForDownloadAsync(() => township.GetByRole(AriaRole.Link, new() { Name = "下载 Word" }).ClickAsync());
        Assert.EndsWith("处理意见书.docx", download.SuggestedFilename, StringComparison.Ordinal);

        await phone.GotoAsync("/Public/Petitions/Track");
        await phone.GetByLabel("查询码").FillAsync(code);
        await phone.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#tracked-status")).ToHaveTextAsync("已答复");
        await Assertions.Expect(phone.Locator("#tracked-steps")).ToContainTextAsync("予以支持");
        await phone.GetByRole(AriaRole.Button, new() { Name = "满意", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("感谢您的评价");
        await Assertions.Expect(phone.Locator("#rate-form")).ToHaveCountAsync(0);
        await Assertions.Expect(phone.GetByText("不服处理意见，请求复查")).ToBeVisibleAsync();
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"));
    }
}
