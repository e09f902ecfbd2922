using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>三评 as its users run it: the township sets up the evaluation meeting from the commitments page, a member scores on a phone, the branch sees its stars.</summary>
public sealed class CommitmentEvaluationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheTownshipSetsUpThreeEvaluations_AMemberScoresOnAPhone_AndTheBranchSeesItsStars()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var admin = await app.SignInAsync("admin");
        (await admin.PutAsJsonAsync($"/api/v1/documents/issuers/{tree.County}", new { name = "中共测试县委员会", prefix = "测组通" })).EnsureSuccessStatusCode();
        var commitments = new List<long>();
        foreach (var organization in new[] { tree.V11, tree.V12 })
        {
            var created = await admin.PostAsJsonAsync("/api/v1/commitments", new
            {
                organizationId = organization, year = 2027, title = "2027年度党组织承诺",
                items = new[] { new { target = "新建党员活动室一处", category = "阵地建设", deadline = "2027-06-30" } },
            });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            foreach (var step in new[] { "submit", "approve", "publish" })
            {
                (await admin.PostAsJsonAsync($"/api/v1/commitments/{id}/{step}", new { })).EnsureSuccessStatusCode();
            }
            commitments.Add(id);
        }

        var township = await browser.SignInAsync(app, "t1admin");
        await township.GotoAsync("/Commitments");
        await township.GetByText("组织“三评”（党员互评、群众测评、组织考评）、“十佳”评选和任期承诺回头看").ClickAsync();
        await township.GetByLabel("测评年度").FillAsync("2027");
        await township.GetByRole(AriaRole.Button, new() { Name = "建立测评会" }).ClickAsync();
        await Assertions.Expect(township).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Meetings/Details/\\d+$"));
        var meetingId = long.Parse(township.Url[(township.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(township.GetByText("公开承诺“三评”").First).ToBeVisibleAsync();

        var api = await app.SignInAsync("t1admin");
        var codes = new Dictionary<string, string[]>();
        foreach (var (key, count) in new[] { ("members", 3), ("public", 3), ("organization", 1) })
        {
            var generated = await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/codes", new { groupKey = key, count });
            codes[key] = [.. (await generated.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(c => c.GetProperty("code").GetString()!)];
        }
        (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).EnsureSuccessStatusCode();
        var reporters = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters").EnumerateArray()
            .Select(r => r.GetProperty("id").GetInt64()).ToArray();

        // A member of the branch scores both commitments on a phone.
        var phone = await browser.AnonymousPhoneAsync(app);
        await phone.GotoAsync("/b#" + codes["members"][0]);
        foreach (var name in new[] { "东村党支部", "西村党支部" })
        {
            await phone.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(name) }).ClickAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = "好", Exact = true }).ClickAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = "提交（提交后不能修改）" }).ClickAsync();
            await Assertions.Expect(phone.GetByRole(AriaRole.Alert).First).ToContainTextAsync("回执");
        }
        await Assertions.Expect(phone.GetByText("您已完成全部评议，谢谢！")).ToBeVisibleAsync();
        await phone.Context.CloseAsync();

        // The other raters, the organization's sheet; then the township closes and publishes.
        var raters = app.CreateClient();
        foreach (var reporter in reporters)
        {
            foreach (var code in codes["members"].Skip(1).Concat(codes["public"]))
            {
                (await raters.SendAsync(Raters.Ballot(code, meetingId, reporter, "good"))).EnsureSuccessStatusCode();
            }
            (await raters.SendAsync(Raters.Ballot(codes["organization"][0], meetingId, reporter, null, [20m, 30m, 30m, 20m]))).EnsureSuccessStatusCode();
        }
        (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/close", new { })).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/v1/meetings/{meetingId}/publish", null)).EnsureSuccessStatusCode();

        var branch = await browser.SignInAsync(app, "v11sec", phone: true);
        await branch.GotoAsync($"/Commitments/Details/{commitments[0]}");
        await Assertions.Expect(branch.Locator("#evaluation [data-stars]")).ToHaveAttributeAsync("data-stars", "5");
        await Assertions.Expect(branch.Locator("#evaluation")).ToContainTextAsync("党员互评");
        await Assertions.Expect(branch.Locator("#evaluation")).ToContainTextAsync("三星及以上：评先评优优先");
        var overflow = await branch.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the commitment page with its evaluation is wider than a 390 px phone");
        await branch.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-commitment-stars-390.png"), FullPage = true });
    }
}
