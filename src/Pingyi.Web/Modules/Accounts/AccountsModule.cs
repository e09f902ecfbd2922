using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Accounts;

/// <summary>Accounts: sign-in (cookie or API token), two-factor sign-in, lockout and rate limits, account administration within scope.</summary>
public sealed class AccountsModule : PingyiModule
{
    public const string CookieOrToken = "CookieOrToken";
    public const string SignInLimit = "signin";

    public override void Add(IHostApplicationBuilder builder)
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
        builder.Services.AddAuthorization(Policies.Register);
        builder.Services.AddScoped<ApiTokens>();
        builder.Services.AddScoped<TwoFactor>();
        var attempts = builder.Configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
        builder.Services.AddScoped<AccountAdministration>();
        builder.Services.AddScoped<CreateAccountHandler>();
        builder.Services.AddScoped<UpdateAccountHandler>();
        builder.Services.AddScoped<LockAccountHandler>();
        builder.Services.AddScoped<ResetPasswordHandler>();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
        {
            o.Conventions.AllowAnonymousToPage("/Accounts/Login");
            o.Conventions.AllowAnonymousToPage("/Accounts/LoginCode");
        });
        builder.Services.AddRateLimiter(o =>
        {
            // Sign-in and token requests per client address; pages and reads are not limited.
            o.AddPolicy(SignInLimit, ctx => HttpMethods.IsPost(ctx.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = attempts, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
            o.OnRejected = async (context, ct) =>
            {
                // Sign-in has its own sentence; the other public endpoints (PublicLimits) a general one.
                var signIn = context.HttpContext.Request.Path.StartsWithSegments("/api/v1/auth") || context.HttpContext.Request.Path.StartsWithSegments("/Accounts");
                var detail = signIn ? "登录尝试过于频繁，请一分钟后再试" : "请求过于频繁，请一分钟后再试";
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = "60";
                if (!context.HttpContext.Request.Path.StartsWithSegments("/api") && !context.HttpContext.Request.Path.StartsWithSegments("/open311"))
                {
                    context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                    await context.HttpContext.Response.WriteAsync(signIn
                        ? "登录尝试过于频繁，请一分钟后再试。Too many sign-in attempts: try again in a minute."
                        : "请求过于频繁，请一分钟后再试。Too many requests: try again in a minute.", ct);
                    return;
                }
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "请求过于频繁", Detail = detail },
                });
            };
        });
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


    public override void Use(WebApplication app)
    {
        // Where the deployment requires it, an administrator without two-factor sign-in may do nothing
        // but set it up (or sign out).
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true && user.FindFirst(TwoFactor.Claim)?.Value == "0"
                && !context.Request.Path.StartsWithSegments("/Accounts/TwoFactor") && !context.Request.Path.StartsWithSegments("/Accounts/Logout")
                && !context.Request.Path.StartsWithSegments("/api/v1/auth") && !context.Request.Path.StartsWithSegments("/lib")
                && !context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js")
                && context.RequestServices.GetRequiredService<TwoFactor>().RequiredFor(user))
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails = { Status = 403, Title = "需要两步验证", Detail = "本系统要求管理员账号开启两步验证：请先在“两步验证”页面完成设置" },
                    });
                    return;
                }
                context.Response.Redirect("/Accounts/TwoFactor");
                return;
            }
            await next(context);
        });
        // Cross-site request forgery needs a cookie the browser sends by itself; a bearer token is never
        // sent that way, so requests authenticated by one skip the form token.
        app.Use((context, next) =>
        {
            if (context.User.Identity?.AuthenticationType == ApiTokenHandler.SchemeName)
            {
                context.Features.Set<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>(BearerAntiforgery.Instance);
            }
            return next(context);
        });
    }

    public override void Map(IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapAccountAdministrationApi();
    }

    public override IEnumerable<CommandVerb> Verbs =>
    [
        new("token create", "token create --user NAME [--days N] [--name LABEL]", async c =>
        {
            var userName = c.Configuration["user"];
            var tokenUser = userName is null ? null : await c.Services.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName);
            if (tokenUser is null)
            {
                Console.Error.WriteLine("usage: pingyi token create --user NAME [--days N] [--name LABEL] (the user must exist)");
                Environment.ExitCode = 1;
                return;
            }
            var created = await c.Services.GetRequiredService<ApiTokens>()
                .CreateAsync(tokenUser, c.Configuration["name"] ?? "CLI", int.TryParse(c.Configuration["days"], out var days) ? days : null);
            Console.WriteLine(created.Token);
            Console.Error.WriteLine($"Token for {userName}, expires {created.ExpiresAt:yyyy-MM-dd HH:mm} UTC. It is shown once; only its hash is stored.");
        }),
    ];

    public override Task PrepareAsync(IServiceProvider services, IConfiguration configuration, ILogger logger) =>
        AccountSeeding.EnsureAdministratorAsync(services, configuration, logger);

    private sealed class BearerAntiforgery : Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature
    {
        public static readonly BearerAntiforgery Instance = new();

        public bool IsValid => true;

        public Exception? Error => null;
    }
}
