using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Accounts;

public sealed class TwoFactorTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task TwoFactor_OnceOn_IsAskedAtSignInAndForTokens(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var setup = await admin.GetFromJsonAsync<JsonElement>("/api/v1/auth/two-factor");
        var key = setup.GetProperty("key").GetString()!;
        var wrong = await admin.PostAsJsonAsync("/api/v1/auth/two-factor", new { code = "000000" == Totp.Code(key) ? "111111" : "000000" });
        var enabled = await admin.PostAsJsonAsync("/api/v1/auth/two-factor", new { code = Totp.Code(key) });
        var fresh = app.CreateClient();
        var passwordOnly = await fresh.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = TestApp.AdminPassword });
        var withCode = await fresh.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = TestApp.AdminPassword, code = Totp.Code(key) });
        var tokenWithout = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = TestApp.AdminPassword });
        var tokenWith = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = TestApp.AdminPassword, code = Totp.Code(key) });

        Assert.False(setup.GetProperty("enabled").GetBoolean());
        Assert.StartsWith("otpauth://totp/", setup.GetProperty("uri").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, passwordOnly.StatusCode);
        Assert.Contains("验证码", (await passwordOnly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NoContent, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenWithout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tokenWith.StatusCode);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "account.2fa-enable")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task WhenRequired_AnAdministratorWithoutIt_CanOnlySetItUp(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider, settings: new Dictionary<string, string> { ["Security:RequireTwoFactorForAdministrators"] = "true" });
        await app.SeedAsync();
        await app.CreateUserAsync("secretary", "V11", Roles.Secretary);
        var admin = await app.SignInAsync("admin");
        var secretary = await app.SignInAsync("secretary");

        var blocked = await admin.GetAsync("/api/v1/organizations");
        var page = await admin.GetAsync("/Organizations");
        var setup = await admin.GetFromJsonAsync<JsonElement>("/api/v1/auth/two-factor");
        var enabled = await admin.PostAsJsonAsync("/api/v1/auth/two-factor", new { code = Totp.Code(setup.GetProperty("key").GetString()!) });
        var afterwards = await admin.GetAsync("/api/v1/organizations");
        var turnOff = await admin.DeleteAsync("/api/v1/auth/two-factor");

        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/Accounts/TwoFactor", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await secretary.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, turnOff.StatusCode);
    }
}
