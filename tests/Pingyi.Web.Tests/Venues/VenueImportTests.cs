using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Venues;

/// <summary>
/// The venue register as a township fills it in: exported with its two villages blank, filled in and imported back; a file with a
/// wrong row — a figure that is not a number, a village of another township, a standardization the form refuses, a village twice —
/// names every row and column in one report and imports nothing; the good file then registers both, each audited like the form.
/// </summary>
public sealed class VenueImportTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static readonly string[] Header = ["组织编码", "村（社区）党组织", "面积（平方米）", "运转经费（元）", "办公议事中心", "党员群众活动中心", "教育培训中心", "便民服务中心", "文化娱乐中心", "标准化建设完成日期", "备注"];

    private static async Task<(HttpStatusCode Status, JsonElement Report)> ImportAsync(HttpClient client, IEnumerable<string?[]> rows, bool dryRun = false)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Workbooks.Create(rows)), "file", "活动场所.xlsx" } };
        var response = await client.PostAsync($"/api/v1/venues/import?dryRun={dryRun}", form);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string[] Errors(JsonElement report) =>
        [.. report.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("row").GetInt32()} {e.GetProperty("column").GetString()}: {e.GetProperty("reason").GetString()}")];

    [Theory, MemberData(nameof(Providers))]
    public async Task TheExportedRegister_FilledIn_ImportsBack_AndABadRowImportsNothing(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The export lists the township's two villages, blank, under a title row and a header the import reads.
        var exported = Workbooks.Read(await township.GetByteArrayAsync("/api/v1/venues/export"));
        Assert.Equal([.. Header.Select(h => h is "村（社区）党组织" or "面积（平方米）" or "运转经费（元）" ? h + "*" : h)], exported[0]);
        Assert.Equal([["V11", "东村党支部"], ["V12", "西村党支部"]], exported.Skip(1).Select(r => r.ToArray()));
        // Imported back untouched: nothing filled in, nothing registered.
        var (status, blank) = await ImportAsync(township, exported);
        Assert.Equal((HttpStatusCode.OK, 0, 2), (status, blank.GetProperty("accepted").GetInt32(), blank.GetProperty("unchanged").GetInt32()));

        string?[] Row(string code, string name, string area, string funds, string centres, string? on = null, string? note = null) =>
            [code, name, area, funds, .. centres.Select(c => c == '1' ? "是" : "否"), on, note];
        var (badStatus, bad) = await ImportAsync(township, [
            Header,
            Row("V11", "东村党支部", "120", "15,000", "11111", today),
            Row("V12", "西村党支部", "八十", "12000", "11110"),
            Row("", "南村党支部", "100", "12000", "11111"),
            Row("V12", "西村党支部", "80", "12000", "11110", today),
            Row("V11", "东村党支部", "120", "15000", "11111"),
        ]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus);
        Assert.Equal([
            "3 面积（平方米）: “八十”不是数字",
            "4 村（社区）党组织: “南村党支部”不存在或不在您的管理范围内",
            "6 村（社区）党组织: 与第2行重复：同一活动场所只能有一行",
            "5 标准化建设完成日期: 未达到标准的场所不能登记标准化建设完成：面积 80 平方米，不足 90 平方米；缺少文化娱乐中心",
        ], Errors(bad));
        Assert.False(bad.GetProperty("committed").GetBoolean());
        Assert.Equal(0, await app.QueryAsync(db => db.Venues.CountAsync()));

        // The form's own rules, row by row: 80 m² is short of the standard and cannot be 标准化建设完成.
        var (ruleStatus, rule) = await ImportAsync(township, [Header, Row("V11", "东村党支部", "120", "15000", "11111", today), Row("V12", "西村党支部", "80", "12000", "11110", today)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ruleStatus);
        Assert.Equal(["3 标准化建设完成日期: 未达到标准的场所不能登记标准化建设完成：面积 80 平方米，不足 90 平方米；缺少文化娱乐中心"], Errors(rule));
        Assert.Equal(0, await app.QueryAsync(db => db.Venues.CountAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action.StartsWith("venues."))));

        // Checked, then imported: both registered through the form's handler, each with its audit entry.
        string?[][] good = [Header, Row("V11", "东村党支部", "120", "15000", "11111", today, "2024年新建"), Row("V12", "西村党支部", "80", "12000", "11110")];
        var (checkStatus, check) = await ImportAsync(township, good, dryRun: true);
        Assert.Equal((HttpStatusCode.OK, 2, false), (checkStatus, check.GetProperty("accepted").GetInt32(), check.GetProperty("committed").GetBoolean()));
        Assert.Equal(0, await app.QueryAsync(db => db.Venues.CountAsync()));
        var (okStatus, ok) = await ImportAsync(township, good);
        Assert.Equal((HttpStatusCode.OK, 2, 0, true), (okStatus, ok.GetProperty("created").GetInt32(), ok.GetProperty("updated").GetInt32(), ok.GetProperty("committed").GetBoolean()));
        var below = (await township.GetFromJsonAsync<JsonElement>("/api/v1/venues?below=true")).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("village").GetString()!, r => r.GetProperty("shortfalls").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(["面积 80 平方米，不足 90 平方米", "缺少文化娱乐中心"], below["西村党支部"]);
        Assert.Single(below);
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "venues.register")));
        // The export now carries the figures, and imports back as two unchanged-in-content updates.
        var again = Workbooks.Read(await township.GetByteArrayAsync("/api/v1/venues/export"));
        Assert.Equal(["V11", "东村党支部", "120", "15000", "是", "是", "是", "是", "是", today, "2024年新建"], again[1]);
        var (_, reimport) = await ImportAsync(township, again);
        Assert.Equal((0, 2), (reimport.GetProperty("created").GetInt32(), reimport.GetProperty("updated").GetInt32()));

        // A secretary may not import; another township's admin cannot name these villages.
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(await app.SignInAsync("v11sec"), good)).Status);
        var (otherStatus, other) = await ImportAsync(await app.SignInAsync("t2admin"), good);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherStatus);
        Assert.Equal(["2 组织编码: “V11”不存在或不在您的管理范围内", "3 组织编码: “V12”不存在或不在您的管理范围内"], Errors(other));
    }
}
