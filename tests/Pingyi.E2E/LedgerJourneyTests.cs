using System.Net.Http.Json;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// The ledger as its users work it, in two steps: the county adds an item, the township works it on a phone with a
/// photo and the county closes it out; then the dashboard drills down, the daily calendar fills, the county publishes
/// the bulletin and residents open the public board.
/// </summary>
public sealed class LedgerJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // A 1×1 PNG.
    private static readonly byte[] Photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task ACountyItem_IsWorkedOnAPhoneWithAPhoto_AndClosedOut_AndTheTownshipIsTold()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var county = await browser.SignInAsync(app, "admin");

        // The county adds an item for the east village.
        await county.GetByRole(AriaRole.Link, new() { Name = "台账", Exact = true }).ClickAsync();
        await county.GetByRole(AriaRole.Link, new() { Name = "新增事项" }).ClickAsync();
        await county.GetByLabel("问题").FillAsync("村务公开栏未按月更新");
        await county.GetByLabel("类别").FillAsync("制度建设");
        await county.GetByLabel("责任单位").SelectOptionAsync(tree.V11.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await county.GetByLabel("责任人").FillAsync("赵一");
        await county.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(county.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("村务公开栏未按月更新");
        var itemUrl = county.Url;

        // The township, on a phone, starts, reports progress with a photo, and submits it for verification.
        var township = await browser.SignInAsync(app, "t1admin", phone: true);
        await township.GetByRole(AriaRole.Button, new() { Name = "菜单" }).ClickAsync();
        await township.GetByRole(AriaRole.Link, new() { Name = "台账", Exact = true }).ClickAsync();
        await township.GetByRole(AriaRole.Link, new() { Name = "村务公开栏未按月更新" }).ClickAsync();
        await township.GetByRole(AriaRole.Button, new() { Name = "开始整改" }).ClickAsync();
        await Assertions.Expect(township.GetByRole(AriaRole.Status)).ToContainTextAsync("已开始整改");
        await township.GetByLabel("进展情况").FillAsync("公开栏已更换，十月份内容已上墙");
        await township.GetByLabel("佐证材料（照片、PDF、Office 文档，每个不超过 20 MB，最多 10 个）").SetInputFilesAsync(new FilePayload { Name = "公开栏.png", MimeType = "image/png", Buffer = Photo });
        await township.GetByRole(AriaRole.Button, new() { Name = "报告进展" }).ClickAsync();
        await Assertions.Expect(township.GetByRole(AriaRole.Status)).ToContainTextAsync("进展已报告");
        await Assertions.Expect(township.GetByRole(AriaRole.Link, new() { Name = "公开栏.png" })).ToBeVisibleAsync();
        await township.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-item-phone.png"), FullPage = true });
        await township.GetByRole(AriaRole.Button, new() { Name = "提交验收" }).ClickAsync();
        await Assertions.Expect(township.GetByText("已整改待验收").First).ToBeVisibleAsync();
        await Assertions.Expect(township.GetByRole(AriaRole.Button, new() { Name = "销号" })).ToHaveCountAsync(0);

        // The county sees the photo and closes the item out (after confirming).
        await county.GotoAsync(itemUrl);
        var photo = await county.APIRequest.GetAsync(await county.GetByRole(AriaRole.Link, new() { Name = "公开栏.png" }).GetAttributeAsync("href") ?? "");
        Assert.Equal(Photo, await photo.BodyAsync());
        await county.GetByRole(AriaRole.Button, new() { Name = "销号" }).ClickAsync();
        await Assertions.Expect(county.GetByRole(AriaRole.Status)).ToContainTextAsync("已销号");
        await Assertions.Expect(county.Locator("h1 + p .badge").First).ToHaveTextAsync("已销号");
        // The township hears of it (and heard of the new item before).
        await township.ReloadAsync();
        await Assertions.Expect(township.Locator("#nav-notifications .badge")).ToHaveTextAsync("2");
    }

    [Fact]
    public async Task TheDashboardDrillsDown_TheDailyCalendarFills_AndTheBulletinReachesThePublicBoard()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        // The state the first journey leaves: the east village's item, closed out.
        var api = await app.SignInAsync("admin");
        var created = await api.PostAsJsonAsync("/api/v1/ledger", new { category = "制度建设", description = "村务公开栏未按月更新", responsibleOrganizationId = tree.V11, responsiblePersonName = "赵一" });
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
        var worker = await app.SignInAsync("t1admin");
        Assert.True((await worker.PostAsJsonAsync($"/api/v1/ledger/{id}/start", new { })).IsSuccessStatusCode);
        Assert.True((await worker.PostAsJsonAsync($"/api/v1/ledger/{id}/submit", new { text = "公开栏已更换" })).IsSuccessStatusCode);
        Assert.True((await api.PostAsJsonAsync($"/api/v1/ledger/{id}/close-out", new { })).IsSuccessStatusCode);
        var county = await browser.SignInAsync(app, "admin");
        var township = await browser.SignInAsync(app, "t1admin", phone: true);

        // The dashboard, then this month's bulletin, previewed and published.
        await county.GotoAsync("/Ledger/Dashboard");
        await Assertions.Expect(county.Locator("#by-organization")).ToContainTextAsync("一号镇党委");
        await county.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-dashboard.png"), FullPage = true });
        // Drill down from the township's closed count to the item.
        await county.Locator("#by-organization tr", new() { HasText = "一号镇党委" }).GetByRole(AriaRole.Link, new() { Name = "1", Exact = true }).Last.ClickAsync();
        await Assertions.Expect(county.GetByRole(AriaRole.Link, new() { Name = "村务公开栏未按月更新" })).ToBeVisibleAsync();
        await county.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-ledger.png"), FullPage = true });
        // The township reports its day; the county sees who has reported.
        await township.GotoAsync("/Supervision?tab=daily");
        await township.GetByLabel("今日工作", new() { Exact = false }).FillAsync("走访东村，检查公开栏");
        await township.GetByRole(AriaRole.Button, new() { Name = "报送" }).ClickAsync();
        await Assertions.Expect(township.GetByRole(AriaRole.Status)).ToContainTextAsync("今日工作已报");
        await county.GotoAsync("/Supervision?tab=daily");
        await Assertions.Expect(county.Locator("#daily-calendar tr", new() { HasText = "t1admin" }).Locator("td.table-success")).ToHaveCountAsync(1);
        await county.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-daily.png"), FullPage = true });
        await county.GetByRole(AriaRole.Link, new() { Name = "通报", Exact = true }).ClickAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await county.GetByLabel("年").FillAsync(today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await county.GetByLabel("月").FillAsync(today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await county.GetByRole(AriaRole.Button, new() { Name = "预览" }).ClickAsync();
        await county.GetByRole(AriaRole.Button, new() { Name = "发布通报" }).ClickAsync();
        await Assertions.Expect(county.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("整改落实情况通报");
        var ranking = county.Locator("#bulletin-ranking tbody tr");
        await Assertions.Expect(ranking.First).ToContainTextAsync("一号镇党委");
        await Assertions.Expect(ranking.First).ToContainTextAsync("100.0%");
        var download = await county.RunAndWaitForDownloadAsync(() => county.GetByRole(AriaRole.Link, new() { Name = "下载 Word" }).ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var boardPath = await county.Locator("#bulletin-board-link").GetAttributeAsync("href");
        await county.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-bulletin.png"), FullPage = true });

        // A resident on a phone, not signed in, opens the public board.
        var resident = await browser.AnonymousPhoneAsync(app);
        await resident.GotoAsync("/Public");
        await resident.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("整改落实情况通报") }).ClickAsync();
        Assert.EndsWith(boardPath!, resident.Url, StringComparison.Ordinal);
        await Assertions.Expect(resident.Locator("#ranking[data-rendered=true] canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(resident.Locator("#trend[data-rendered=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(resident.Locator("#ranking-table")).ToContainTextAsync("一号镇党委");
        Assert.DoesNotContain("赵一", await resident.ContentAsync());
        Assert.DoesNotContain("村务公开栏未按月更新", await resident.ContentAsync());
        await resident.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-public-board.png"), FullPage = true });
    }
}
