using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Coverage;

/// <summary>
/// 两新覆盖 worked through: three enterprises and a social organization in two townships, organization coverage and work
/// coverage counted apart against the 85% target; the refusals (no party organization named, members above employees, a
/// township beside the caller's, a secretary, a name twice, a leader's fourth link); a change moving the rates; the board's figures.
/// </summary>
public sealed class CoverageTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task Coverage_IsCountedApart_AgainstTheTarget_AndChangesAreChecked(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        var admin = await app.SignInAsync("admin");
        async Task<HttpResponseMessage> Register(HttpClient client, object body) => await client.PostAsJsonAsync("/api/v1/coverage", body);
        async Task<long> Registered(object body)
        {
            var response = await Register(admin, body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        await Registered(new { name = "甲公司", kind = "Enterprise", organizationId = t.T1, employees = 120, members = 6, mode = "Alone", partyOrganizationId = t.B13, coveredOn = "2025-05-01" });
        await Registered(new { name = "乙公司", kind = "Enterprise", organizationId = t.T1, employees = 40, members = 1, mode = "None", instructor = "刘指导" });
        var third = await Registered(new { name = "丙公司", kind = "Enterprise", organizationId = t.T2, employees = 15, members = 0, mode = "None" });
        await Registered(new { name = "南村志愿者协会", kind = "SocialOrganization", organizationId = t.T2, employees = 20, members = 2, mode = "Attached", partyOrganizationId = t.T2, coveredOn = "2026-03-01" });

        var summary = await admin.GetFromJsonAsync<JsonElement>("/api/v1/coverage/summary");
        Assert.Equal(0.85m, summary.GetProperty("target").GetDecimal());
        var total = summary.GetProperty("total");
        Assert.Equal((3, 1, 1, 1, 3), (total.GetProperty("enterprises").GetInt32(), total.GetProperty("enterprisesCovered").GetInt32(), total.GetProperty("social").GetInt32(),
            total.GetProperty("socialCovered").GetInt32(), total.GetProperty("workCovered").GetInt32()));
        Assert.Equal((0.3333m, 1m, 0.75m), (total.GetProperty("enterpriseRate").GetDecimal(), total.GetProperty("socialRate").GetDecimal(), total.GetProperty("workRate").GetDecimal()));
        var rows = summary.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal((0.5m, 1m), (rows["一号镇党委"].GetProperty("enterpriseRate").GetDecimal(), rows["一号镇党委"].GetProperty("workRate").GetDecimal()));
        Assert.Equal((0m, 0.5m), (rows["二号乡党委"].GetProperty("enterpriseRate").GetDecimal(), rows["二号乡党委"].GetProperty("workRate").GetDecimal()));

        async Task Refused(HttpClient client, object body, HttpStatusCode status, string? field = null)
        {
            var response = await Register(client, body);
            Assert.Equal(status, response.StatusCode);
            if (field is not null)
            {
                Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
            }
        }
        await Refused(admin, new { name = "丁公司", kind = "Enterprise", organizationId = t.T1, employees = 10, members = 0, mode = "Joint", coveredOn = "2026-01-01" }, HttpStatusCode.UnprocessableEntity, "partyOrganizationId");
        await Refused(admin, new { name = "丁公司", kind = "Enterprise", organizationId = t.T1, employees = 10, members = 11, mode = "None" }, HttpStatusCode.UnprocessableEntity, "members");
        await Refused(await app.SignInAsync("t2admin"), new { name = "丁公司", kind = "Enterprise", organizationId = t.T1, employees = 10, members = 0, mode = "None" }, HttpStatusCode.NotFound);
        await Refused(await app.SignInAsync("v11sec"), new { name = "丁公司", kind = "Enterprise", organizationId = t.V11, employees = 10, members = 0, mode = "None" }, HttpStatusCode.Forbidden);
        await Refused(admin, new { name = "甲公司", kind = "Enterprise", organizationId = t.T1, employees = 10, members = 0, mode = "None" }, HttpStatusCode.Conflict);

        // A county leader links one to three key enterprises.
        var leader = await app.QueryAsync(db => db.People.Where(p => p.Name == "李四").Select(p => p.Id).SingleAsync());
        foreach (var n in new[] { "戊公司", "己公司", "庚公司" })
        {
            await Registered(new { name = n, kind = "Enterprise", organizationId = t.T1, employees = 50, members = 0, mode = "None", leaderPersonId = leader });
        }
        await Refused(admin, new { name = "辛公司", kind = "Enterprise", organizationId = t.T1, employees = 50, members = 0, mode = "None", leaderPersonId = leader },
            HttpStatusCode.UnprocessableEntity, "leaderPersonId");

        // 丙公司 builds a party organization jointly with 南村: 二号乡's enterprises covered.
        var changed = await admin.PutAsJsonAsync($"/api/v1/coverage/{third}", new { name = "丙公司", kind = "Enterprise", organizationId = t.T2, employees = 15, members = 3, mode = "Joint", partyOrganizationId = t.V21, coveredOn = "2026-06-01" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t1admin")).PutAsJsonAsync($"/api/v1/coverage/{third}",
            new { name = "丙公司", kind = "Enterprise", organizationId = t.T1, employees = 15, members = 3, mode = "None" })).StatusCode);
        var board = await admin.GetFromJsonAsync<JsonElement>("/api/v1/statistics");
        var figures = board.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray()).ToDictionary(f => f.GetProperty("key").GetString()!);
        Assert.Equal((6, 2), (figures["new.enterprises"].GetProperty("total").GetInt32(), figures["new.enterprises.covered"].GetProperty("total").GetInt32()));
        var share = board.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("ratios").EnumerateArray()).Single(r => r.GetProperty("label").GetString() == "非公企业党组织覆盖率");
        Assert.Equal((0.3333m, 0.85m), (share.GetProperty("total").GetDecimal(), share.GetProperty("target").GetDecimal()));
        var uncovered = await admin.GetFromJsonAsync<JsonElement>("/api/v1/coverage?covered=false&kind=Enterprise");
        Assert.Equal(4, uncovered.GetProperty("total").GetInt32());
        Assert.Equal(7, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "coverage.register")));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "coverage.update")));
        var page = await admin.GetStringAsync("/Coverage");
        Assert.Contains("33.3%", page);
    }
}
