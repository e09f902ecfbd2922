using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Organizations;

public sealed class OrganizationTreeTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static async Task<(TestApp App, TestTree Tree, HttpClient Admin)> StartAsync(string provider)
    {
        var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        return (app, tree, await app.SignInAsync("admin"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Create_UnderParent_SetsPathDepthAndHistory(string provider)
    {
        var (app, tree, admin) = await StartAsync(provider);
        await using var _ = app;

        var response = await admin.PostAsJsonAsync("/api/v1/organizations", new { code = "V13", name = "北村党支部", level = "Branch", category = "Village", parentId = tree.T1 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await app.QueryAsync(db => db.Organizations.SingleAsync(o => o.Code == "V13"));
        Assert.Equal($"/{tree.County}/{tree.T1}/{created.Id}/", created.Path);
        Assert.Equal(2, created.Depth);
        Assert.Equal(1, await app.QueryAsync(db => db.OrganizationEvents.CountAsync(e => e.OrganizationId == created.Id)));
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "organization.create" && a.EntityId == created.Id.ToString())));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Create_WithDuplicateCode_IsRefusedAndChangesNothing(string provider)
    {
        var (app, tree, admin) = await StartAsync(provider);
        await using var _ = app;
        var before = await app.QueryAsync(db => db.Organizations.CountAsync());

        var response = await admin.PostAsJsonAsync("/api/v1/organizations", new { code = "V11", name = "重复", level = "Branch", category = "Village", parentId = tree.T2 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("V11", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await app.QueryAsync(db => db.Organizations.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Create_BranchUnderBranchForbiddenLevel_IsRefused(string provider)
    {
        var (app, tree, admin) = await StartAsync(provider);
        await using var _ = app;

        var response = await admin.PostAsJsonAsync("/api/v1/organizations", new { code = "X1", name = "乡镇", level = "TownshipCommittee", category = "None", parentId = tree.V11 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Organizations.AnyAsync(o => o.Code == "X1")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Move_WithSubtree_RewritesDescendantPaths(string provider)
    {
        var (app, tree, admin) = await StartAsync(provider);
        await using var _ = app;

        var response = await admin.PostAsJsonAsync($"/api/v1/organizations/{tree.G1}/move", new { newParentId = tree.T2, effectiveOn = "2026-01-01", reason = "调整隶属关系" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var g1 = await app.QueryAsync(db => db.Organizations.SingleAsync(o => o.Id == tree.G1));
        var b13 = await app.QueryAsync(db => db.Organizations.SingleAsync(o => o.Id == tree.B13));
        Assert.Equal($"/{tree.County}/{tree.T2}/{tree.G1}/", g1.Path);
        Assert.Equal($"/{tree.County}/{tree.T2}/{tree.G1}/{tree.B13}/", b13.Path);
        Assert.Equal(3, b13.Depth);
        var moved = await app.QueryAsync(db => db.OrganizationEvents.SingleAsync(e => e.OrganizationId == tree.G1 && e.Kind == Web.Modules.Organizations.OrganizationEventKind.Moved));
        Assert.Equal(new DateOnly(2026, 1, 1), moved.EffectiveOn);
        Assert.Equal("一号镇党委", moved.OldValue);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Move_UnderOwnDescendant_IsRefusedAndChangesNothing(string provider)
    {
        var (app, tree, admin) = await StartAsync(provider);
        await using var _ = app;
        var before = await app.QueryAsync(db => db.Organizations.OrderBy(o => o.Id).Select(o => o.Path).ToListAsync());

        var response = await admin.PostAsJsonAsync($"/api/v1/organizations/{tree.T1}/move", new { newParentId = tree.G1 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("下级组织", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await app.QueryAsync(db => db.Organizations.OrderBy(o => o.Id).Select(o => o.Path).ToListAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Dissolve_WithMembers_IsRefused_ButEmptyBranchDissolves(string provider)
    {
        var (app, tree, admin) = await StartAsync(provider);
        await using var _ = app;

        var refused = await admin.PostAsJsonAsync($"/api/v1/organizations/{tree.V11}/dissolve", new { reason = "测试" });
        var dissolved = await admin.PostAsJsonAsync($"/api/v1/organizations/{tree.V12}/dissolve", new { effectiveOn = "2026-03-01", reason = "并村后撤销" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("3名人员", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(OrganizationStatus.Active, await app.QueryAsync(db => db.Organizations.Where(o => o.Id == tree.V11).Select(o => o.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, dissolved.StatusCode);
        var v12 = await app.QueryAsync(db => db.Organizations.SingleAsync(o => o.Id == tree.V12));
        Assert.Equal(OrganizationStatus.Dissolved, v12.Status);
        Assert.Equal(new DateOnly(2026, 3, 1), v12.EndedOn);
        Assert.True(await app.QueryAsync(db => db.Organizations.AnyAsync(o => o.Id == tree.V12)), "a dissolved organization is kept, never deleted");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Merge_TransfersMembersWithHistory_AndKeepsTheMergedOrganization(string provider)
    {
        var (app, tree, admin) = await StartAsync(provider);
        await using var _ = app;

        var response = await admin.PostAsJsonAsync($"/api/v1/organizations/{tree.V11}/merge", new { targetId = tree.V12, effectiveOn = "2026-02-01", reason = "并村" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, await app.QueryAsync(db => db.People.CountAsync(p => p.OrganizationId == tree.V12)));
        Assert.Equal(0, await app.QueryAsync(db => db.People.CountAsync(p => p.OrganizationId == tree.V11)));
        var zhao = await app.QueryAsync(db => db.People.Where(p => p.Name == "赵一").Select(p => p.Id).SingleAsync());
        var history = await app.QueryAsync(db => db.Memberships.Where(m => m.PersonId == zhao).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, history.Count);
        Assert.Equal((tree.V11, new DateOnly(2026, 2, 1)), (history[0].OrganizationId, history[0].EndedOn!.Value));
        Assert.Equal((tree.V12, (DateOnly?)null), (history[1].OrganizationId, history[1].EndedOn));
        var v11 = await app.QueryAsync(db => db.Organizations.SingleAsync(o => o.Id == tree.V11));
        Assert.Equal((OrganizationStatus.Merged, (long?)tree.V12), (v11.Status, v11.MergedIntoId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Tree_AndList_AreLimitedToTheCallersSubtree(string provider)
    {
        var (app, tree, _) = await StartAsync(provider);
        await using var __ = app;
        var township = await app.SignInAsync("t1admin");

        var root = await township.GetFromJsonAsync<JsonElement>("/api/v1/organizations/tree?depth=3");
        var list = await township.GetFromJsonAsync<JsonElement>("/api/v1/organizations?pageSize=100");
        var other = await township.GetAsync($"/api/v1/organizations/{tree.V21}");
        var otherTree = await township.GetAsync($"/api/v1/organizations/tree?rootId={tree.T2}");
        var move = await township.PostAsJsonAsync($"/api/v1/organizations/{tree.V11}/move", new { newParentId = tree.T2 });

        Assert.Equal("T1", root.GetProperty("code").GetString());
        var codes = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Equal(["T1", "V11", "V12", "G1", "B13"], codes);
        Assert.Equal(5, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTree.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, move.StatusCode);
        Assert.Equal(tree.T1, await app.QueryAsync(db => db.Organizations.Where(o => o.Id == tree.V11).Select(o => o.ParentId).SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task List_FiltersByCategoryLevelParentAndName(string provider)
    {
        var (app, tree, admin) = await StartAsync(provider);
        await using var _ = app;

        var villages = await admin.GetFromJsonAsync<JsonElement>("/api/v1/organizations?category=Village");
        var underT1 = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/organizations?parentId={tree.T1}&level=Branch");
        var byName = await admin.GetFromJsonAsync<JsonElement>("/api/v1/organizations?q=" + Uri.EscapeDataString("南村"));

        Assert.Equal(3, villages.GetProperty("total").GetInt32());
        Assert.Equal(["V11", "V12"], underT1.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToArray());
        Assert.Equal("V21", byName.GetProperty("items")[0].GetProperty("code").GetString());
    }
}
