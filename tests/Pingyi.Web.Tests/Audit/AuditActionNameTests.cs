using System.Text.RegularExpressions;
using Pingyi.Core.Ledger;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Audit;

/// <summary>The audit page names every action in Chinese: an action recorded in code without a name fails here.</summary>
public sealed partial class AuditActionNameTests
{
    [Fact]
    public void EveryActionRecordedInCode_HasAChineseName()
    {
        var source = Path.Combine(Repository.Root, "src");
        var families = AuditActionNames.Named.Select(a => a.Split('.')[0]).ToHashSet();
        var used = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith("AuditActionNames.cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Where(l => l.Contains("Record(", StringComparison.Ordinal) || l.Contains("? \"", StringComparison.Ordinal)))
            .SelectMany(l => ActionLiteral().Matches(l).Select(m => m.Groups[1].Value))
            .Where(a => families.Contains(a.Split('.')[0]) && !a.EndsWith('.'))
            .ToHashSet();
        // "ledger." + the action: each value of the enumeration.
        used.UnionWith(Enum.GetValues<LedgerAction>().Select(a => "ledger." + a.ToString().ToLowerInvariant()));

        Assert.True(used.Count > 40, $"found only {used.Count} actions: the scan is broken");
        Assert.Empty(used.Where(a => AuditActionNames.Chinese(a) == a).Order());
    }

    [GeneratedRegex("\"([a-z0-9]+(?:\\.[a-z0-9-]+)+\\.?)\"")]
    private static partial Regex ActionLiteral();
}
