using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>A meeting as its users run it: the chair prepares it and prints codes, phones score, the big screen counts live, results and the Word report.</summary>
public sealed class MeetingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PrepareMeeting_PhonesScore_BoardUpdatesLive_ThenResultsAndWordReport()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", kestrel: true);
        var tree = await app.SeedAsync();
        var api = await app.SignInAsync("admin");
        var people = (await api.GetFromJsonAsync<JsonElement>("/api/v1/people?pageSize=10")).GetProperty("items").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("id").GetInt64());
        foreach (var (name, organization) in new[] { ("赵一", tree.V11), ("钱二", tree.V12), ("孙三", tree.G1) })
        {
            var assigned = await api.PostAsJsonAsync($"/api/v1/people/{people[name]}/positions", new { organizationId = organization, title = "Secretary", termStart = "2024-01-01" });
            Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
        }

        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress, AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        var chair = await context.NewPageAsync();
        chair.Dialog += (_, dialog) => dialog.AcceptAsync();
        await chair.GotoAsync("/");
        await chair.GetByLabel("用户名").FillAsync("admin");
        await chair.GetByLabel("密码").FillAsync(TestApp.AdminPassword);
        await chair.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        // Prepare: host, reporters (the secretaries are found), raters expected per group.
        await chair.GetByRole(AriaRole.Link, new() { Name = "述职评议", Exact = true }).ClickAsync();
        await chair.GetByRole(AriaRole.Link, new() { Name = "新建评议会" }).ClickAsync();
        await chair.GetByLabel("主办党组织").SelectOptionAsync(new SelectOptionValue { Label = "一号镇党委" });
        await chair.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await Assertions.Expect(chair.GetByText("东村党支部 — 赵一")).ToBeVisibleAsync();
        foreach (var group in new[] { "县委常委", "部门负责人", "党员群众代表" })
        {
            await chair.GetByLabel(group).FillAsync("3");
        }
        await chair.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("述职评议会");
        var meetingId = long.Parse(chair.Url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

        // Codes: one sheet per group, opened in a new tab to print.
        var codes = new Dictionary<string, List<string>>();
        foreach (var group in new[] { "县委常委", "部门负责人", "党员群众代表" })
        {
            await chair.GetByLabel("评议组").SelectOptionAsync(new SelectOptionValue { Label = group });
            await chair.GetByLabel("数量").FillAsync("3");
            var sheet = await chair.RunAndWaitForPopupAsync(() => chair.GetByRole(AriaRole.Button, new() { Name = "生成并打印" }).ClickAsync());
            await Assertions.Expect(sheet.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^二维码") })).ToHaveCountAsync(3);
            codes[group] = [.. await sheet.Locator(".code .text").AllTextContentsAsync()];
            await sheet.CloseAsync();
        }

        var board = await context.NewPageAsync();
        // The board's WebSocket goes through a route the test can cut, as a flaky venue network would.
        var sockets = new List<IWebSocketRoute>();
        await board.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/hubs/meetings"), ws =>
        {
            ws.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(ws);
            }
        });
        await board.GotoAsync($"/Meetings/Board/{meetingId}");
        await Assertions.Expect(board.Locator("body[data-connected=true]")).ToHaveCountAsync(1);
        await chair.GetByRole(AriaRole.Button, new() { Name = "全部开始评分" }).ClickAsync();
        await Assertions.Expect(board.Locator("#current")).ToContainTextAsync("正在评议：1. 赵一");

        // Three phones of the public representatives score everyone on the ballot page.
        foreach (var code in codes["党员群众代表"])
        {
            var phoneContext = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress, ViewportSize = new() { Width = 360, Height = 640 }, IsMobile = true, HasTouch = true });
            var phone = await phoneContext.NewPageAsync();
            await phone.GotoAsync("/b#" + code);
            foreach (var name in new[] { "赵一", "钱二", "孙三" })
            {
                await phone.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(name) }).ClickAsync();
                await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "提交（提交后不能修改）" })).ToBeDisabledAsync();
                await phone.GetByRole(AriaRole.Button, new() { Name = name == "孙三" ? "一般" : "好", Exact = true }).ClickAsync();
                if (name == "钱二")
                {
                    await phone.GetByLabel("意见建议（选填）").SelectOptionAsync("组织建设");
                    await phone.GetByPlaceholder("对该同志抓党建工作的意见建议").FillAsync("加强村级后备干部培养");
                }
                await phone.GetByRole(AriaRole.Button, new() { Name = "提交（提交后不能修改）" }).ClickAsync();
                await Assertions.Expect(phone.GetByRole(AriaRole.Alert).First).ToContainTextAsync("回执");
            }
            await Assertions.Expect(phone.GetByText("您已完成全部评议，谢谢！")).ToBeVisibleAsync();
            await phoneContext.CloseAsync();
        }
        // The board counted them without reloading.
        await Assertions.Expect(board.Locator("[data-group=public] .cast")).ToHaveTextAsync("已投 3 / 3");

        // The connection drops: the board says so, reconnects by itself and carries on counting.
        IWebSocketRoute first;
        lock (sockets)
        {
            first = sockets[^1];
        }
        var before = sockets.Count;
        await first.CloseAsync(new() { Code = 1001, Reason = "venue network" });
        for (var i = 0; i < 100 && sockets.Count == before; i++)
        {
            await Task.Delay(100);
        }
        Assert.True(sockets.Count > before, "the board opened a new connection after the drop");
        await Assertions.Expect(board.Locator("body[data-connected=true]")).ToHaveCountAsync(1);
        // Counts that arrive after the reconnection (the API ballots below) still reach the board.

        // The other groups score through the API, as a script would.
        var reporters = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters").EnumerateArray()
            .Select(r => r.GetProperty("id").GetInt64()).ToList();
        using var raterClient = new HttpClient { BaseAddress = new Uri(app.ServerAddress) };
        foreach (var code in codes["县委常委"].Concat(codes["部门负责人"]))
        {
            foreach (var reporter in reporters)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ballots") { Content = JsonContent.Create(new { meetingId, reporterId = reporter, grade = reporter == reporters[2] ? "average" : "fairlyGood" }) };
                request.Headers.Add("X-Rater-Code", code);
                Assert.Equal(System.Net.HttpStatusCode.Created, (await raterClient.SendAsync(request)).StatusCode);
            }
        }
        await Assertions.Expect(board.Locator("[data-group=committee] .cast")).ToHaveTextAsync("已投 3 / 3");

        await chair.GetByRole(AriaRole.Button, new() { Name = "全部结束评分" }).ClickAsync();
        await Assertions.Expect(board.Locator("#rows tr")).ToHaveCountAsync(3);
        await Assertions.Expect(board.Locator("#rows tr").First).ToContainTextAsync("赵一");
        await chair.GetByRole(AriaRole.Button, new() { Name = "发布结果" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Status).First).ToContainTextAsync("结果已发布");
        await chair.GetByRole(AriaRole.Link, new() { Name = "评议结果" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Row).Filter(new() { HasText = "一号镇企业党总支" })).ToContainTextAsync("较差");
        var talk = chair.GetByRole(AriaRole.Row).Filter(new() { HasText = "评议等次为较差；位次居末（第 3 位）" });
        await Assertions.Expect(talk).ToContainTextAsync("待约谈");
        await talk.GetByLabel("约谈时间").FillAsync("2026-12-01T09:30");
        await talk.GetByRole(AriaRole.Button, new() { Name = "安排" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Status).First).ToContainTextAsync("约谈时间已安排");
        await Assertions.Expect(chair.GetByLabel("约谈时间")).ToHaveValueAsync("2026-12-01T09:30");
        await chair.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-results.png"), FullPage = true });
        await board.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-board.png") });

        // The result is in the secretary's record.
        await chair.GotoAsync($"/People/Details/{people["孙三"]}");
        await Assertions.Expect(chair.GetByRole(AriaRole.Row).Filter(new() { HasText = "述职评议会" })).ToContainTextAsync("较差");
        await chair.GotoAsync($"/Meetings/Results/{meetingId}");

        var download = await chair.RunAndWaitForDownloadAsync(() => chair.GetByRole(AriaRole.Link, new() { Name = "会议报告 Word" }).ClickAsync());
        var path = await download.PathAsync();
        using var doc = WordprocessingDocument.Open(path!, false);
        Assert.Contains("结果报告", doc.MainDocumentPart!.Document.Body!.InnerText);
        Assert.Contains("孙三", doc.MainDocumentPart!.Document.Body!.InnerText);
    }
}
