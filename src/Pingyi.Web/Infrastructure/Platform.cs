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

    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder, IReadOnlyList<PingyiModule> modules)
    {
        builder.Services.AddSingleton(modules);
        RequestCharset.RegisterCodePages();
        builder.AddPingyiData();
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        // Created on first use, so commands that never touch personal data (backup, restore) never create a key.
        services.AddSingleton(_ => PiiProtector.FromConfiguration(builder.Configuration));
        services.AddHttpContextAccessor();
        // Chinese text goes out as text, not as &#x...; entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Sign-in cookies survive restarts and are read by every node: the data-protection keys live in the database.
        services.AddDataProtection().SetApplicationName("Pingyi").PersistKeysToDbContext<PingyiDbContext>();
        services.AddCluster(builder.Configuration);
        services.AddReadReplica(builder.Configuration);
        services.AddPublicCache(builder.Configuration);
        services.AddScoped<Scope>();
        services.AddOptions<PlatformOptions>().Bind(builder.Configuration.GetSection("Platform"))
            .Validate(o => PublicLinks.Parse(o.PublicBaseUrl) is var _, "Platform:PublicBaseUrl").ValidateOnStart();
        services.AddScoped<PublicLinks>();
        services.AddSingleton<FileStore>();
        services.AddSingleton<JobLocks>();
        services.AddProblemDetails();
        services.AddExceptionHandler<RuleViolationHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Pingyi 评议 API";
            document.Info.Description = "基层党建考核问责平台 — organizations, people, imports and exports. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        services.AddPublicLimits(builder.Configuration);
        services.AddTelemetry(builder.Configuration);
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Modules";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Chinese unless the user switches: the browser's language does not decide.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        foreach (var module in modules)
        {
            module.Add(builder);
        }
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app, IReadOnlyList<PingyiModule> modules)
    {
        app.UseCluster(app.Configuration);
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // Only on HTTPS requests (behind TLS), never for localhost.
            app.UseHsts();
        }
        // The API answers problem details (RuleViolationHandler); a page that refuses — a meeting that does not exist or
        // lies outside the caller's scope — shows the error page with the refusal's status, 404 included.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.UseExceptionHandler(new ExceptionHandlerOptions { AllowStatusCode404Response = true }));
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            StatusCodeSelector = e => e is RuleViolation r ? r.StatusCode : e is BadHttpRequestException b ? b.StatusCode
                : DatabaseUnavailable(e) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            AllowStatusCode404Response = true,
        }));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseRequestCharset();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseOutputCache(); // after sign-in is known: signed-in users are never served from the cache
        app.UseAuthorization();
        app.UseAntiforgery();
        foreach (var module in modules)
        {
            module.Use(app);
        }
        app.MapOpenApi().AllowAnonymous();
        // The reference for IT staff: no third-party buttons (API client, developer tools, AI agent, MCP) and no telemetry.
        app.MapScalarApiReference("/api", o =>
        {
            o.WithTitle("Pingyi 评议 API").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts();
            o.HideClientButton = true;
            o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            o.Telemetry = false;
            o.Agent = new ScalarAgentOptions { Disabled = true };
            o.Mcp = new ScalarMcpOptions { Disabled = true };
        }).AllowAnonymous();
        app.MapTelemetry();
        app.MapCspReports();
        app.MapGet("/culture", (string c, string? returnUrl, HttpContext http) =>
        {
            var culture = Cultures.FirstOrDefault(x => x.Name == c) ?? Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorPages();
        foreach (var module in modules)
        {
            module.Map(app);
        }
        return app;
    }

    private sealed class RuleViolationHandler(IProblemDetailsService problems, ILogger<RuleViolationHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            var (status, title) = exception switch
            {
                RuleViolation r => (r.StatusCode, r.StatusCode switch
                {
                    404 => "未找到",
                    403 => "无权操作",
                    422 => "输入有误",
                    _ => "操作被拒绝",
                }),
                BadHttpRequestException b => (b.StatusCode, "请求无效"),
                _ when DatabaseUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "服务暂时不可用"),
                _ => (StatusCodes.Status500InternalServerError, "服务器内部错误"),
            };
            if (!http.Request.Path.StartsWithSegments("/api"))
            {
                // Pages: the middleware shows /Error with the status (ExceptionHandlerOptions.StatusCodeSelector).
                return false;
            }
            if (status == 500)
            {
                // A handled exception is not logged by the framework; an unexpected one must be, with its trace id.
                logger.LogError(exception, "Unhandled error on {Method} {Path} ({TraceId})", http.Request.Method, http.Request.Path, http.TraceIdentifier);
            }
            else if (status == 503)
            {
                logger.LogWarning("Database unavailable on {Method} {Path} ({TraceId}): {Reason}", http.Request.Method, http.Request.Path, http.TraceIdentifier, exception.Message);
                http.Response.Headers.RetryAfter = "5";
            }
            http.Response.StatusCode = status;
            var detail = status switch
            {
                500 => "请稍后重试；如果问题持续，请联系管理员",
                503 => "数据库暂时无法连接，请稍后重试",
                _ => exception.Message,
            };
            if (BrowserNavigation(http.Request))
            {
                // A link to a file the API refuses (a notice a reporter does not get) was opened in a browser: a readable page.
                http.Response.ContentType = "text/html; charset=utf-8";
                var text = System.Net.WebUtility.HtmlEncode(detail);
                await http.Response.WriteAsync($"""
                    <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
                    <link rel="stylesheet" href="/lib/bootstrap/bootstrap.min.css"></head><body class="p-4"><div class="card mx-auto" style="max-width:36rem" id="error-page" data-status="{status}">
                    <div class="card-body"><h1 class="h4">{title}</h1><p>{text}</p><a class="btn btn-primary" href="/">返回首页</a></div></div></body></html>
                    """, ct);
                return true;
            }
            // Failed validation names the field, as ValidationProblem does: {"errors": {"reason": ["退回须说明理由"]}}.
            var problem = status == StatusCodes.Status422UnprocessableEntity
                ? new HttpValidationProblemDetails(exception is RuleViolation { Errors.Count: > 1 } many
                    ? many.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())
                    : new Dictionary<string, string[]> { [(exception as RuleViolation)?.Field ?? string.Empty] = [detail] })
                : new Microsoft.AspNetCore.Mvc.ProblemDetails();
            problem.Status = status;
            problem.Title = title;
            problem.Detail = detail;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, Exception = exception, ProblemDetails = problem });
        }
    }

    /// <summary>
    /// The database could not be reached or gave up for a reason that passes (a failover, a restart, too many connections): the
    /// request may be sent again — 503 with Retry-After, not 500.
    /// </summary>
    internal static bool DatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // Npgsql's own exceptions that are not the server's answer: no connection, a lost one, or only standbys reachable
            // during a failover ("No suitable host was found", which Npgsql does not mark transient).
            if (e is System.Data.Common.DbException { IsTransient: true } or (Npgsql.NpgsqlException and not Npgsql.PostgresException))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A browser opening the address itself (a link, a typed URL), not a script asking for JSON.</summary>
    private static bool BrowserNavigation(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && !request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase);
}

