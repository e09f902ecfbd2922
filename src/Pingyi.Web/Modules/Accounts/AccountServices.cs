using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

public static class AccountServices
{
    public const string CookieOrToken = "CookieOrToken";
    public const string SignInLimit = "signin";

    public static IHostApplicationBuilder AddPingyiAccounts(this IHostApplicationBuilder builder)
    {
        // Login security differs by deployment (GB/T 22239 level 2 or 3, OWASP ASVS): every number is a
        // setting under Security, with these defaults.
        var security = builder.Configuration.GetSection("Security");
        builder.Services.AddIdentity<AppUser, IdentityRole<long>>(o =>
            {
                o.Password.RequiredLength = security.GetValue("PasswordMinLength", 10);
                o.Password.RequireDigit = security.GetValue("PasswordRequireDigit", true);
                o.Password.RequireLowercase = security.GetValue("PasswordRequireLowercase", true);
                o.Password.RequireUppercase = security.GetValue("PasswordRequireUppercase", true);
                o.Password.RequireNonAlphanumeric = security.GetValue("PasswordRequireSymbol", false);
                o.Lockout.MaxFailedAccessAttempts = security.GetValue("LockoutFailures", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.GetValue("LockoutMinutes", 15));
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<PingyiDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Accounts/Login";
            o.LogoutPath = "/Accounts/Logout";
            o.AccessDeniedPath = "/Accounts/Denied";
            o.Cookie.Name = "pingyi.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Idle timeout: the cookie expires this long after the last request.
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.GetValue("IdleTimeoutMinutes", 30));
            o.SlidingExpiration = true;
            // The API answers 401/403 instead of redirecting to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden);
        });
        // One default scheme that forwards: a bearer token to the token handler, everything else to the sign-in cookie.
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrToken;
                o.DefaultAuthenticateScheme = CookieOrToken;
                o.DefaultChallengeScheme = CookieOrToken;
                o.DefaultForbidScheme = CookieOrToken;
            })
            .AddPolicyScheme(CookieOrToken, "Cookie or API token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddScoped<ApiTokens>();
        builder.Services.AddScoped<TwoFactor>();
        var attempts = builder.Configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
        builder.Services.AddRateLimiter(o =>
        {
            // Sign-in and token requests per client address; pages and reads are not limited.
            o.AddPolicy(SignInLimit, ctx => HttpMethods.IsPost(ctx.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = attempts, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = "60";
                if (!context.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                    await context.HttpContext.Response.WriteAsync("登录尝试过于频繁，请一分钟后再试。Too many sign-in attempts: try again in a minute.", ct);
                    return;
                }
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "请求过于频繁", Detail = "登录尝试过于频繁，请一分钟后再试" },
                });
            };
        });
        return builder;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public sealed record LoginRequest(string UserName, string Password, string? Code = null);

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Accounts");
        api.MapPost("/login", Login).WithSummary("Sign in with a cookie (for the pages and scripts in a browser)").RequireRateLimiting(SignInLimit);
        api.MapPost("/token", CreateToken).WithSummary("Exchange a user name and password for an API token: {token, expiresAt}; send it as 'Authorization: Bearer'")
            .RequireRateLimiting(SignInLimit);
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
            return TypedResults.Ok(new { token = tokens.RequestToken, headerName = tokens.HeaderName });
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
            return TypedResults.Problem(result.IsLockedOut ? "失败次数过多，账号已锁定，请稍后再试" : "用户名或密码错误",
                statusCode: result.IsLockedOut ? StatusCodes.Status423Locked : StatusCodes.Status401Unauthorized, title: "登录失败");
        }
        var created = await tokens.CreateAsync(user!, request.Name ?? "API", request.Days, ct);
        return TypedResults.Ok(new TokenResponse(created.Token, created.ExpiresAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Login(LoginRequest request, SignInManager<AppUser> signIn, AuditLog audit, PingyiDbContext db)
    {
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
        if (result.Succeeded)
        {
            return TypedResults.NoContent();
        }
        return TypedResults.Problem(result.IsLockedOut ? "失败次数过多，账号已锁定，请稍后再试" : "用户名、密码或验证码错误",
            statusCode: result.IsLockedOut ? StatusCodes.Status423Locked : StatusCodes.Status401Unauthorized, title: "登录失败");
    }

    /// <summary>
    /// Creates the roles and, on an empty database, the first administrator bound to the root
    /// organization. The password comes from PINGYI_ADMIN_PASSWORD or is generated and printed once.
    /// </summary>
    public static async Task EnsureAdministratorAsync(IServiceProvider services, IConfiguration configuration, ILogger logger, bool withDemoAccounts = false)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole<long>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<long>(role));
            }
        }
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.Users.AnyAsync())
        {
            return;
        }
        var db = services.GetRequiredService<PingyiDbContext>();
        var root = await db.Organizations.OrderBy(o => o.Depth).ThenBy(o => o.Id).FirstOrDefaultAsync();
        if (root is null)
        {
            return;
        }
        var password = configuration["PINGYI_ADMIN_PASSWORD"];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = "Py-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        }
        var admin = new AppUser { UserName = "admin", DisplayName = "系统管理员", OrganizationId = root.Id, LockoutEnabled = true };
        var created = await users.CreateAsync(admin, password!);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Cannot create the administrator: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRolesAsync(admin, [Roles.SystemAdministrator, Roles.OrganizationDepartment]);
        services.GetRequiredService<AuditLog>().Record("account.create", "Account", admin.Id, root.Path, new { user = "admin", roles = "SystemAdministrator,OrganizationDepartment" });
        await db.SaveChangesAsync();
        var demo = new List<string>();
        if (withDemoAccounts)
        {
            // So a newcomer can try the county as the organization department and as one township sees it.
            foreach (var (userName, display, code, role) in new[]
                     {
                         ("zuzhibu", "县委组织部", (string?)null, Roles.OrganizationDepartment),
                         ("chengguan", "城关镇党委管理员", "T01", Roles.OrganizationAdministrator),
                     })
            {
                var organization = code is null ? root : await db.Organizations.FirstOrDefaultAsync(o => o.Code == code);
                if (organization is null)
                {
                    continue;
                }
                var account = new AppUser { UserName = userName, DisplayName = display, OrganizationId = organization.Id, LockoutEnabled = true };
                if ((await users.CreateAsync(account, password!)).Succeeded)
                {
                    await users.AddToRoleAsync(account, role);
                    services.GetRequiredService<AuditLog>().Record("account.create", "Account", account.Id, organization.Path, new { user = userName, roles = role });
                    demo.Add($"{userName}（{display}）");
                }
            }
            await db.SaveChangesAsync();
        }
        if (generated)
        {
            // Printed once, on the console only, never to the log files.
            Console.WriteLine();
            Console.WriteLine("  管理员账号 / administrator: admin");
            Console.WriteLine($"  初始密码 / password (shown once): {password}");
        }
        if (demo.Count > 0)
        {
            Console.WriteLine($"  演示账号 / demo accounts (same password): {string.Join("、", demo)}");
        }
        Console.WriteLine();
        logger.LogInformation("Administrator account 'admin' created");
    }
}

/// <summary>Adds the account's organization to the sign-in cookie; its path is looked up per request.</summary>
public sealed class ScopeClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole<long>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<long>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Scope.OrganizationClaim, user.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim("pingyi:display", user.DisplayName));
        identity.AddClaim(new Claim(TwoFactor.Claim, user.TwoFactorEnabled ? "1" : "0"));
        return identity;
    }
}
