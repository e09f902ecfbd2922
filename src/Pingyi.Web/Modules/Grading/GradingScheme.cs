using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Grading;

namespace Pingyi.Web.Modules.Grading;

/// <summary>
/// One version of the grading scheme (定级方案): the standards (五好) and the rules. A version never changes; a new one
/// is written beside it, and every published grade names the version it used (seed 003 cut 54 items to 38).
/// </summary>
public sealed class GradingScheme
{
    public const int NameMax = 100;

    public const int NoteMax = 1000;

    public long Id { get; set; }

    /// <summary>1, 2, 3… in the order written.</summary>
    public int Version { get; set; }

    public required string Name { get; set; }

    /// <summary>What changed against the version before.</summary>
    public string? Note { get; set; }

    public required string RulesJson { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public GradingRules Rules => JsonSerializer.Deserialize<GradingRules>(RulesJson, Json)!;

    public static string Serialize(GradingRules rules) => JsonSerializer.Serialize(rules, Json);
}

internal sealed class GradingSchemeConfiguration : IEntityTypeConfiguration<GradingScheme>
{
    public void Configure(EntityTypeBuilder<GradingScheme> b)
    {
        b.Property(x => x.Name).HasMaxLength(GradingScheme.NameMax);
        b.Property(x => x.Note).HasMaxLength(GradingScheme.NoteMax);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.HasIndex(x => x.Version).IsUnique();
        b.Ignore(x => x.Rules);
    }
}
