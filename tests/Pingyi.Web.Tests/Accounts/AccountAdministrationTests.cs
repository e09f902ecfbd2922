using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Accounts;

public sealed class AccountAdministrationTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task ATownshipAdministrator_ManagesAccountsOnlyInTheTownship_AndOnlyWithGrantableRoles(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");

        var created = await township.PostAsJsonAsync("/api/v1/accounts", new { userName = "v11sec", displayName = "东村书记", organizationId = tree.V11, roles = new[] { "Secretary" }, password = "Branch-Pass-2026" });
        var elsewhere = await township.PostAsJsonAsync("/api/v1/accounts", new { userName = "v21sec", organizationId = tree.V21, roles = new[] { "Secretary" }, password = "Branch-Pass-2026" });
        var tooPowerful = await township.PostAsJsonAsync("/api/v1/accounts", new { userName = "boss", organizationId = tree.T1, roles = new[] { "SystemAdministrator" }, password = "Branch-Pass-2026" });
        var weak = await township.PostAsJsonAsync("/api/v1/accounts", new { userName = "weak", organizationId = tree.V12, roles = new[] { "Secretary" }, password = "short" });
        var list = await township.GetFromJsonAsync<JsonElement>("/api/v1/accounts");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tooPowerful.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
        Assert.Contains("至少10个字符", (await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(["t1admin", "v11sec"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("userName").GetString()!).ToArray());
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "v11sec", password = "Branch-Pass-2026" });
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "account.create" && a.Data!.Contains("v11sec"))));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task LockedAccounts_CannotSignIn_UntilUnlocked(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var id = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "t2admin").Select(u => u.Id).SingleAsync());
        var client = app.CreateClient();
        var issued = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "t2admin", password = TestApp.AdminPassword });
        var integration = app.CreateClient();
        integration.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/accounts/{id}/lock", null)).StatusCode);
        var whileLocked = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "t2admin", password = TestApp.AdminPassword });
        var tokenWhileLocked = await integration.GetAsync("/api/v1/organizations");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/accounts/{id}/unlock", null)).StatusCode);
        var afterUnlock = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "t2admin", password = TestApp.AdminPassword });
        var tokenAfterUnlock = await integration.GetAsync("/api/v1/organizations");
        var selfLock = await admin.PostAsync($"/api/v1/accounts/{await app.QueryAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync())}/lock", null);

        Assert.Equal((HttpStatusCode)423, whileLocked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenWhileLocked.StatusCode); // an administrator's lock stops the account's tokens too
        Assert.Equal(HttpStatusCode.NoContent, afterUnlock.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tokenAfterUnlock.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, selfLock.StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Update_MovesAndRegrants_WithinWhatTheCallerMayGrant(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var t2admin = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "t2admin").Select(u => u.Id).SingleAsync());
        await app.CreateUserAsync("clerk", "V11", Roles.Secretary);
        var clerk = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync());

        var otherTownship = await township.PutAsJsonAsync($"/api/v1/accounts/{t2admin}", new { organizationId = tree.T1, roles = new[] { "Secretary" } });
        var tooHigh = await township.PutAsJsonAsync($"/api/v1/accounts/{clerk}", new { organizationId = tree.V11, roles = new[] { "OrganizationDepartment" } });
        var fine = await township.PutAsJsonAsync($"/api/v1/accounts/{clerk}", new { organizationId = tree.V12, roles = new[] { "Secretary", "Supervisor" } });
        var byAdmin = await admin.PutAsJsonAsync($"/api/v1/accounts/{t2admin}", new { organizationId = tree.V21, roles = new[] { "Supervisor" } });

        Assert.Equal(HttpStatusCode.NotFound, otherTownship.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tooHigh.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, fine.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounts?q=clerk");
        var item = list.GetProperty("items")[0];
        Assert.Equal(tree.V12, item.GetProperty("organizationId").GetInt64());
        Assert.Equal(["Secretary", "Supervisor"], item.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "account.update")));
    }

    [Fact]
    public async Task DemoAccounts_SeeTheWholeCounty_OrOneTownship()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Web.Modules.Demo.DemoCounty>().GenerateAsync(new Web.Modules.Demo.DemoCounty.Options(Seed: 3, TargetMembers: 1500));
            await AccountSeeding.EnsureAdministratorAsync(sp, sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
                Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, withDemoAccounts: true);
        });
        var department = await app.SignInAsync("zuzhibu");
        var chengguan = await app.SignInAsync("chengguan");
        var t01 = await app.QueryAsync(db => db.Organizations.Where(o => o.Code == "T01").Select(o => o.Path).SingleAsync());

        var all = await department.GetFromJsonAsync<JsonElement>("/api/v1/people?pageSize=1");
        var own = await chengguan.GetFromJsonAsync<JsonElement>("/api/v1/people?pageSize=1");
        var ownOrganizations = await chengguan.GetFromJsonAsync<JsonElement>("/api/v1/organizations?pageSize=1");

        Assert.Equal(await app.QueryAsync(db => db.People.CountAsync()), all.GetProperty("total").GetInt32());
        Assert.Equal(await app.QueryAsync(db => db.People.CountAsync(p => p.Organization!.Path.StartsWith(t01))), own.GetProperty("total").GetInt32());
        Assert.Equal(await app.QueryAsync(db => db.Organizations.CountAsync(o => o.Path.StartsWith(t01))), ownOrganizations.GetProperty("total").GetInt32());
        Assert.True(own.GetProperty("total").GetInt32() < all.GetProperty("total").GetInt32());

        // The integrity review's three: the discipline body reads the review queue, not the selection; the party secretary neither selects.
        foreach (var user in new[] { "jiwei", "jiweishuji", "xianweishuji" })
        {
            var client = await app.SignInAsync(user);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/selection/integrity")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/selection/batches")).StatusCode);
        }
    }
}
