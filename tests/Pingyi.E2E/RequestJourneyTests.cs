using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// A resident's matter from a 390 px phone to the rating (党建 O2O): the empty form refused field by field, then filed with a photo and
/// the tracking code shown once; the tracking link opens it; the township passes it to the village branch and closes it on the
/// desktop, where the photo opens; on the phone the resident reads the result and rates it once.
/// </summary>
public sealed class RequestJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task AResidentReportsAMatterOnAPhone_TheVillageClosesIt_TheResidentRates()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        await app.SeedAsync();
        var phone = await browser.AnonymousPhoneAsync(app);
        await phone.GotoAsync("/Public/Requests");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#description ~ .invalid-feedback")).ToContainTextAsync("请描述诉求");
        await Assertions.Expect(phone.Locator("#township ~ .invalid-feedback")).ToContainTextAsync("请填写诉求所在乡镇");
        await Assertions.Expect(phone.Locator("#address ~ .invalid-feedback")).ToContainTextAsync("请填写地点");
        await phone.GetByLabel("类别").SelectOptionAsync("LIGHT");
        await phone.GetByLabel("所在乡镇").SelectOptionAsync(new SelectOptionValue { Label = "一号镇" });
        await phone.GetByLabel("地点（村、组、门牌或附近的标志）").FillAsync("东村村口");
        await phone.GetByLabel("反映的事项").FillAsync("村口三盏路灯不亮，晚上看不清路");
        await phone.GetByLabel("手机号码（可不填）").FillAsync("13800001234");
        await phone.Context.GrantPermissionsAsync(["geolocation"]);
        await phone.Context.SetGeolocationAsync(new Geolocation { Latitude = 34.6197f, Longitude = 112.4540f });
        await phone.GetByRole(AriaRole.Button, new() { Name = "附上我现在的位置（可选）" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#locate-status")).ToContainTextAsync("已附上位置： 34.6197");
        await phone.Locator("#photos").SetInputFilesAsync(new FilePayload { Name = "路灯.png", MimeType = "image/png", Buffer = Png });
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#request-filed")).ToContainTextAsync("您反映的事项已登记，交一号镇办理");
        var code = (await phone.Locator("#tracking-code").InnerTextAsync()).Trim();
        Assert.Matches("^[2-9A-Z]{10}$", code);
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"));
        await phone.Locator("#tracking-link").ClickAsync();
        await Assertions.Expect(phone.Locator("#tracked-status")).ToHaveTextAsync("办理中");
        await Assertions.Expect(phone.Locator("#tracked")).ToContainTextAsync("照片 1 张");
        Assert.DoesNotContain(code, phone.Url, StringComparison.Ordinal);
        var at = await app.QueryAsync(db => db.ServiceRequests.Select(r => new { r.Latitude, r.Longitude }).SingleAsync());
        Assert.Equal((34.6197, 112.454), (Math.Round(at.Latitude!.Value, 4), Math.Round(at.Longitude!.Value, 4)));

        var township = await browser.SignInAsync(app, "t1admin");
        await township.GotoAsync("/Requests");
        await township.Locator("#requests [data-request] a").First.ClickAsync();
        await Assertions.Expect(township.Locator("#request-photos")).ToContainTextAsync("路灯.png");
        var photo = await township.Context.APIRequest.GetAsync(await township.Locator("#request-photos a").GetAttributeAsync("href") is { } href ? township.Url.Split('?')[0] + href : "");
        Assert.Equal(Png, await photo.BodyAsync());
        await township.GetByText("转下级党组织或单位办理").ClickAsync();
        await township.GetByLabel("承办单位").SelectOptionAsync(new SelectOptionValue { Label = "东村党支部" });
        await township.GetByRole(AriaRole.Button, new() { Name = "转办" }).ClickAsync();
        await Assertions.Expect(township.GetByRole(AriaRole.Status)).ToContainTextAsync("已转办");
        await township.GetByLabel("办理情况或结果（群众可以看到）").FillAsync("已更换三盏路灯灯具");
        await township.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await Assertions.Expect(township.GetByRole(AriaRole.Status)).ToContainTextAsync("已办结");

        await phone.GotoAsync("/Public/Requests/Track");
        await phone.GetByLabel("查询码").FillAsync(code);
        await phone.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#tracked-status")).ToHaveTextAsync("已办结");
        await Assertions.Expect(phone.Locator("#tracked-notes")).ToHaveTextAsync("已更换三盏路灯灯具");
        await Assertions.Expect(phone.Locator("#tracked-unit")).ToHaveTextAsync("东村党支部");
        await phone.GetByRole(AriaRole.Button, new() { Name = "满意", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.Locator("#track-message")).ToContainTextAsync("感谢您的评价");
        await Assertions.Expect(phone.Locator("#tracked-rating")).ToContainTextAsync("满意");
        await Assertions.Expect(phone.Locator("#rate-form")).ToHaveCountAsync(0);
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"));

        await township.ReloadAsync();
        await Assertions.Expect(township.Locator("#request-rating")).ToHaveTextAsync("满意");
    }
}
