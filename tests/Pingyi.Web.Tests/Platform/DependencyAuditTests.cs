using System.Text.Json;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>No NuGet package of the solution, direct or transitive, has a known vulnerability in the package source's advisory data.</summary>
public sealed class DependencyAuditTests
{
    [Fact]
    public async Task NoPackage_HasAKnownVulnerability()
    {
        var root = Repository.Root;
        var (exitCode, output, errors) = await Support.Processes.RunAsync("dotnet",
            ["list", Path.Combine(root, "Pingyi.slnx"), "package", "--vulnerable", "--include-transitive", "--format", "json"], root);

        Assert.True(exitCode == 0, output + errors);
        using var report = JsonDocument.Parse(output);
        var projects = report.RootElement.GetProperty("projects").EnumerateArray().ToList();
        var vulnerable = (
            from project in projects
            where project.TryGetProperty("frameworks", out _)
            from framework in project.GetProperty("frameworks").EnumerateArray()
            from kind in new[] { "topLevelPackages", "transitivePackages" }
            where framework.TryGetProperty(kind, out _)
            from package in framework.GetProperty(kind).EnumerateArray()
            where package.TryGetProperty("vulnerabilities", out _)
            select $"{Path.GetFileName(project.GetProperty("path").GetString())}: {package.GetProperty("id").GetString()} {package.GetProperty("resolvedVersion").GetString()} — "
                + string.Join("; ", package.GetProperty("vulnerabilities").EnumerateArray().Select(v => v.GetProperty("severity").GetString() + " " + v.GetProperty("advisoryurl").GetString()))).ToList();

        Assert.NotEmpty(report.RootElement.GetProperty("sources").EnumerateArray());
        Assert.Equal(Directory.GetFiles(root, "*.csproj", SearchOption.AllDirectories).Count(f => !f.Contains("/bin/") && !f.Contains("/obj/") && !f.Contains("node_modules")), projects.Count);
        Assert.True(vulnerable.Count == 0, string.Join("\n", vulnerable));
    }
}
