using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Modules.Commitments;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Commitments;

/// <summary>五诺 through the API: a branch writes and submits, the township approves or sends back, publishes and closes out; progress rolls up.</summary>
public sealed class CommitmentLifecycleTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static object Draft(TestTree t, string title = "2027年度党组织承诺", object? weights = null) => new
    {
        organizationId = t.V11, year = 2027, title,
        items = new object[]
        {
            new { target = "新建党员活动室一处，面积不少于80平方米", category = "阵地建设", deadline = "2027-06-30", weight = (decimal?)60 },
            new { target = "发展党员2名，其中35岁以下1名", category = "队伍建设", deadline = "2027-12-31", weight = (decimal?)40 },
        },
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task ABranchCommits_TheTownshipApprovesAndPublishes_ProgressRollsUp_AndItClosesFulfilled(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var branch = await app.SignInAsync("v11sec");
        var township = await app.SignInAsync("t1admin");

        var admin = await app.SignInAsync("admin");
        Assert.True((await admin.PutAsJsonAsync($"/api/v1/documents/issuers/{tree.County}", new { name = "中共测试县委员会", prefix = "测组通" })).IsSuccessStatusCode);
        var created = await branch.PostAsJsonAsync("/api/v1/commitments", Draft(tree));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var c = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = c.GetProperty("id").GetInt64();
        Assert.Equal("Draft", c.GetProperty("state").GetString());
        Assert.Equal(tree.T1, c.GetProperty("supervisingOrganizationId").GetInt64());
        async Task<(HttpStatusCode Status, JsonElement Body)> Step(HttpClient client, string step, string? text = null)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/commitments/{id}/{step}", new { text });
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        Assert.Equal(HttpStatusCode.Conflict, (await Step(township, "approve")).Status); // not submitted yet
        Assert.Equal("Submitted", (await Step(branch, "submit")).Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Step(branch, "approve")).Status); // a branch does not approve its own
        // The township's workbench shows it waiting for approval, with the link to the list of those.
        Assert.Matches("href=\"/Commitments\\?state=Submitted\" data-waiting=\"approve\">\\s*<div[^>]*><div[^>]*>待定诺的承诺</div><div class=\"py-stat\">1</div>",
            await township.GetStringAsync("/"));
        var noReason = await Step(township, "send-back", " ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.Status);
        Assert.Contains("理由", noReason.Body.GetProperty("errors").GetProperty("text")[0].GetString());
        var sentBack = await Step(township, "send-back", "第二项目标请写明时间节点");
        Assert.Equal("Draft", sentBack.Body.GetProperty("state").GetString());
        Assert.Equal("第二项目标请写明时间节点", sentBack.Body.GetProperty("reason").GetString());

        var rewritten = await branch.PutAsJsonAsync($"/api/v1/commitments/{id}", Draft(tree, "2027年度党组织承诺（修改稿）"));
        Assert.Equal(HttpStatusCode.OK, rewritten.StatusCode);
        Assert.Equal("Submitted", (await Step(branch, "submit")).Body.GetProperty("state").GetString());
        Assert.Equal("Approved", (await Step(township, "approve")).Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await branch.PutAsJsonAsync($"/api/v1/commitments/{id}", Draft(tree))).StatusCode); // approved: no more changes
        Assert.Equal(HttpStatusCode.Conflict, (await branch.PostAsJsonAsync($"/api/v1/commitments/{id}/progress", new { itemId = 1, progress = 10, note = "x" })).StatusCode);
        var draftLetter = OfficialFormat.Check(await branch.GetByteArrayAsync($"/api/v1/commitments/{id}/letter.docx"));
        Assert.Contains("审核稿", draftLetter.Body);
        var published = await Step(township, "publish");
        Assert.Equal("Published", published.Body.GetProperty("state").GetString());
        // 亮诺 issues the letter: official format, numbered by the issuer above the branch, the items as a table.
        var letterResponse = await branch.GetAsync($"/api/v1/commitments/{id}/letter.docx");
        Assert.Contains(Uri.EscapeDataString("东村党支部2027年度公开承诺书.docx"), letterResponse.Content.Headers.ContentDisposition!.ToString());
        var letterBytes = await letterResponse.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), $"pingyi-commitment-letter-{provider}.docx"), letterBytes); // to open in LibreOffice
        var letter = OfficialFormat.Check(letterBytes);
        Assert.Equal("东村党支部2027年度公开承诺书", letter.Title);
        Assert.Equal("中共测试县委员会", letter.Issuer);
        Assert.Matches(@"^测组通〔\d{4}〕1号$", letter.Number);
        Assert.Contains("新建党员活动室一处，面积不少于80平方米", letter.Body);
        Assert.DoesNotContain("审核稿", letter.Body);

        var items = published.Body.GetProperty("items");
        var first = items[0].GetProperty("id").GetInt64();
        var second = items[1].GetProperty("id").GetInt64();
        var bad = await branch.PostAsJsonAsync($"/api/v1/commitments/{id}/progress", new { itemId = first, progress = 120, note = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var badErrors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(badErrors.TryGetProperty("progress", out _) && badErrors.TryGetProperty("note", out _));
        // 践诺 with a photo: the ledger's file store and rules; a file of another type refused, nothing saved.
        byte[] photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 5, 6, 7];
        using var withPhoto = new MultipartFormDataContent
        {
            { new StringContent(first.ToString(System.Globalization.CultureInfo.InvariantCulture)), "itemId" }, { new StringContent("100"), "progress" },
            { new StringContent("活动室已建成并投入使用"), "note" }, { new ByteArrayContent(photo), "files", "活动室.png" },
        };
        Assert.Equal(HttpStatusCode.OK, (await branch.PostAsync($"/api/v1/commitments/{id}/progress/files", withPhoto)).StatusCode);
        using var wrong = new MultipartFormDataContent
        {
            { new StringContent(first.ToString(System.Globalization.CultureInfo.InvariantCulture)), "itemId" }, { new StringContent("100"), "progress" },
            { new StringContent("x"), "note" }, { new ByteArrayContent([1]), "files", "run.exe" },
        };
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await branch.PostAsync($"/api/v1/commitments/{id}/progress/files", wrong)).StatusCode);
        var evidence = await branch.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{id}/evidence");
        Assert.Equal(("活动室.png", first), (evidence[0].GetProperty("fileName").GetString(), evidence[0].GetProperty("itemId").GetInt64()));
        Assert.Equal(1, evidence.GetArrayLength());
        var photoUrl = $"/api/v1/commitments/{id}/evidence/{evidence[0].GetProperty("id").GetInt64()}";
        Assert.Equal(photo, await township.GetByteArrayAsync(photoUrl));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).GetAsync(photoUrl)).StatusCode);
        Assert.Contains("活动室.png", await branch.GetStringAsync($"/Commitments/Details/{id}"));
        var rolled = await (await branch.PostAsJsonAsync($"/api/v1/commitments/{id}/progress", new { itemId = second, progress = 50, note = "已确定发展对象1名" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(80, rolled.GetProperty("progress").GetInt32()); // (100×60 + 50×40) / 100

        Assert.Equal("Fulfilled", (await Step(township, "close-fulfilled", "经核实已兑现")).Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Step(township, "close-unfulfilled", "x")).Status);
        var events = await branch.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{id}/events");
        Assert.Equal(["Submit", "SendBack", "Submit", "Approve", "Publish", "Progress", "Progress", "CloseFulfilled"],
            events.EnumerateArray().Select(e => e.GetProperty("kind").GetString() ?? "").ToArray());
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var actions = await app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == "Commitment" && a.EntityId == key).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["commitment.create", "commitment.submit", "commitment.sendback", "commitment.update", "commitment.submit", "commitment.approve",
            "commitment.publish", "commitment.progress", "commitment.progress", "commitment.closefulfilled"], actions);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ANotFulfilledCommitment_IsClosedWithItsReason_AndStaysDistinct(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/commitments", Draft(tree))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        foreach (var (client, step) in new[] { (admin, "submit"), (township, "approve"), (township, "publish") })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/commitments/{id}/{step}", new { })).StatusCode);
        }

        var closed = await (await township.PostAsJsonAsync($"/api/v1/commitments/{id}/close-unfulfilled", new { text = "活动室选址未落实" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Unfulfilled", closed.GetProperty("state").GetString());
        Assert.Equal("活动室选址未落实", closed.GetProperty("reason").GetString());
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/commitments?state=Unfulfilled")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/commitments?state=Fulfilled")).GetProperty("total").GetInt32());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnotherTownship_SeesNothing_AndABadDraftListsEveryMistake(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var t2 = await app.SignInAsync("t2admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/commitments", Draft(tree))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        Assert.Equal(0, (await t2.GetFromJsonAsync<JsonElement>("/api/v1/commitments")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await t2.GetAsync($"/api/v1/commitments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync($"/api/v1/commitments/{id}/submit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync("/api/v1/commitments", Draft(tree))).StatusCode);
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/commitments?year=2027")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/commitments?year=2026")).GetProperty("total").GetInt32());

        var bad = await admin.PostAsJsonAsync("/api/v1/commitments", new
        {
            organizationId = tree.V11, year = 2027, termEndYear = 2026, title = "",
            items = new object[] { new { target = "", category = "阵地建设", deadline = "2028-01-01", weight = (decimal?)50 }, new { target = "发展党员", category = "", deadline = "2027-05-01", weight = (decimal?)null } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["items[0].deadline", "items[0].target", "items[1].category", "termEndYear", "title", "weights"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(1, await app.QueryAsync(db => db.Commitments.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnItemPastItsDeadline_IsFlagged_AndBothSidesAreToldOnce(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var created = await admin.PostAsJsonAsync("/api/v1/commitments", new
        {
            organizationId = tree.V11, year = 2020, title = "2020年度党组织承诺",
            items = new[] { new { target = "整治村内环境", category = "乡风文明", deadline = "2020-06-30" }, new { target = "修缮党员活动室", category = "阵地建设", deadline = "2099-01-01" } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, created.StatusCode); // 2099 lies outside the year 2020
        created = await admin.PostAsJsonAsync("/api/v1/commitments", new
        {
            organizationId = tree.V11, year = 2020, termEndYear = 2025, title = "2020—2025年任期承诺",
            items = new[] { new { target = "整治村内环境", category = "乡风文明", deadline = "2020-06-30" }, new { target = "修缮党员活动室", category = "阵地建设", deadline = "2025-12-31" } },
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        foreach (var (client, step) in new[] { (admin, "submit"), (township, "approve"), (township, "publish") })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/commitments/{id}/{step}", new { })).StatusCode);
        }
        var job = app.Services.GetRequiredService<CommitmentOverdue>();

        await job.RunOnceAsync();
        Assert.Equal(0, await job.RunOnceAsync()); // once per item

        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{id}");
        Assert.Equal(2, view.GetProperty("overdueItems").GetInt32()); // both deadlines lie in the past
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/commitments?overdue=true")).GetProperty("total").GetInt32());
        var link = $"/Commitments/Details/{id}";
        var told = await app.QueryAsync(db => (from n in db.Notifications join u in db.Users on n.UserId equals u.Id
                                              where n.Kind == "Overdue" && n.Link == link select u.UserName).ToListAsync());
        Assert.Equal(2, told.Count(u => u == "v11sec"));
        Assert.Equal(2, told.Count(u => u == "t1admin"));
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "commitment.overdue" && a.EntityId == key)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ThePublicBoard_ShowsPublishedCommitmentsWithoutAnAccount_NeverDrafts_AndCountsThem(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        async Task<long> Make(string title)
        {
            var created = await admin.PostAsJsonAsync("/api/v1/commitments", Draft(tree, title));
            return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        var published = await Make("东村党支部公开承诺（已亮诺）");
        var fulfilled = await Make("东村党支部公开承诺（已兑现）");
        await Make("东村党支部承诺草稿");
        foreach (var id in new[] { published, fulfilled })
        {
            foreach (var (client, step) in new[] { (admin, "submit"), (township, "approve"), (township, "publish") })
            {
                Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/commitments/{id}/{step}", new { })).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/commitments/{fulfilled}/close-fulfilled", new { })).StatusCode);
        var visitor = app.CreateClient();

        var county = await visitor.GetStringAsync("/Public/Commitments?year=2027");
        var otherTownship = await visitor.GetStringAsync($"/Public/Commitments?year=2027&under={tree.T2}");

        Assert.Contains("东村党支部公开承诺（已亮诺）", county);
        Assert.Contains("东村党支部公开承诺（已兑现）", county);
        Assert.DoesNotContain("东村党支部承诺草稿", county);
        Assert.Contains("data-count=\"made\">2<", county);
        Assert.Contains("data-count=\"fulfilled\">1<", county);
        Assert.Contains("data-count=\"rate\">100%<", county);
        Assert.DoesNotContain("东村党支部公开承诺", otherTownship);
        Assert.Contains("data-count=\"made\">0<", otherTownship);
    }

    [Fact]
    public async Task AMembersCommitment_IsMadeOnThePage_ByTheMembersName_AndAStrangersNameIsRefusedBesideTheField()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        Dictionary<string, string> Form(string person) => new()
        {
            ["OrganizationId"] = tree.V11.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Year"] = "2027", ["PersonName"] = person,
            ["Title"] = "2027年度党员承诺", ["Items[0].Target"] = "带头参加志愿服务12次", ["Items[0].Category"] = "服务群众", ["Items[0].Deadline"] = "2027-12-31",
        };

        var refused = await admin.PostAsync("/Commitments/Edit", new FormUrlEncodedContent(Form("李四"))); // 李四 belongs to another branch
        var made = await admin.PostAsync("/Commitments/Edit", new FormUrlEncodedContent(Form("钱二")));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("所选党组织没有名为“李四”的党员", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, made.StatusCode);
        var commitment = await admin.GetFromJsonAsync<JsonElement>("/api/v1/commitments?owner=Member");
        Assert.Equal(1, commitment.GetProperty("total").GetInt32());
        Assert.Equal("钱二", commitment.GetProperty("items")[0].GetProperty("personName").GetString());
    }
}
