using System.Net;
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
