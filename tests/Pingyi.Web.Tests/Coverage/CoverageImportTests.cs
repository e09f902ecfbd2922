using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Coverage;

/// <summary>
/// The 两新 register imported: wrong rows (a kind that is none, more members than employees — the form's rule —, a covered one without
/// its party organization, a name twice) named by row and column, nothing registered; the good file registers two, covered and not, and
/// a second file changes one by its name in its township (its linking leader kept); the counts follow; audited like the form.
/// </summary>
public sealed class CoverageImportTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static readonly string[] Header = ["名称", "类型", "所属乡镇（街道）党组织", "从业人员", "党员人数", "党组织建立方式", "覆盖它的党组织", "建立日期", "党建工作指导员"];

    private static async Task<(HttpStatusCode Status, JsonElement Report)> ImportAsync(HttpClient client, IEnumerable<string?[]> rows)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Workbooks.Create(rows)), "file", "两新组织.xlsx" } };
        var response = await client.PostAsync("/api/v1/coverage/import", form);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string[] Errors(JsonElement report) =>
        [.. report.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("row").GetInt32()} {e.GetProperty("column").GetString()}: {e.GetProperty("reason").GetString()}")];

    [Theory, MemberData(nameof(Providers))]
    public async Task TheRegister_ImportsThroughTheFormsRules_AndChangesByName(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");

        var (badStatus, bad) = await ImportAsync(township, [
            Header,
            ["甲科技有限公司", "私营企业", "一号镇党委", "80", "5", "未建立党组织", null, null, null],
            ["乙合作社", "非公企业", "一号镇党委", "10", "12", "未建立党组织", null, null, null],
            ["丙协会", "社会组织", "一号镇党委", "30", "4", "单独建立", null, "2025-07-01", "张指导"],
            ["丁物流公司", "非公企业", "一号镇党委", "60", "3", "挂靠建立", "甲公司党支部", "2024-05-01", null],
            ["丁物流公司", "非公企业", "一号镇党委", "60", "3", "挂靠建立", "甲公司党支部", "2024-05-01", null],
        ]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus);
        Assert.Equal([
            "2 类型: “私营企业”请填写非公企业或社会组织",
            "6 名称: 与第5行重复：同一两新组织只能有一行",
            "3 党员人数: 党员人数不能超过从业人员数",
            "4 覆盖它的党组织: 已建立党组织的，请选择覆盖它的党组织",
        ], Errors(bad));
        Assert.Equal(0, await app.QueryAsync(db => db.NewOrganizations.CountAsync()));

        var (okStatus, ok) = await ImportAsync(township, [
            Header,
            ["甲科技有限公司", "非公企业", "一号镇党委", "80", "5", "未建立党组织", null, null, null],
            ["丁物流公司", "非公企业", "一号镇党委", "60", "3", "挂靠建立", "甲公司党支部", "2024-05-01", "李指导"],
        ]);
        Assert.Equal((HttpStatusCode.OK, 2, 0), (okStatus, ok.GetProperty("created").GetInt32(), ok.GetProperty("updated").GetInt32()));
        var covered = (await township.GetFromJsonAsync<JsonElement>("/api/v1/coverage?covered=true")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["丁物流公司"], covered);

        // The enterprise builds its own branch: the same name in its township is changed, not registered twice.
        var (changeStatus, change) = await ImportAsync(township, [Header, ["甲科技有限公司", "非公企业", "一号镇党委", "85", "6", "单独建立", "甲公司党支部", "2026-07-01", null]]);
        Assert.Equal((HttpStatusCode.OK, 0, 1), (changeStatus, change.GetProperty("created").GetInt32(), change.GetProperty("updated").GetInt32()));
        Assert.Equal(2, await app.QueryAsync(db => db.NewOrganizations.CountAsync()));
        Assert.Equal(2, (await township.GetFromJsonAsync<JsonElement>("/api/v1/coverage?covered=true")).GetProperty("total").GetInt32());
        Assert.Equal((2, 1), (await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "coverage.register")), await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "coverage.update"))));
        var exported = Workbooks.Read(await township.GetByteArrayAsync("/api/v1/coverage/export"));
        Assert.Equal(["甲科技有限公司", "非公企业", "一号镇党委", "85", "6", "单独建立", "甲公司党支部", "2026-07-01"], exported[2]);
    }
}
