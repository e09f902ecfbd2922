using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Requests;

/// <summary>
/// A village's "十最" list (seed 000): items entered once a year, each followed as a ledger item of the village branch supervised by
/// its township; an item entered twice, a township instead of a village, another township's village — each refused.
/// </summary>
public sealed class TenMostTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task TheItems_BecomeLedgerItems_OnceAYear(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var saved = await township.PostAsJsonAsync("/api/v1/requests/ten-most", new
        {
            organizationId = t.V11, year, items = new object[] { new { number = 1, text = "五保户赵老汉，独居无人照料" }, new { number = 2, text = "三组饮水管网老化", deadline = $"{year + 1}-06-30" } },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var list = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal(("最困难的人", "ToRectify"), (list[0].GetProperty("heading").GetString(), list[0].GetProperty("state").GetString()));
        var items = await app.QueryAsync(db => db.LedgerItems.Where(i => i.Source == LedgerSource.TenMost).OrderBy(i => i.Id)
            .Select(i => new { i.Description, i.ResponsibleOrganizationId, i.SupervisingOrganizationId }).ToListAsync());
        Assert.Equal(2, items.Count);
        Assert.Equal(($"{year}年最需要解决的问题：三组饮水管网老化", t.V11, (long?)t.T1), (items[1].Description, items[1].ResponsibleOrganizationId, items[1].SupervisingOrganizationId));

        var twice = await township.PostAsJsonAsync("/api/v1/requests/ten-most", new { organizationId = t.V11, year, items = new[] { new { number = 1, text = "再填一次" } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("第 1 项本年已填报", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync("/api/v1/requests/ten-most", new { organizationId = t.T1, year, items = new[] { new { number = 3, text = "x" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsJsonAsync("/api/v1/requests/ten-most", new { organizationId = t.V11, year, items = new[] { new { number = 3, text = "x" } } })).StatusCode);
        Assert.Equal(2, await app.QueryAsync(db => db.TenMostItems.CountAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "request.tenmost")));
    }
}
