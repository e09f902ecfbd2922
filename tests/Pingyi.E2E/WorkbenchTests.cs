using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>The home page shows each role what waits for it, each a link to the list that holds it.</summary>
public sealed class WorkbenchTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task EachRole_SeesWhatWaitsForIt_AndFollowsTheLink()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var admin = await app.SignInAsync("admin");
        var secretary = await app.SignInAsync("v11sec");
        // Two items for the village, one of them reported done and waiting for the county's verification; one overdue.
        long Id(JsonElement e) => e.GetProperty("id").GetInt64();
        var first = Id(await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "组织建设", description = "三会一课记录不全", responsibleOrganizationId = tree.V11, deadline = "2020-12-31" })).Content.ReadFromJsonAsync<JsonElement>());
        var second = Id(await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "作风建设", description = "值班制度未落实", responsibleOrganizationId = tree.V11, deadline = "2099-12-31" })).Content.ReadFromJsonAsync<JsonElement>());
        Assert.True((await secretary.PostAsJsonAsync($"/api/v1/ledger/{second}/start", new { text = "已排班" })).IsSuccessStatusCode);
        Assert.True((await secretary.PostAsJsonAsync($"/api/v1/ledger/{second}/submit", new { text = "值班表已公示" })).IsSuccessStatusCode);

        async Task<IPage> HomeAsync(string user)
        {
            var page = await browser.SignInAsync(app, user, phone: true);
            await Assertions.Expect(page.Locator("#workbench")).ToBeVisibleAsync();
            return page;
        }

        var village = await HomeAsync("v11sec");
        await Assertions.Expect(village.Locator("[data-waiting=act] .py-stat")).ToHaveTextAsync("1"); // the other waits for the county
        await Assertions.Expect(village.Locator("[data-waiting=verify]")).ToHaveCountAsync(0); // a secretary verifies nothing
        await village.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-workbench-secretary-390.png"), FullPage = true });
        await village.Locator("[data-waiting=act]").ClickAsync();
        await Assertions.Expect(village.GetByText("三会一课记录不全")).ToBeVisibleAsync();

        var county = await HomeAsync("admin");
        await Assertions.Expect(county.Locator("[data-waiting=verify] .py-stat")).ToHaveTextAsync("1");
        await Assertions.Expect(county.Locator("[data-waiting=overdue] .py-stat")).ToHaveTextAsync("1");
        await county.Locator("[data-waiting=verify]").ClickAsync();
        await Assertions.Expect(county.GetByText("值班制度未落实")).ToBeVisibleAsync();
        await Assertions.Expect(county.GetByText("三会一课记录不全")).ToHaveCountAsync(0);
        Assert.True(first > 0);

        // Forms show how much of a limit is used; lists cut long texts that the item's page shows whole.
        await county.GotoAsync("/Ledger/Create");
        await county.GetByLabel("问题", new() { Exact = true }).FillAsync("村党支部");
        await Assertions.Expect(county.Locator("#description + .py-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^4 / \\d+$"));
        var longText = string.Concat(Enumerable.Repeat("村党支部组织生活会记录不完整，", 8));
        Assert.True((await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "组织建设", description = longText, responsibleOrganizationId = tree.V12 })).IsSuccessStatusCode);
        await county.GotoAsync("/Ledger");
        var cut = county.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^村党支部组织生活会.*…$") });
        await Assertions.Expect(cut).ToHaveCountAsync(1);
        await cut.ClickAsync();
        await Assertions.Expect(county.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(longText);
    }
}
