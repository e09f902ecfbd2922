using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Modules.Audit;
using Scalar.AspNetCore;

namespace Pingyi.Web.Infrastructure;

/// <summary>The cross-cutting parts every module relies on: data, personal-data key, culture, errors, API docs.</summary>
public static class Platform
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static IHostApplicationBuilder AddPingyiPlatform(this IHostApplicationBuilder builder)
    {
        builder.AddPingyiData();
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        // Created on first use, so commands that never touch personal data (backup, restore) never create a key.
        services.AddSingleton(_ => PiiProtector.FromConfiguration(builder.Configuration));
        services.AddHttpContextAccessor();
        // Chinese text goes out as text, not as &#x...; entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Sign-in cookies survive restarts: the data-protection keys live beside the database.
        services.AddDataProtection().SetApplicationName("Pingyi")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(builder.Configuration.DataDirectory(), "keys", "data-protection")));
        services.AddScoped<Scope>();
        services.AddScoped<AuditLog>();
        services.AddSingleton<FileStore>();
        services.AddProblemDetails();
        services.AddExceptionHandler<RuleViolationHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Pingyi 评议 API";
            document.Info.Description = "基层党建考核问责平台 — organizations, people, imports and exports. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Modules";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Accounts/Login");
            o.Conventions.AllowAnonymousToPage("/Accounts/LoginCode");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Chinese unless the user switches: the browser's language does not decide.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UsePingyiPlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // Where the deployment requires it, an administrator without two-factor sign-in may do nothing
        // but set it up (or sign out).
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true && user.FindFirst(Modules.Accounts.TwoFactor.Claim)?.Value == "0"
                && !context.Request.Path.StartsWithSegments("/Accounts/TwoFactor") && !context.Request.Path.StartsWithSegments("/Accounts/Logout")
                && !context.Request.Path.StartsWithSegments("/api/v1/auth") && !context.Request.Path.StartsWithSegments("/lib")
                && !context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js")
                && context.RequestServices.GetRequiredService<Modules.Accounts.TwoFactor>().RequiredFor(user))
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
            if (context.User.Identity?.AuthenticationType == Modules.Accounts.ApiTokenHandler.SchemeName)
            {
                context.Features.Set<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>(BearerAntiforgery.Instance);
            }
            return next(context);
        });
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api", o => o.WithTitle("Pingyi 评议 API").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts()).AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapGet("/culture", (string c, string? returnUrl, HttpContext http) =>
        {
            var culture = Cultures.FirstOrDefault(x => x.Name == c) ?? Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    private sealed class BearerAntiforgery : Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature
    {
        public static readonly BearerAntiforgery Instance = new();

        public bool IsValid => true;

        public Exception? Error => null;
    }

    private sealed class RuleViolationHandler(IProblemDetailsService problems, ILogger<RuleViolationHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            var (status, title) = exception switch
            {
                RuleViolation r => (r.StatusCode, r.StatusCode switch { 404 => "未找到", 400 => "请求无效", _ => "操作被拒绝" }),
                BadHttpRequestException b => (b.StatusCode, "请求无效"),
                _ => (StatusCodes.Status500InternalServerError, "服务器内部错误"),
            };
            if (status == 500 && !http.Request.Path.StartsWithSegments("/api"))
            {
                return false;
            }
            if (status == 500)
            {
                // A handled exception is not logged by the framework; an unexpected one must be, with its trace id.
                logger.LogError(exception, "Unhandled error on {Method} {Path} ({TraceId})", http.Request.Method, http.Request.Path, http.TraceIdentifier);
            }
            http.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = { Status = status, Title = title, Detail = status == 500 ? "请稍后重试；如果问题持续，请联系管理员" : exception.Message },
            });
        }
    }

    private sealed class DatabaseHealthCheck(PingyiDbContext db) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
    {
        public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken ct = default) =>
            await db.Database.CanConnectAsync(ct)
                ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
                : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database unreachable");
    }
}

/// <summary>
/// The command line: an optional verb with its positional arguments ("backup /path/file.db"), then
/// options for the host ("--urls …", "--Data:Directory …"). Only the options reach the configuration,
/// which would otherwise read a path such as "/path/file.db" as a switch.
/// </summary>
public sealed record CommandLine(string[] Verb, string[] HostArgs)
{
    public static CommandLine Parse(string[] args)
    {
        var verb = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        return new CommandLine(verb, args[verb.Length..]);
    }
}

