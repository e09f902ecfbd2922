using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Pairing;

/// <summary>
/// A pairing list (结对名单) imported as seed 000's county would: a file with wrong rows — a village of another township, a helping
/// branch that is a village (the form's rule), both a branch and an outside partner, a date that is not one, a pair twice — names each
/// row and column and arranges nothing; the good list arranges every pair through the form's handler, audited, and exports back.
/// </summary>
public sealed class PairingImportTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static readonly string[] Header = ["受帮扶村（社区）党组织", "帮扶党组织", "县外结对党组织", "开始日期", "帮扶计划"];

    private static async Task<(HttpStatusCode Status, JsonElement Report)> ImportAsync(HttpClient client, IEnumerable<string?[]> rows, bool dryRun = false)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Workbooks.Create(rows)), "file", "结对名单.xlsx" } };
        var response = await client.PostAsync($"/api/v1/pairings/import?dryRun={dryRun}", form);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string[] Errors(JsonElement report) =>
        [.. report.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("row").GetInt32()} {e.GetProperty("column").GetString()}: {e.GetProperty("reason").GetString()}")];

    [Theory, MemberData(nameof(Providers))]
    public async Task APairingList_ImportsWholeThroughTheFormsRules_OrNotAtAll(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");
        const string plan = "每年技术培训两次，协助申报项目";

        var (badStatus, bad) = await ImportAsync(township, [
            Header,
            ["东村党支部", "甲公司党支部", null, "2025-03-01", plan],
            ["南村党支部", "甲公司党支部", null, "2025-03-01", plan],
            ["西村党支部", "东村党支部", null, "2025-03-01", plan],
            ["西村党支部", "B13", "科技部农村司党支部", "2025年3月1日", plan],
            ["西村党支部", null, "科技部农村司党支部", "三月一日", plan],
            ["V11", "B13", null, "2025-04-01", plan],
        ]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus);
        Assert.Equal([
            "3 受帮扶村（社区）党组织: “南村党支部”不存在或不在您的管理范围内",
            "6 开始日期: “三月一日”不是日期，请写成 2026-12-31",
            "7 受帮扶村（社区）党组织: 与第2行重复：同一结对只能有一行",
            "4 帮扶党组织: 东村党支部是村（社区）党组织：帮扶方应为机关、企事业单位等党组织",
            "5 帮扶党组织: 请选择帮扶的党组织，或填写县外结对党组织的名称（二选一）",
        ], Errors(bad));
        Assert.Equal(0, await app.QueryAsync(db => db.BranchPairings.CountAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action.StartsWith("pairing."))));

        string?[][] good = [Header, ["东村党支部", "甲公司党支部", null, "2025-03-01", plan], ["V12", null, "科技部农村司党支部", "2025年3月1日", plan]];
        var (checkStatus, check) = await ImportAsync(township, good, dryRun: true);
        Assert.Equal((HttpStatusCode.OK, 2), (checkStatus, check.GetProperty("accepted").GetInt32()));
        Assert.Equal(0, await app.QueryAsync(db => db.BranchPairings.CountAsync()));
        var (okStatus, ok) = await ImportAsync(township, good);
        Assert.Equal((HttpStatusCode.OK, 2, true), (okStatus, ok.GetProperty("created").GetInt32(), ok.GetProperty("committed").GetBoolean()));
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "pairing.pair")));
        Assert.Equal(2, (await township.GetFromJsonAsync<JsonElement>("/api/v1/pairings?active=true")).GetProperty("total").GetInt32());

        // The export lists the two, and importing it again is refused pair by pair (each already paired) without a change.
        var exported = Workbooks.Read(await township.GetByteArrayAsync("/api/v1/pairings/export"));
        Assert.Equal([["东村党支部", "甲公司党支部", "", "2025-03-01", plan], ["西村党支部", "", "科技部农村司党支部", "2025-03-01", plan]], exported.Skip(1));
        var (againStatus, again) = await ImportAsync(township, exported);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, againStatus);
        Assert.Equal(["2 受帮扶村（社区）党组织: 甲公司党支部与东村党支部已经结对", "3 受帮扶村（社区）党组织: 科技部农村司党支部与西村党支部已经结对"], Errors(again));
        Assert.Equal(2, await app.QueryAsync(db => db.BranchPairings.CountAsync()));

        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(await app.SignInAsync("v11sec"), good)).Status);
    }
}
