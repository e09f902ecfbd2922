using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Calendar;

/// <summary>A ledger deadline that falls on a day off moves to the next working day (Civil Code §203), by hand, by extension and by import.</summary>
public sealed class LedgerDeadlineTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task ADeadlineOnAHoliday_MovesToTheNextWorkingDay_AndTheAuditKeepsWhatWasAsked(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        // 2027 is not loaded: 1 October (a Friday, National Day) is statutory, 2–3 October a weekend.
        var created = await admin.PostAsJsonAsync("/api/v1/ledger", new
        {
            category = "组织建设", description = "村党支部三会一课记录不全", responsibleOrganizationId = tree.V11, deadline = "2027-10-01",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = item.GetProperty("id").GetInt64();
        Assert.Equal("2027-10-04", item.GetProperty("deadline").GetString());

        // New Year's Day 2028 is a Saturday; the 2nd a Sunday.
        var extended = await admin.PostAsJsonAsync($"/api/v1/ledger/{id}/extend", new { deadline = "2028-01-01", reason = "涉及换届，顺延" });
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal("2028-01-03", (await extended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deadline").GetString());

        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == "LedgerItem" && a.EntityId == key).OrderBy(a => a.Id).Select(a => a.Data ?? "").ToListAsync());
        Assert.Contains("\"asked\":\"2027-10-01\"", audit[0]);
        Assert.Contains("\"asked\":\"2028-01-01\"", audit[^1]);
    }

    [Fact]
    public async Task TheCreatePage_SaysTheDeadlineMoved()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var response = await admin.PostAsync("/Ledger/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["category"] = "组织建设", ["description"] = "党员活动室制度未上墙", ["responsibleOrganizationId"] = tree.V12.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["deadline"] = "2027-10-02",
        }));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var html = await admin.GetStringAsync(response.Headers.Location);

        Assert.Contains("已登记。时限2027年10月2日不是工作日，顺延至2027年10月4日。（2027年放假安排尚未载入，暂按法定节假日和周末计算。）", html);
    }
}