/// <summary>Startup work and the command-line verbs: migrate, demo, audit verify, backup, restore.</summary>
public static class Startup
{
    /// <summary>Runs a verb if the command line names one; true when the process should exit afterwards.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, CommandLine command)
    {
        var args = command.Verb;
        if (args.Length == 0)
        {
            return false;
        }
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        switch (args[0])
        {
            case "audit" when args.Length > 1 && args[1] == "verify":
                var verification = await Modules.Audit.AuditChain.VerifyAsync(db);
                Console.WriteLine(verification.Valid
                    ? $"Audit trail valid: {verification.Entries} entries."
                    : $"Audit trail BROKEN at entry {verification.FirstBrokenId} (after {verification.Entries - 1} valid entries).");
                Environment.ExitCode = verification.Valid ? 0 : 1;
                return true;
            case "backup":
                return Backup.Run(app.Configuration, args);
            case "recount":
                return Modules.Meetings.Recount.Run(args);
            case "restore":
                return Backup.Restore(app.Configuration, args);
            case "token" when args.Length > 1 && args[1] == "create":
                var userName = app.Configuration["user"];
                var tokenUser = userName is null ? null : await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Modules.Accounts.AppUser>>().FindByNameAsync(userName);
                if (tokenUser is null)
                {
                    Console.Error.WriteLine("usage: pingyi token create --user NAME [--days N] [--name LABEL] (the user must exist)");
                    Environment.ExitCode = 1;
                    return true;
                }
                var created = await scope.ServiceProvider.GetRequiredService<Modules.Accounts.ApiTokens>()
                    .CreateAsync(tokenUser, app.Configuration["name"] ?? "CLI", int.TryParse(app.Configuration["days"], out var days) ? days : null);
                Console.WriteLine(created.Token);
                Console.Error.WriteLine($"Token for {userName}, expires {created.ExpiresAt:yyyy-MM-dd HH:mm} UTC. It is shown once; only its hash is stored.");
                return true;
            case "migrate":
                await db.MigrateAsync();
                Console.WriteLine($"Migrations applied ({app.Configuration.Provider()}).");
                return true;
            case "demo":
                await db.MigrateAsync();
                var seed = int.TryParse(app.Configuration["seed"], out var s) ? s : 1;
                var members = int.TryParse(app.Configuration["members"], out var m) ? m : 20_000;
                scope.ServiceProvider.GetRequiredService<Scope>().UseWholeTree();
                try
                {
                    var result = await scope.ServiceProvider.GetRequiredService<Modules.Demo.DemoCounty>().GenerateAsync(new(seed, members));
                    var items = int.TryParse(app.Configuration["ledger"], out var l) ? l : 800;
                    await scope.ServiceProvider.GetRequiredService<Modules.Demo.DemoLedger>().GenerateAsync(items, seed);
                    await scope.ServiceProvider.GetRequiredService<Modules.Demo.DemoMeeting>().GenerateAsync();
                    Console.WriteLine($"Demo county loaded: {result.Organizations} organizations, {result.People} people, {items} ledger items (seed {seed}).");
                }
                catch (RuleViolation e)
                {
                    Console.Error.WriteLine(e.Message);
                    Environment.ExitCode = 1;
                    return true;
                }
                await Modules.Accounts.AccountServices.EnsureAdministratorAsync(scope.ServiceProvider, app.Configuration, app.Logger, withDemoAccounts: true);
                return true;
            default:
                Console.Error.WriteLine($"Unknown command '{args[0]}'. Commands: migrate, demo [--seed N] [--members N] [--ledger N], audit verify, backup FILE, restore FILE, token create --user NAME, recount FILE; no command runs the web server.");
                Environment.ExitCode = 2;
                return true;
        }
    }

    /// <summary>Migrates (unless Database:MigrateOnStartup=false), loads the demo county into an empty database, creates the administrator.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PingyiDbContext>();
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await db.MigrateAsync();
        }
        var demo = false;
        if (app.Configuration.GetValue("Demo:SeedOnFirstRun", true) && !await db.Organizations.AnyAsync())
        {
            demo = true;
            Console.WriteLine("Empty database: loading the demo county (about 20,000 members)…");
            services.GetRequiredService<Scope>().UseWholeTree();
            var result = await services.GetRequiredService<Modules.Demo.DemoCounty>().GenerateAsync(new());
            var items = await services.GetRequiredService<Modules.Demo.DemoLedger>().GenerateAsync(800);
            await services.GetRequiredService<Modules.Demo.DemoMeeting>().GenerateAsync();
            Console.WriteLine($"Demo county loaded: {result.Organizations} organizations, {result.People} people, {items} ledger items.");
        }
        await Modules.Accounts.AccountServices.EnsureAdministratorAsync(services, app.Configuration, app.Logger, withDemoAccounts: demo);
    }
}
