using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Ledger;

public sealed class LedgerImportTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task ExportedLedger_ImportsBack_AsTheSameItems(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "组织建设", description = "三会一课记录不全", responsibleOrganizationId = tree.V11, responsiblePersonName = "赵一", deadline = "2026-12-31", measures = "补齐记录" });
        var closed = (await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "作风建设", description = "值班制度未落实", responsibleOrganizationId = tree.V12 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await township.PostAsJsonAsync($"/api/v1/ledger/{closed}/start", new { text = "已排班" });
        await township.PostAsJsonAsync($"/api/v1/ledger/{closed}/submit", new { text = "值班表已公示" });
        await admin.PostAsJsonAsync($"/api/v1/ledger/{closed}/close-out", new { text = "合格" });
        var exported = await admin.GetByteArrayAsync("/api/v1/ledger/export");

        using var dry = new MultipartFormDataContent { { new ByteArrayContent(exported), "file", "整改台账.xlsx" } };
        var check = await township.PostAsync("/api/v1/ledger/import?dryRun=true", dry);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/ledger")).GetProperty("total").GetInt32());
        using var form = new MultipartFormDataContent { { new ByteArrayContent(exported), "file", "整改台账.xlsx" } };
        var imported = await township.PostAsync("/api/v1/ledger/import", form);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32());
        Assert.Equal(4, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/ledger")).GetProperty("total").GetInt32());
        var again = Workbooks.Read(await admin.GetByteArrayAsync("/api/v1/ledger/export"));
        // Every row but the serial number appears twice: once as made here, once as imported from the export.
        var rows = again.Skip(1).Select(r => string.Join("|", r.Skip(1))).ToList();
        Assert.Equal(2, rows.Distinct().Count());
        Assert.All(rows.GroupBy(r => r), g => Assert.Equal(2, g.Count()));
        Assert.Contains(rows, r => r.StartsWith("值班制度未落实|作风建设|西村党支部||", StringComparison.Ordinal) && r.Contains("|已销号|", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task BadRows_AreNamedByRowAndColumn_AndNothingIsImported(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");
        var csv = "序号,问题,类别,责任单位,责任人,整改措施,时限,进展,状态,销号时间\n"
            + "1,村务公开不及时,作风建设,东村党支部,,,2026-12-31,,,\n"
            + "2,活动室漏雨,发展与服务,南村党支部,,,2026-12-31,,,\n"   // another township's branch
            + "3,,组织建设,V12,,,明年,,完成,\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "台账.csv" } };
        var response = await township.PostAsync("/api/v1/ledger/import", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(3, "责任单位"), (4, "问题"), (4, "时限"), (4, "状态")], errors);
        Assert.Contains("南村党支部", report.GetProperty("errors")[0].GetProperty("reason").GetString());
        Assert.Equal(0, (await township.GetFromJsonAsync<JsonElement>("/api/v1/ledger")).GetProperty("total").GetInt32());
    }
}
