using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Accounts;

/// <summary>Sign-in for programs and browser scripts: cookie, API token, two-factor setup, antiforgery token.</summary>
public static class AuthApi
{
    public sealed record LoginRequest(string UserName, string Password, string? Code = null);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Accounts").WithRefusals();
        api.MapPost("/login", Login).WithSummary("Sign in with a cookie (for the pages and scripts in a browser)").RequireRateLimiting(AccountsModule.SignInLimit);
        api.MapPost("/token", CreateToken).WithSummary("Exchange a user name and password for an API token: {token, expiresAt}; send it as 'Authorization: Bearer'")
            .RequireRateLimiting(AccountsModule.SignInLimit);
        api.MapPost("/logout", async (SignInManager<AppUser> signIn) => { await signIn.SignOutAsync(); return TypedResults.NoContent(); })
            .WithSummary("Sign out");
        var twoFactor = api.MapGroup("/two-factor").RequireAuthorization();
        twoFactor.MapGet("/", async (TwoFactor service, UserManager<AppUser> users, HttpContext http) =>
        {
            var user = await users.GetUserAsync(http.User);
            return user is null ? Results.Unauthorized() : TypedResults.Ok(await service.SetupAsync(user, service.RequiredFor(http.User)));
        }).WithSummary("Two-factor state; while off, the authenticator key and otpauth URI to set it up");
        twoFactor.MapPost("/", async (TwoFactor service, UserManager<AppUser> users, SignInManager<AppUser> signIn, HttpContext http, CodeRequest request, CancellationToken ct) =>
        {
            var user = await users.GetUserAsync(http.User);
            if (user is null)
            {
                return Results.Unauthorized();
            }
            await service.EnableAsync(user, request.Code, ct);
            if (http.User.Identity?.AuthenticationType != ApiTokenHandler.SchemeName)
            {
                await signIn.RefreshSignInAsync(user);
            }
            return TypedResults.NoContent();
        }).WithSummary("Turn two-factor sign-in on with a current code from the authenticator app");
        twoFactor.MapDelete("/", async (TwoFactor service, UserManager<AppUser> users, HttpContext http, CancellationToken ct) =>
        {
            var user = await users.GetUserAsync(http.User);
            if (user is null)
            {
                return Results.Unauthorized();
            }
            await service.DisableAsync(user, service.RequiredFor(http.User), ct);
            return TypedResults.NoContent();
        }).WithSummary("Turn two-factor sign-in off (refused where the deployment requires it)");
        api.MapGet("/antiforgery", (Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, HttpContext http) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new AntiforgeryView(tokens.RequestToken, tokens.HeaderName));
        }).RequireAuthorization().WithSummary("A request token for form posts (file uploads) made with the sign-in cookie");
        return app;
    }

    public sealed record TokenRequest(string UserName, string Password, int? Days, string? Name, string? Code = null);

    public sealed record TokenResponse(string Token, DateTime ExpiresAt);

    public sealed record CodeRequest(string Code);

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> CreateToken(TokenRequest request, SignInManager<AppUser> signIn,
        UserManager<AppUser> users, ApiTokens tokens, TwoFactor twoFactor, AuditLog audit, PingyiDbContext db, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(request.UserName ?? string.Empty);
        // The failed-attempt count (or its reset), the token and the audit entry commit together.
        await using var work = await db.BeginWorkAsync(ct);
        var result = user is null ? SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, request.Password ?? string.Empty, lockoutOnFailure: true);
        if (result.Succeeded && user!.TwoFactorEnabled && !await twoFactor.VerifyAsync(user, request.Code))
        {
            await users.AccessFailedAsync(user);
            result = SignInResult.Failed;
        }
        if (!result.Succeeded)
        {
            audit.Record(result.IsLockedOut ? "account.lockout" : "account.token-failed", "Account", null, null, new { user = request.UserName }, userName: request.UserName);
            await db.SaveChangesAsync(ct);
            await work.CommitAsync(ct);
            return TypedResults.Problem(result.IsLockedOut ? "失败次数过多，账号已锁定，请稍后再试" : "用户名或密码错误",
                statusCode: result.IsLockedOut ? StatusCodes.Status423Locked : StatusCodes.Status401Unauthorized, title: "登录失败");
        }
        var created = await tokens.CreateAsync(user!, request.Name ?? "API", request.Days, ct);
        await work.CommitAsync(ct);
        return TypedResults.Ok(new TokenResponse(created.Token, created.ExpiresAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Login(LoginRequest request, SignInManager<AppUser> signIn, AuditLog audit, PingyiDbContext db)
    {
        await using var work = await db.BeginWorkAsync();
        var result = await signIn.PasswordSignInAsync(request.UserName ?? string.Empty, request.Password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            if (string.IsNullOrWhiteSpace(request.Code))
            {
                return TypedResults.Problem("此账号已开启两步验证，请同时提交验证器应用显示的6位验证码（code）", statusCode: StatusCodes.Status401Unauthorized, title: "需要验证码");
            }
            result = await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactor.Normalize(request.Code), isPersistent: false, rememberClient: false);
        }
        audit.Record(result.Succeeded ? "account.signin" : result.IsLockedOut ? "account.lockout" : "account.signin-failed", "Account", null, null,
            new { user = request.UserName }, userName: request.UserName);
        await db.SaveChangesAsync();
        await work.CommitAsync();
        if (result.Succeeded)
        {
            return TypedResults.NoContent();
        }
        return TypedResults.Problem(result.IsLockedOut ? "失败次数过多，账号已锁定，请稍后再试" : "用户名、密码或验证码错误",
            statusCode: result.IsLockedOut ? StatusCodes.Status423Locked : StatusCodes.Status401Unauthorized, title: "登录失败");
    }
}

/// <summary>A request token for form posts and the header to send it in.</summary>
public sealed record AntiforgeryView(string? Token, string? HeaderName);
