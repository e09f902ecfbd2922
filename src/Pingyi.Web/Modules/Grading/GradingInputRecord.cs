using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Grading;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Grading;

/// <summary>
/// One input of an organization's year (月评, 季度自评 or 年度考核): its score out of 100, the points per standard when the
/// sheet gave them, and a note on the evidence. One per organization, year, kind and period; a correction replaces it.
/// </summary>
public sealed class GradingInputRecord
{
    public const int NoteMax = 1000;

    public long Id { get; set; }

    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public int Year { get; set; }

    public GradingInputKind Kind { get; set; }

    /// <summary>The month (1–12), quarter (1–4) or 1 for the annual assessment.</summary>
    public int Period { get; set; }

    public decimal Score { get; set; }

    /// <summary>The points per standard as "key=points;…", when the indicator sheet gave them.</summary>
    public string? Points { get; set; }

    public string? Note { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A veto condition (一票否决) of an organization's year: it is graded 后进 whatever its score, with the reason.</summary>
public sealed class GradingVeto
{
    public const int ReasonMax = 500;

    public long Id { get; set; }

    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public int Year { get; set; }

    public required string Reason { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

internal sealed class GradingInputConfiguration : IEntityTypeConfiguration<GradingInputRecord>, IEntityTypeConfiguration<GradingVeto>
{
    public void Configure(EntityTypeBuilder<GradingInputRecord> b)
    {
        b.ToTable("GradingInputs");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Score).HasPrecision(5, 2);
        b.Property(x => x.Points).HasMaxLength(1000);
        b.Property(x => x.Note).HasMaxLength(GradingInputRecord.NoteMax);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId);
        b.HasIndex(x => new { x.Year, x.OrganizationId, x.Kind, x.Period }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<GradingVeto> b)
    {
        b.Property(x => x.Reason).HasMaxLength(GradingVeto.ReasonMax);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId);
        b.HasIndex(x => new { x.Year, x.OrganizationId });
    }
}
