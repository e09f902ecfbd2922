using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
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
        var notice = await township.RunAndWaitForDownloadAsync(() => township.Locator("#acceptance-notice").ClickAsync());
        Assert.EndsWith("受理告知书.docx", notice.SuggestedFilename, StringComparison.Ordinal);
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

    /// <summary>
    /// 视频接访 in the browser: the county publishes a leader's slot; the resident books it on the phone from the tracking page, to attend
    /// from their township; after the slot the clerk records the reception, and the resident sees it as a step of the case.
    /// </summary>
    [Fact]
    public async Task AResidentBooksAVideoReception_OnAPhone_AndTheReceptionIsRecorded()
    {
        // Thursday 10 September 2026, 09:00 China time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 10, 1, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true, clock: clock);
        var t = await app.SeedAsync();
        using var resident = new HttpClient { BaseAddress = new Uri(app.ServerAddress) };
        var filed = await resident.PostAsJsonAsync("/api/v1/petitions/track/file",
            new { organizationId = t.T1, kind = "Claim", name = "王五", address = "一号镇东村3组", phone = "13800001234", request = "请求修复村道", facts = "村道被洪水冲毁，至今未修" });
        var code = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;

        var clerk = await browser.SignInAsync(app, "admin");
        await clerk.GotoAsync("/Petitions/Receptions");
        await clerk.Locator("#new-slot summary").ClickAsync();
        await clerk.GetByLabel("接访领导（职务和姓名）").FillAsync("县委副书记 张明");
        await clerk.GetByLabel("接访时间").FillAsync("2026-09-11T09:00");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await Assertions.Expect(clerk.GetByRole(AriaRole.Status)).ToContainTextAsync("已发布接访场次：县委副书记 张明");

        var phone = await browser.AnonymousPhoneAsync(app);
        await phone.GotoAsync("/Public/Petitions/Track#" + code);
        await Assertions.Expect(phone.Locator("#tracked-status")).ToHaveTextAsync("待受理");
        await phone.Locator("#book summary").ClickAsync();
        await phone.GetByLabel("接访场次").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await phone.GetByLabel("在哪里参加").SelectOptionAsync(new SelectOptionValue { Label = "一号镇党委" });
        await phone.GetByRole(AriaRole.Button, new() { Name = "预约", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.Locator("#track-message")).ToContainTextAsync("已预约视频接访");
        await Assertions.Expect(phone.Locator("#tracked-booking")).ToContainTextAsync("县委副书记 张明");
        await Assertions.Expect(phone.Locator("#tracked-booking")).ToContainTextAsync("在一号镇党委参加");
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"));

        // The day after, once the slot has begun: the clerk records it.
        clock.Advance(TimeSpan.FromHours(25));
        clerk = await browser.SignInAsync(app, "admin"); // yesterday's sign-in has expired
        await clerk.GotoAsync("/Petitions/Receptions");
        var booking = clerk.Locator("[data-booking]").First;
        await Assertions.Expect(booking).ToContainTextAsync("在一号镇党委参加");
        await booking.GetByLabel("参加人员").FillAsync("王五、东村村委会主任");
        await booking.GetByLabel("接访情况").FillAsync("视频连线，听取村道损毁情况");
        await booking.GetByLabel("接访结果").FillAsync("交县交通局现场勘查");
        await booking.GetByRole(AriaRole.Button, new() { Name = "已接访" }).ClickAsync();
        await Assertions.Expect(clerk.GetByRole(AriaRole.Status)).ToContainTextAsync("已记录接访情况");

        await phone.GotoAsync("/Public/Petitions/Track#" + code);
        await Assertions.Expect(phone.Locator("#tracked-steps")).ToContainTextAsync("交县交通局现场勘查");
        await Assertions.Expect(phone.Locator("#tracked-booking")).ToHaveCountAsync(0);
    }
}
