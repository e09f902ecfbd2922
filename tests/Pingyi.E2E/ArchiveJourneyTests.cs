using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// A quarter of 一考双评 as the township runs it: the quarter created from the archive page, villagers' codes printed for their
/// own secretary, a villager scoring on a phone (only their secretary on the sheet), the results archived into the ranking,
/// the 点将台 filtered by years in post, and the cadre's archive page.
/// </summary>
public sealed class ArchiveJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AQuarterFromPhonesToTheRanking_ThePickingBoard_AndTheCadresArchive()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var people = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(db.People, p => p.Name, p => p.Id));
        (await admin.PostAsJsonAsync($"/api/v1/people/{people["赵一"]}/positions", new { organizationId = tree.V11, title = "Secretary", termStart = "2018-01-01" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/people/{people["钱二"]}/positions", new { organizationId = tree.V12, title = "Secretary", termStart = "2024-03-01" })).EnsureSuccessStatusCode();

        // The township's clerk creates the first quarter from the archive page.
        var township = await browser.SignInAsync(app, "t1admin");
        await township.GotoAsync("/Archives?year=2026");
        await township.GetByText("组织季度考评（村党组织书记“一考双评”）").ClickAsync();
        await township.GetByLabel("考评季度").SelectOptionAsync("1");
        await township.GetByRole(AriaRole.Button, new() { Name = "创建季度考评会" }).ClickAsync();
        await Assertions.Expect(township.GetByRole(AriaRole.Status)).ToContainTextAsync("季度考评会已创建：2 名考评对象");
        await township.GetByRole(AriaRole.Link, new() { Name = "打开季度考评会，生成评议码" }).ClickAsync();
        await Assertions.Expect(township).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Meetings/Details/\\d+$"));
        var meetingId = long.Parse(township.Url[(township.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        // Villagers' codes for 赵一 alone, printed from the meeting page: each slip names him.
        await township.GetByLabel("评议组").SelectOptionAsync(new SelectOptionValue { Label = "本村群众测评" });
        await township.GetByLabel("数量").FillAsync("3");
        await township.GetByLabel("只评议（如本村群众只评本村书记）").SelectOptionAsync(new SelectOptionValue { Label = "赵一" });
        var sheet = await township.Context.RunAndWaitForPageAsync(() => township.GetByRole(AriaRole.Button, new() { Name = "生成并打印" }).ClickAsync());
        await Assertions.Expect(sheet.Locator(".sheet .code .group").First).ToContainTextAsync("只评议赵一");
        var villagerCodes = await sheet.Locator(".sheet .code .text").AllTextContentsAsync();
        Assert.Equal(3, villagerCodes.Count);

        var api = await app.SignInAsync("t1admin");
        var meeting = await api.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}");
        var reporters = meeting.GetProperty("reporters").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("id").GetInt64());
        async Task<string[]> Codes(string group, int count, long? reporterId = null) =>
            [.. (await (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/codes", new { groupKey = group, count, reporterId })).Content.ReadFromJsonAsync<JsonElement>())
                .EnumerateArray().Select(c => c.GetProperty("code").GetString()!)];
        var examination = (await Codes("examination", 1))[0];
        var leaders = await Codes("leaders", 3);
        var qianVillagers = await Codes("villagers", 3, reporters["钱二"]);
        (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).EnsureSuccessStatusCode();

        // A villager of 东村 scores on a phone: the sheet has their secretary and nobody else.
        var phone = await browser.AnonymousPhoneAsync(app);
        await phone.GotoAsync("/b#" + villagerCodes[0]);
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("赵一") })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("钱二") })).ToHaveCountAsync(0);
        await phone.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("赵一") }).ClickAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "好", Exact = true }).ClickAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交（提交后不能修改）" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("您已完成全部评议，谢谢！")).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-archive-villager-390.png"), FullPage = true });

        // The other raters; the township closes and publishes, and the scores go into the archive.
        var raters = app.CreateClient();
        foreach (var (name, reporterId) in reporters)
        {
            var best = name == "赵一";
            (await raters.SendAsync(Raters.Ballot(examination, meetingId, reporterId, null, best ? [24m, 24m, 23m, 24m] : [18m, 19m, 20m, 18m]))).EnsureSuccessStatusCode();
            foreach (var code in leaders)
            {
                (await raters.SendAsync(Raters.Ballot(code, meetingId, reporterId, best ? "good" : "fairlyGood"))).EnsureSuccessStatusCode();
            }
            foreach (var code in best ? villagerCodes.Skip(1) : qianVillagers)
            {
                (await raters.SendAsync(Raters.Ballot(code, meetingId, reporterId, best ? "good" : "average"))).EnsureSuccessStatusCode();
            }
        }
        (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).EnsureSuccessStatusCode();

        await township.GotoAsync("/Archives?year=2026&quarter=1");
        var first = township.Locator("#ranking tbody tr").First;
        await Assertions.Expect(first).ToContainTextAsync("赵一");
        await Assertions.Expect(first.Locator("td").First).ToHaveTextAsync("1");
        await Assertions.Expect(township.Locator("#ranking tbody tr")).ToHaveCountAsync(2);
        await township.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-archive-ranking.png"), FullPage = true });

        // The 点将台: five years in post or more leaves 赵一 (since 2018), not 钱二 (since 2024).
        await township.GotoAsync("/Archives/Picking?year=2026");
        await Assertions.Expect(township.Locator("#picking tbody tr")).ToHaveCountAsync(2);
        await township.GetByLabel("任现职不少于（年）").FillAsync("5");
        await township.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Assertions.Expect(township.Locator("#picking tbody tr")).ToHaveCountAsync(1);
        await township.GetByRole(AriaRole.Link, new() { Name = "赵一" }).ClickAsync();
        await Assertions.Expect(township.Locator("#quarters")).ToContainTextAsync("村党组织书记“一考双评”季度方案");
        await Assertions.Expect(township.Locator("#quarters")).ToContainTextAsync("二季度、三季度、四季度无得分");
        await Assertions.Expect(township.Locator("#posts")).ToContainTextAsync("东村党支部");
        await township.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-archive-cadre.png"), FullPage = true });
    }
}
