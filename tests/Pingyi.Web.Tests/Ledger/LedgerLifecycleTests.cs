using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Ledger;

public sealed class LedgerLifecycleTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task Item_IsWorkedByTheTownship_AndClosedOutOrSentBackByTheSupervisor(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var created = await admin.PostAsJsonAsync("/api/v1/ledger", new
        {
            category = "组织建设", description = "村党支部三会一课记录不全", responsibleOrganizationId = tree.V11, responsiblePersonName = "赵一",
            deadline = "2026-12-31", measures = "补齐记录，按月检查",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        async Task<(HttpStatusCode Status, JsonElement Body)> Act(HttpClient client, string action, object? body = null)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/ledger/{id}/{action}", body ?? new { });
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        Assert.Equal(HttpStatusCode.Conflict, (await Act(township, "submit")).Status); // not started yet
        Assert.Equal("InProgress", (await Act(township, "start", new { text = "已制定整改方案" })).Body.GetProperty("state").GetString());
        Assert.Equal("AwaitingVerification", (await Act(township, "submit", new { text = "记录已补齐" })).Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Act(township, "close-out")).Status); // the township does not close its own items
        var noReason = await Act(admin, "send-back");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.Status); // a missing reason fails validation; the state allows it
        Assert.Contains("理由", noReason.Body.GetProperty("detail").GetString());
        Assert.Contains("理由", noReason.Body.GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Equal("InProgress", (await Act(admin, "send-back", new { text = "缺少七月份记录" })).Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Act(admin, "extend", new { deadline = "2026-12-01", reason = "x" })).Status);
        Assert.Equal("2027-01-29", (await Act(admin, "extend", new { deadline = "2027-01-29", reason = "需补充材料" })).Body.GetProperty("deadline").GetString());
        await Act(township, "submit", new { text = "七月份记录已补" });
        var closed = await Act(admin, "close-out", new { text = "验收合格" });
        Assert.Equal("ClosedOut", closed.Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Act(township, "start")).Status);

        var item = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/{id}");
        Assert.Equal(["Start", "Submit", "SendBack", "Extend", "Submit", "CloseOut"],
            item.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        var extension = item.GetProperty("events")[3];
        Assert.Equal("2026-12-31", extension.GetProperty("oldDeadline").GetString());
        Assert.Equal("需补充材料", extension.GetProperty("text").GetString());
        Assert.Equal("七月份记录已补", item.GetProperty("progress").GetString());
        var exported = await admin.GetByteArrayAsync("/api/v1/ledger/export?state=ClosedOut");
        var print = Workbooks.PrintSetup(exported);
        Assert.StartsWith("整改台账（", print.Title);
        Assert.True(print.LandscapeA4FitToWidth && print.Borders);
        Assert.Equal("'整改台账'!$2:$2", print.PrintTitles); // the header row on every printed page
        var sheet = Workbooks.Read(exported);
        Assert.Equal(["序号", "问题", "类别", "责任单位", "责任人", "整改措施", "时限", "进展", "状态", "销号时间"], sheet[0]);
        Assert.Equal(["1", "村党支部三会一课记录不全", "组织建设", "东村党支部", "赵一", "补齐记录，按月检查", "2027-01-29", "七月份记录已补", "已销号"], sheet[1][..9]);
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$", sheet[1][9]);
        var page = await (await admin.GetAsync($"/Ledger/Details/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("缺少七月份记录", page);
        Assert.Contains("已销号", page);
        var actions = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("ledger.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["ledger.create", "ledger.start", "ledger.submit", "ledger.sendback", "ledger.extend", "ledger.submit", "ledger.closeout"], actions);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnotherTownship_SeesNoneOfTheItems_AndOverdueIsFiltered(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var late = await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "作风建设", description = "过期事项", responsibleOrganizationId = tree.V12, deadline = "2020-01-02" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "作风建设", description = "未到期事项", responsibleOrganizationId = tree.V12, deadline = "2099-01-05" });
        var t2 = await app.SignInAsync("t2admin");

        Assert.True(late.GetProperty("overdue").GetBoolean());
        var overdue = await admin.GetFromJsonAsync<JsonElement>("/api/v1/ledger?overdue=true");
        Assert.Equal(1, overdue.GetProperty("total").GetInt32());
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/ledger?category=作风建设")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/ledger?dueFrom=2021-01-01&dueTo=2099-01-05")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/ledger?dueTo=2020-01-02")).GetProperty("total").GetInt32());
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/ledger?under={tree.T1}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/ledger?under={tree.T2}")).GetProperty("total").GetInt32());
        Assert.Contains("过期事项", await admin.GetStringAsync($"/Ledger?under={tree.T1}&dueTo=2020-12-31"));
        Assert.Equal(0, (await t2.GetFromJsonAsync<JsonElement>("/api/v1/ledger")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await t2.GetAsync($"/api/v1/ledger/{late.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync($"/api/v1/ledger/{late.GetProperty("id").GetInt64()}/start", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync("/api/v1/ledger", new { category = "x", description = "y", responsibleOrganizationId = tree.V12 })).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Progress_WithAPhoto_IsKeptByItsHash_AndServedOnlyWithinScope(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "发展与服务", description = "村内道路破损", responsibleOrganizationId = tree.V11 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        byte[] photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

        using var form = new MultipartFormDataContent { { new StringContent("已修复东段道路"), "text" }, { new ByteArrayContent(photo), "files", "修复后.png" } };
        var reported = await township.PostAsync($"/api/v1/ledger/{id}/progress", form);
        using var bad = new MultipartFormDataContent { { new StringContent("x"), "text" }, { new ByteArrayContent([1]), "files", "run.exe" } };
        var refused = await township.PostAsync($"/api/v1/ledger/{id}/progress", bad);

        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        Assert.Equal("ToRectify", (await reported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var evidence = await township.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/{id}/evidence");
        Assert.Equal(1, evidence.GetArrayLength());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo)), evidence[0].GetProperty("sha256").GetString());
        var url = $"/api/v1/ledger/{id}/evidence/{evidence[0].GetProperty("id").GetInt64()}";
        Assert.Equal(photo, await admin.GetByteArrayAsync(url));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(url)).StatusCode);
        Assert.Contains("修复后.png", await (await township.GetAsync($"/Ledger/Details/{id}")).Content.ReadAsStringAsync());
    }
}
