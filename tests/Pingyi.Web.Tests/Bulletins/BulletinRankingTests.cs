using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Bulletins;

public sealed class BulletinRankingTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task EqualStanding_SharesARank_AndRepublishingReplacesTheFigures(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var t3 = (await (await admin.PostAsJsonAsync("/api/v1/organizations", new { code = "T3", name = "三号镇党委", level = "TownshipCommittee", category = "None", parentId = tree.County }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        async Task<long> Item(long org) => (await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "组织建设", description = "问题", responsibleOrganizationId = org }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        async Task Close(long id)
        {
            foreach (var (action, text) in new[] { ("start", ""), ("submit", "已整改"), ("close-out", "合格") })
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/ledger/{id}/{action}", new { text })).StatusCode);
            }
        }
        await Close(await Item(tree.V11));
        await Close(await Item(tree.V21));
        var open = await Item(t3);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        async Task<List<(int Rank, string? Name)>> Ranking(long id) =>
            [.. (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/bulletins/{id}")).GetProperty("rows").EnumerateArray()
                .Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("organization").GetString()))];

        var first = (await (await admin.PostAsJsonAsync("/api/v1/bulletins", new { year = today.Year, month = today.Month })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal([(1, "一号镇党委"), (1, "二号乡党委"), (3, "三号镇党委")], await Ranking(first));

        await Close(open);
        var again = (await (await admin.PostAsJsonAsync("/api/v1/bulletins", new { year = today.Year, month = today.Month })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(first, again);
        Assert.Equal([(1, "一号镇党委"), (1, "二号乡党委"), (1, "三号镇党委")], await Ranking(first));
        Assert.Equal(["bulletin.publish", "bulletin.republish"], await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditEntries.Where(a => a.Action.StartsWith("bulletin.")).OrderBy(a => a.Id).Select(a => a.Action))));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync("/api/v1/bulletins", new { year = today.Year + 1, month = today.Month })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync("/api/v1/bulletins", new { year = today.Year, month = 13 })).StatusCode);
    }
}
