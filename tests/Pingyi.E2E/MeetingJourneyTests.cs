using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.E2E;

/// <summary>
/// A meeting as its users run it, one step per test: the chair prepares it and prints codes; phones score while the big
/// screen counts live, through a dropped connection; the chair closes and publishes, schedules a talk and downloads
/// the Word report. Each step starts from the state the one before leaves, made through the handlers.
/// </summary>
public sealed class MeetingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheChairPreparesAMeeting_FindsTheSecretaries_AndPrintsOneCodeSheetPerGroup()
    {
        await using var county = await County.CreateAsync();
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = county.App.ServerAddress, ViewportSize = new() { Width = 1280, Height = 900 } });
        var chair = await SignInAsync(context);

        // Prepare: host, reporters (the secretaries are found), raters expected per group of the township's ready-made scheme.
        await chair.GetByRole(AriaRole.Link, new() { Name = "述职评议", Exact = true }).ClickAsync();
        await chair.GetByRole(AriaRole.Link, new() { Name = "新建评议会" }).ClickAsync();
        await chair.GetByLabel("主办党组织").SelectOptionAsync(new SelectOptionValue { Label = "一号镇党委" });
        await chair.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await Assertions.Expect(chair.GetByText("东村党支部 — 赵一")).ToBeVisibleAsync();
        foreach (var group in new[] { "乡镇党委班子成员", "村党员代表", "群众代表" })
        {
            await chair.GetByLabel(group).FillAsync("3");
        }
        await chair.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("述职评议会");

        // Codes: one sheet per group, opened in a new tab to print.
        var codes = new Dictionary<string, List<string>>();
        foreach (var group in new[] { "乡镇党委班子成员", "村党员代表", "群众代表" })
        {
            await chair.GetByLabel("评议组").SelectOptionAsync(new SelectOptionValue { Label = group });
            await chair.GetByLabel("数量").FillAsync("3");
            var sheet = await chair.RunAndWaitForPopupAsync(() => chair.GetByRole(AriaRole.Button, new() { Name = "生成并打印" }).ClickAsync());
            await Assertions.Expect(sheet.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^二维码") })).ToHaveCountAsync(3);
            codes[group] = [.. await sheet.Locator(".code .text").AllTextContentsAsync()];
            // Each slip names the meeting and the group; its QR code, read from the image as a phone's camera would,
            // opens the ballot page at the public address with the code after "#".
            await Assertions.Expect(sheet.Locator(".code .meeting").First).ToContainTextAsync("述职评议会");
            await Assertions.Expect(sheet.Locator(".code .group").First).ToHaveTextAsync(group);
            await Assertions.Expect(sheet.Locator("#address-warning")).ToHaveCountAsync(0);
            Assert.Equal($"{County.PublicBaseUrl}b#{codes[group][1]}", await DecodeQrAsync(sheet.Locator(".code img").Nth(1)));
            await sheet.SetViewportSizeAsync(390, 844);
            await sheet.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-e2e-code-sheet.png"), FullPage = true });
            await sheet.CloseAsync();
        }

        var meetingId = long.Parse(chair.Url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(9, codes.Values.Sum(c => c.Distinct().Count()));
        var reporters = (await county.Api.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters").EnumerateArray()
            .Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal(["赵一", "钱二", "孙三"], reporters);
    }

    [Fact]
    public async Task PhonesScore_AndTheBigScreenCountsLive_ThroughADroppedConnection()
    {
        await using var county = await County.CreateAsync();
        var (meetingId, codes) = await county.MeetingAsync();
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = county.App.ServerAddress, ViewportSize = new() { Width = 1280, Height = 900 } });
        var chair = await SignInAsync(context);
        await chair.GotoAsync($"/Meetings/Details/{meetingId}");
        var app = county.App;

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
        await Assertions.Expect(board.Locator("#current")).ToContainTextAsync("正在评议：3 名述职人同时评分");

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
            // Every receipt of the three ballots stays on the phone to note, not only the last.
            await Assertions.Expect(phone.Locator("#message")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("回执 [A-Z0-9]{10}、[A-Z0-9]{10}、[A-Z0-9]{10}（"));
            await phoneContext.CloseAsync();
        }
        // The board counted them without reloading.
        await Assertions.Expect(board.Locator("[data-group=public] .cast")).ToHaveTextAsync("已投 9 / 9"); // three raters, three reporters open
        await Assertions.Expect(board.Locator("#reporters li").First).ToContainTextAsync("已投 3 / 9");

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

        // The other groups score through the API, as a script would; the reconnected board still counts them.
        await county.CastAsync(meetingId, codes["县委常委"].Concat(codes["部门负责人"]));
        await Assertions.Expect(board.Locator("[data-group=committee] .cast")).ToHaveTextAsync("已投 9 / 9");
    }

    [Fact]
    public async Task TheChairClosesAndPublishes_ThenTheResultsTheTalkTheRecordAndTheWordReport()
    {
        await using var county = await County.CreateAsync();
        var (meetingId, codes) = await county.MeetingAsync();
        var people = county.People;
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = county.App.ServerAddress, AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        var chair = await SignInAsync(context);
        var dialogs = new List<string>();
        chair.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await county.Api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/open", new { })).StatusCode);
        await county.CastAsync(meetingId, codes.Values.SelectMany(c => c));
        var lost = (await (await county.Api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/codes", new { groupKey = "public", count = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetString()!;
        var board = await context.NewPageAsync();
        await board.GotoAsync($"/Meetings/Board/{meetingId}");
        // All three reporters open at once: the board shows each one's count, not only the first.
        await Assertions.Expect(board.Locator("#current")).ToContainTextAsync("3 名述职人同时评分");
        await Assertions.Expect(board.Locator("#reporters li")).ToHaveCountAsync(3);
        await Assertions.Expect(board.Locator("#reporters li").Nth(2)).ToContainTextAsync("已投 9 / 9");
        await chair.GotoAsync($"/Meetings/Details/{meetingId}");

        // Scoring: codes issued, used and unused per group; a lost slip is voided; nobody is left to start.
        await Assertions.Expect(chair.Locator("#code-counts tr").Filter(new() { HasText = "党员群众代表" })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^党员群众代表\\s*3\\s*4\\s*3\\s*1$"));
        await chair.GetByLabel("作废遗失的评议码").FillAsync(lost);
        await chair.GetByRole(AriaRole.Button, new() { Name = "作废", Exact = true }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Status).First).ToContainTextAsync("已作废党员群众代表的一个未使用评议码");
        await Assertions.Expect(chair.Locator("#code-counts tr").Filter(new() { HasText = "党员群众代表" })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^党员群众代表\\s*3\\s*3\\s*3\\s*0$"));
        await Assertions.Expect(chair.GetByRole(AriaRole.Button, new() { Name = "全部开始评分" })).ToHaveCountAsync(0);

        // Closing says what each group cast against what was expected, and that it cannot be undone.
        await chair.GetByRole(AriaRole.Button, new() { Name = "全部结束评分" }).ClickAsync();
        await Assertions.Expect(board.Locator("#rows tr")).ToHaveCountAsync(3);
        Assert.Contains(dialogs, d => d.Contains("县委常委：已投 9 票，应投 9 票") && d.Contains("不能重新开启"));
        await Assertions.Expect(board.Locator("#rows tr").First).ToContainTextAsync("赵一");
        Assert.Equal(0, await board.EvaluateAsync<int>("() => echarts.getInstanceByDom(document.getElementById('chart')).getOption().xAxis[0].min"));

        // Closed: nothing to start, no codes to print or void; publishing is what is left.
        await Assertions.Expect(chair.GetByRole(AriaRole.Button, new() { Name = "全部开始评分" })).ToHaveCountAsync(0);
        await Assertions.Expect(chair.GetByRole(AriaRole.Button, new() { Name = "全部结束评分" })).ToHaveCountAsync(0);
        await Assertions.Expect(chair.GetByRole(AriaRole.Button, new() { Name = "生成并打印" })).ToHaveCountAsync(0);
        await Assertions.Expect(chair.GetByRole(AriaRole.Button, new() { Name = "作废", Exact = true })).ToHaveCountAsync(0);
        await chair.SetViewportSizeAsync(390, 844);
        await chair.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pingyi-console-closed-390.png"), FullPage = true });
        await chair.SetViewportSizeAsync(1280, 900);
        await chair.GetByRole(AriaRole.Button, new() { Name = "发布结果" }).ClickAsync();
        Assert.Contains(dialogs, d => d.Contains("发布后结果不能更改"));
        await Assertions.Expect(chair.GetByRole(AriaRole.Status).First).ToContainTextAsync("结果已发布");
        await chair.GetByRole(AriaRole.Link, new() { Name = "评议结果" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Row).Filter(new() { HasText = "一号镇企业党总支" })).ToContainTextAsync("较差");
        var talk = chair.GetByRole(AriaRole.Row).Filter(new() { HasText = "评议等次为较差；位次居末（第 3 位）" });
        await Assertions.Expect(talk).ToContainTextAsync("待约谈");
        await Assertions.Expect(chair.GetByRole(AriaRole.Row).Filter(new() { HasText = "一号镇企业党总支" }).GetByRole(AriaRole.Link, new() { Name = "整改通知书" })).ToHaveCountAsync(1);
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

        var download = await chair.RunAndWaitForDownloadAsync(() => chair.GetByRole(AriaRole.Link, new() { Name = "结果通报 Word" }).ClickAsync());
        var path = await download.PathAsync();
        using var doc = WordprocessingDocument.Open(path!, false);
        Assert.Contains("结果的通报", doc.MainDocumentPart!.Document.Body!.InnerText);
        Assert.Contains("结果通报", download.SuggestedFilename);
        Assert.Contains("孙三", doc.MainDocumentPart!.Document.Body!.InnerText);
    }

    private async Task<IPage> SignInAsync(IBrowserContext context)
    {
        var chair = await context.NewPageAsync();
        chair.Dialog += (_, dialog) => dialog.AcceptAsync();
        await chair.GotoAsync("/");
        await chair.GetByLabel("用户名").FillAsync("admin");
        await chair.GetByLabel("密码").FillAsync(TestApp.AdminPassword);
        await chair.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Link, new() { Name = "述职评议", Exact = true })).ToBeVisibleAsync();
        return chair;
    }

    /// <summary>Reads a QR code from an image on the page: its pixels through a canvas, decoded by ZXing.</summary>
    private static async Task<string> DecodeQrAsync(ILocator image)
    {
        var pixels = await image.EvaluateAsync<JsonElement>("""
            async img => {
                // A data-URI image is decoded asynchronously: until then its natural size is 0 and the canvas stays blank.
                await img.decode();
                const canvas = document.createElement('canvas');
                canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
                const g = canvas.getContext('2d');
                g.drawImage(img, 0, 0);
                const d = g.getImageData(0, 0, canvas.width, canvas.height);
                let s = ''; for (let i = 0; i < d.data.length; i++) s += String.fromCharCode(d.data[i]);
                return { width: canvas.width, height: canvas.height, rgba: btoa(s) };
            }
            """);
        var source = new ZXing.RGBLuminanceSource(Convert.FromBase64String(pixels.GetProperty("rgba").GetString()!), pixels.GetProperty("width").GetInt32(),
            pixels.GetProperty("height").GetInt32(), ZXing.RGBLuminanceSource.BitmapFormat.RGBA32);
        // As a phone's scanner does: try harder, then the other binarizer, then the image as a pure code (a printed slip is one).
        var hints = new Dictionary<ZXing.DecodeHintType, object> { [ZXing.DecodeHintType.TRY_HARDER] = true };
        var pure = new Dictionary<ZXing.DecodeHintType, object> { [ZXing.DecodeHintType.PURE_BARCODE] = true };
        var reader = new ZXing.QrCode.QRCodeReader();
        var result = reader.decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)), hints)
            ?? reader.decode(new ZXing.BinaryBitmap(new ZXing.Common.GlobalHistogramBinarizer(source)), hints)
            ?? reader.decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)), pure);
        Assert.True(result is not null, $"no QR code found in the {pixels.GetProperty("width").GetInt32()}×{pixels.GetProperty("height").GetInt32()} image");
        return result.Text;
    }

    private sealed class County : IAsyncDisposable
    {
        private County(TestApp app, TestTree tree, HttpClient api, Dictionary<string, long> people)
        {
            App = app;
            Tree = tree;
            Api = api;
            People = people;
        }

        public TestApp App { get; }

        public TestTree Tree { get; }

        public HttpClient Api { get; }

        public Dictionary<string, long> People { get; }

        /// <summary>The address phones reach the platform at in these tests: a meeting room's network, not this machine.</summary>
        public const string PublicBaseUrl = "http://192.168.10.20:5000/";

        public static async Task<County> CreateAsync()
        {
            var app = await TestApp.CreateAsync("Sqlite", kestrel: true, settings: new Dictionary<string, string> { ["Platform:PublicBaseUrl"] = PublicBaseUrl });
            var tree = await app.SeedAsync();
            var api = await app.SignInAsync("admin");
            var people = (await api.GetFromJsonAsync<JsonElement>("/api/v1/people?pageSize=10")).GetProperty("items").EnumerateArray()
                .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("id").GetInt64());
            foreach (var (name, organization) in new[] { ("赵一", tree.V11), ("钱二", tree.V12), ("孙三", tree.G1) })
            {
                var assigned = await api.PostAsJsonAsync($"/api/v1/people/{people[name]}/positions", new { organizationId = organization, title = "Secretary", termStart = "2024-01-01" });
                Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
            }
            return new County(app, tree, api, people);
        }

        /// <summary>The meeting the first test prepares in the browser, made through the same handlers: three codes per group, by group name.</summary>
        public Task<(long MeetingId, Dictionary<string, List<string>> Codes)> MeetingAsync() => App.WithScopeAsync(async sp =>
        {
            var scheme = await sp.GetRequiredService<CreateSchemeHandler>().HandleAsync(
                new CreateScheme("述职评议默认方案", Tree.T1, new SchemeRules { Groups = CreateModel.DefaultGroups }));
            var meeting = await sp.GetRequiredService<CreateMeetingHandler>().HandleAsync(new CreateMeeting("2026 下半年一号镇基层党组织书记抓党建工作述职评议会",
                "2026 下半年", Tree.T1, MeetingDirection.Upward, scheme.Id, null, null, [new(Tree.V11), new(Tree.V12), new(Tree.G1)],
                [.. CreateModel.DefaultGroups.Select(g => new NewGroupSize(g.Key, 3))]));
            var codes = new Dictionary<string, List<string>>();
            foreach (var group in CreateModel.DefaultGroups)
            {
                codes[group.Name] = [.. (await sp.GetRequiredService<GenerateCodesHandler>().HandleAsync(meeting.Id, new GenerateCodes(group.Key, 3))).Select(c => c.Code)];
            }
            return (meeting.Id, codes);
        });

        /// <summary>
        /// Each code scores the three reporters as the journey's raters do: 孙三 一般 and the others 好 from the public, 较好 from the
        /// rest (孙三 一般); a public rater adds an opinion on 钱二.
        /// </summary>
        public async Task CastAsync(long meetingId, IEnumerable<string> codes)
        {
            var reporters = (await Api.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}")).GetProperty("reporters").EnumerateArray()
                .Select(r => r.GetProperty("id").GetInt64()).ToList();
            var groups = await App.QueryAsync(db => db.RaterCodes.Where(c => c.MeetingId == meetingId)
                .Join(db.MeetingGroups, c => c.GroupId, g => g.Id, (c, g) => new { c.CodeHash, g.Key }).ToListAsync());
            var keys = App.Services.GetRequiredService<Pingyi.Web.Infrastructure.PiiProtector>();
            using var raterClient = new HttpClient { BaseAddress = new Uri(App.ServerAddress) };
            foreach (var code in codes)
            {
                var isPublic = groups.Single(g => g.CodeHash == RaterCodeText.Hash(keys, RaterCodeText.Normalize(code)!)).Key == "public";
                foreach (var reporter in reporters)
                {
                    var grade = reporter == reporters[2] ? "average" : isPublic ? "good" : "fairlyGood";
                    var opinion = isPublic && reporter == reporters[1] ? new { category = "组织建设", text = "加强村级后备干部培养" } : null;
                    var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ballots") { Content = JsonContent.Create(new { meetingId, reporterId = reporter, grade, opinion }) };
                    request.Headers.Add("X-Rater-Code", code);
                    Assert.Equal(System.Net.HttpStatusCode.Created, (await raterClient.SendAsync(request)).StatusCode);
                }
            }
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
