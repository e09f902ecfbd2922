using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// Every page with an id in its route, asked by a browser for an item that does not exist and for one outside the
/// caller's organization subtree, shows the 未找到 page with status 404 — not a blank 500, not problem JSON.
/// </summary>
public sealed class NotFoundPageTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task EveryPageWithAnId_AnswersTheNotFoundPage_ForAMissingItem_AndForOneOutsideTheCallersScope(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var meeting = await MeetingFixture.CreateMeetingAsync(admin, tree, 2, 3); // hosted by the county
        var item = await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "组织建设", description = "记录不全", responsibleOrganizationId = tree.V11, deadline = "2026-12-31" });
        var itemId = (await item.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var bulletin = await admin.PostAsJsonAsync("/api/v1/bulletins", new { year = 2026, month = 10 });
        var bulletinId = (await bulletin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var person = await app.QueryAsync(db => db.People.Where(p => p.OrganizationId == tree.V11).Select(p => p.Id).FirstAsync());
        var township = await app.SignInAsync("t2admin"); // T2's subtree: none of the above
        township.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml");

        (string Page, long OutOfScope)[] pages =
        [
            ("/Organizations/Details", tree.T1), ("/People/Details", person), ("/Ledger/Details", itemId), ("/Meetings/Details", meeting.MeetingId),
            ("/Meetings/Results", meeting.MeetingId), ("/Meetings/Board", meeting.MeetingId), ("/Meetings/Codes", meeting.MeetingId), ("/Bulletins/Details", bulletinId),
        ];
        foreach (var (page, outOfScope) in pages)
        {
            foreach (var id in new[] { 987654L, outOfScope })
            {
                await AssertNotFoundPageAsync(township, $"{page}/{id}");
            }
        }
        await AssertNotFoundPageAsync(app.CreateClient(), "/Public/Board/987654");
        // A document link of the API opened in a browser: a readable page with the reason, not a blank 500 or JSON.
        var browserAdmin = await app.SignInAsync("admin");
        browserAdmin.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml");
        var document = await browserAdmin.GetAsync($"/api/v1/meetings/{meeting.MeetingId}/reporters/{meeting.Reporters[0]}/notice.docx");
        Assert.Equal(HttpStatusCode.Conflict, document.StatusCode); // not published yet
        Assert.Equal("text/html", document.Content.Headers.ContentType?.MediaType);
        Assert.Contains("尚未", await document.Content.ReadAsStringAsync()); // scoring has not ended: the refusal's own sentence
        var missing = await browserAdmin.GetAsync("/api/v1/meetings/987654/report.docx");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("不存在或不在您的管理范围内", await missing.Content.ReadAsStringAsync());
        // The same pages in scope are there: the refusals above are about scope, not broken pages.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Meetings/Details/{meeting.MeetingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Ledger/Details/{itemId}")).StatusCode);
    }

    private static async Task AssertNotFoundPageAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && hops < 3; hops++)
        {
            response = await browser.GetAsync(response.Headers.Location);
        }
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode} {html[..Math.Min(300, html.Length)]}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"error-page\"", html);
        Assert.Contains("未找到", html);
    }
}
