using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Accounts;

public sealed class ApiTokenTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static HttpClient Bearer(TestApp app, string token)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Token_IsShownOnce_StoredHashed_ScopedToItsUser_AndStopsWhenRevokedOrExpired(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var anonymous = app.CreateClient();

        var issued = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "t1admin", password = TestApp.AdminPassword, days = 7 });
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        var client = Bearer(app, token);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var other = await client.GetAsync($"/api/v1/organizations/{tree.V21}");
        var upload = await Imports.RosterImportTests.UploadAsync(client, "/api/v1/imports/roster?dryRun=true",
            Workbooks.Create([Workbooks.RosterHeader, ["甲", null, Ids.Valid(80), null, "V11", null, "群众", null, null, null, null, null]]), "r.xlsx");

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.StartsWith("pyt_", token);
        Assert.InRange(body.GetProperty("expiresAt").GetDateTime(), DateTime.UtcNow.AddDays(6.9), DateTime.UtcNow.AddDays(7.1));
        Assert.Equal(5, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var stored = await app.QueryAsync(db => db.Set<Web.Modules.Accounts.ApiToken>().SingleAsync());
        Assert.NotEqual(token, stored.Hash);
        Assert.DoesNotContain(token[4..], stored.Hash + stored.Prefix);
        Assert.NotNull(stored.LastUsedAt);

        await app.QueryAsync(db => db.Set<Web.Modules.Accounts.ApiToken>().ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/organizations")).StatusCode);

        var second = (await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "t1admin", password = TestApp.AdminPassword }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Modules.Accounts.AppUser>>();
            var tokens = sp.GetRequiredService<Web.Modules.Accounts.ApiTokens>();
            var user = (await users.FindByNameAsync("t1admin"))!;
            var id = (await tokens.ListAsync(user.Id)).First().Id;
            await tokens.RevokeAsync(user, id);
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(app, second).GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(app, "pyt_forged").GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "token.create")));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "token.revoke")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Token_WithAWrongPassword_IsRefused_AndAudited(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = "nope" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "account.token-failed")));
        Assert.Equal(0, await app.QueryAsync(db => db.Set<Web.Modules.Accounts.ApiToken>().CountAsync()));
    }

    [Fact]
    public async Task SignInAttempts_AreRateLimited()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        await app.SeedAsync();
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "nobody", password = "x" })).StatusCode);
        }
        var limited = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody", password = "x" });

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Lockout_AfterFiveFailures_RefusesEvenTheRightPassword_ButNotTheTokensAlreadyIssued(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var client = app.CreateClient();
        var issued = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "t2admin", password = TestApp.AdminPassword, name = "考勤系统" });
        var integration = app.CreateClient();
        integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());

        // Anyone who knows the user name can do this: it must stop password guessing, not cut off the user's integrations.
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "t2admin", password = "wrong" });
        }
        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "t2admin", password = TestApp.AdminPassword });
        var newToken = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "t2admin", password = TestApp.AdminPassword });
        var byToken = await integration.GetAsync("/api/v1/organizations");

        Assert.Equal((HttpStatusCode)423, right.StatusCode);
        Assert.Equal((HttpStatusCode)423, newToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
        Assert.Contains("锁定", (await right.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "account.lockout")));
    }

    [Fact]
    public async Task LoginSecurity_FollowsTheDeploymentsSettings()
    {
        await using var app = await TestApp.CreateAsync("Sqlite", settings: new Dictionary<string, string>
        {
            ["Security:LockoutFailures"] = "2",
            ["Security:PasswordMinLength"] = "16",
        });
        await app.SeedAsync();
        var client = app.CreateClient();
        var admin = await app.SignInAsync("admin");

        await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "t2admin", password = "wrong" });
        await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "t2admin", password = "wrong" });
        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "t2admin", password = TestApp.AdminPassword });
        var shortPassword = await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "x1", organizationId = 1, roles = new[] { "Secretary" }, password = "Fifteen-chars-1" });

        Assert.Equal((HttpStatusCode)423, right.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shortPassword.StatusCode);
    }
}
