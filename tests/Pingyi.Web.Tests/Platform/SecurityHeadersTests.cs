using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// The secure headers on pages, API answers and error pages; HSTS behind TLS only; and no page source that the policy would
/// break: no inline event handler, no inline script, no javascript: link, no form that opts out of the antiforgery token.
/// </summary>
public sealed partial class SecurityHeadersTests
{
    [Fact]
    public async Task ViolationReports_AreLoggedWithoutTheQueryString_AndAnythingElseIsRefused()
    {
        var capture = new LogCapture();
        await using var app = await TestApp.CreateAsync("Sqlite", services: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(capture));
        var browser = app.CreateClient();
        const string idNumber = "410326199003154417";
        HttpContent Body(string json, string type) => new StringContent(json, System.Text.Encoding.UTF8, type);

        var page = await browser.GetAsync("/Accounts/Login");
        var legacy = await browser.PostAsync("/api/v1/csp-reports", Body($$$"""
            {"csp-report": {"document-uri": "http://localhost/People?q={{{idNumber}}}", "violated-directive": "script-src-elem",
             "effective-directive": "script-src-elem", "blocked-uri": "https://cdn.example.com/x.js?k=1", "source-file": "http://localhost/js/forms.js?v=3", "line-number": 12}}
            """, "application/csp-report"));
        var reportingApi = await browser.PostAsync("/api/v1/csp-reports", Body("""
            [{"type": "csp-violation", "url": "http://localhost/b?code=ABCD1234", "body": {"documentURL": "http://localhost/b?code=ABCD1234",
              "effectiveDirective": "script-src-elem", "blockedURL": "inline", "sourceFile": "http://localhost/b", "lineNumber": 3}}]
            """, "application/reports+json"));
        var notAReport = await browser.PostAsync("/api/v1/csp-reports", Body("""{"hello": 1}""", "application/json"));
        var broken = await browser.PostAsync("/api/v1/csp-reports", Body("{\"csp-report\": ", "application/csp-report"));
        var huge = await browser.PostAsync("/api/v1/csp-reports", Body("[" + string.Join(',', Enumerable.Repeat("{\"body\":{}}", 10_000)) + "]", "application/reports+json"));

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("report-uri /api/v1/csp-reports", policy);
        Assert.Contains("report-to csp", policy);
        Assert.Equal("csp=\"/api/v1/csp-reports\"", page.Headers.GetValues("Reporting-Endpoints").Single());
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (legacy.StatusCode, reportingApi.StatusCode));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge), (notAReport.StatusCode, broken.StatusCode, huge.StatusCode));
        var logged = capture.Lines.Where(l => l.Contains("Content-Security-Policy blocked", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, logged.Count);
        Assert.Contains(logged, l => l.Contains("script-src-elem on /People: https://cdn.example.com (from /js/forms.js:12)", StringComparison.Ordinal));
        Assert.Contains(logged, l => l.Contains("script-src-elem on /b: inline (from /b:3)", StringComparison.Ordinal));
        Assert.DoesNotContain(capture.Lines, l => l.Contains(idNumber, StringComparison.Ordinal) || l.Contains("ABCD1234", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PagesApiAndErrors_CarryThePolicy_AndHstsOnlyOverHttps()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var overTls = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://pingyi.example.gov.cn") });

        foreach (var response in new[]
                 {
                     await admin.GetAsync("/"), await admin.GetAsync("/api/v1/organizations"), await admin.GetAsync("/Organizations/Details/999999"),
                     await app.CreateClient().GetAsync("/Accounts/Login"), await app.CreateClient().GetAsync("/api/v1/people"),
                 })
        {
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self';", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP");
        }
        var secure = await overTls.GetAsync("/Accounts/Login");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=", secure.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public void NoPage_HasInlineScript_OrAFormWithoutTheAntiforgeryToken()
    {
        var modules = Path.Combine(Repository.Root, "src", "Pingyi.Web", "Modules");
        var findings = new List<string>();
        foreach (var file in Directory.EnumerateFiles(modules, "*.cshtml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var name = Path.GetRelativePath(modules, file);
            findings.AddRange(InlineHandler().Matches(text).Select(m => $"{name}: {m.Value}"));
            findings.AddRange(InlineScript().Matches(text).Select(m => $"{name}: {m.Value}"));
            findings.AddRange(ScriptLink().Matches(text).Select(m => $"{name}: {m.Value}"));
            findings.AddRange(NoAntiforgery().Matches(text).Select(m => $"{name}: {m.Value}"));
        }
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [GeneratedRegex(@"\son[a-z]+\s*=\s*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)(?![^>]*type=""application/(ld\+)?json"")[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptLink();

    [GeneratedRegex(@"asp-antiforgery\s*=\s*""false""", RegexOptions.IgnoreCase)]
    private static partial Regex NoAntiforgery();
}
