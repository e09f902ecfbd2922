using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Grading;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Grading;

/// <summary>
/// The published grade of an organization for a year (定级结果), frozen when the year was graded: the composite, the
/// grade, the position, the 示范 mark, why the grade differs from the score's, the parts and the scheme version. A
/// later change during the year (动态升降级) changes <see cref="Grade"/> and is a <see cref="GradeEvent"/>.
/// </summary>
public sealed class GradeResult
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public int SchemeVersion { get; set; }

    /// <summary>Out of 100; null when no input counted (graded by a veto alone, or not graded).</summary>
    public decimal? Composite { get; set; }

    public OrganizationGrade Grade { get; set; }

    /// <summary>The grade as published, before any change during the year.</summary>
    public OrganizationGrade PublishedGrade { get; set; }

    public OrganizationGrade? ScoreGrade { get; set; }

    public int? Position { get; set; }

    /// <summary>How many were graded with it (the denominator of the position).</summary>
    public int Graded { get; set; }

    public bool Exemplary { get; set; }

    public GradeFlags Flags { get; set; }

    public string? VetoReason { get; set; }

    /// <summary>The means and counts of the three inputs, as "monthly=82.5/12/counted;…".</summary>
    public required string Parts { get; set; }

    /// <summary>Last year's grade, when it had one: the upgrade or downgrade.</summary>
    public OrganizationGrade? PreviousGrade { get; set; }

    public DateTime PublishedAt { get; set; }
}

/// <summary>A change of a published grade: the publication itself or a change during the year (动态升级 / 降级), with the reason.</summary>
public sealed class GradeEvent
{
    public const int ReasonMax = 1000;

    public long Id { get; set; }

    public long GradeResultId { get; set; }

    public OrganizationGrade? FromGrade { get; set; }

    public OrganizationGrade ToGrade { get; set; }

    public string? Reason { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A measure of a lagging organization's conversion plan (整顿转化): a ledger item, tracked there to close-out.</summary>
public sealed class ConversionMeasure
{
    public long Id { get; set; }

    public long GradeResultId { get; set; }

    public long LedgerItemId { get; set; }

    public Ledger.LedgerItem? LedgerItem { get; set; }
}

internal sealed class GradeResultConfiguration : IEntityTypeConfiguration<GradeResult>, IEntityTypeConfiguration<GradeEvent>, IEntityTypeConfiguration<ConversionMeasure>
{
    public void Configure(EntityTypeBuilder<GradeResult> b)
    {
        b.Property(x => x.Grade).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.PublishedGrade).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ScoreGrade).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.PreviousGrade).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Composite).HasPrecision(5, 2);
        b.Property(x => x.VetoReason).HasMaxLength(GradingVeto.ReasonMax);
        b.Property(x => x.Parts).HasMaxLength(600);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId);
        b.HasIndex(x => new { x.Year, x.OrganizationId }).IsUnique();
        b.HasIndex(x => new { x.OrganizationId, x.Year });
    }

    public void Configure(EntityTypeBuilder<GradeEvent> b)
    {
        b.Property(x => x.FromGrade).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ToGrade).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Reason).HasMaxLength(GradeEvent.ReasonMax);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.HasOne<GradeResult>().WithMany().HasForeignKey(x => x.GradeResultId);
        b.HasIndex(x => x.GradeResultId);
    }

    public void Configure(EntityTypeBuilder<ConversionMeasure> b)
    {
        b.HasOne<GradeResult>().WithMany().HasForeignKey(x => x.GradeResultId);
        b.HasOne(x => x.LedgerItem).WithMany().HasForeignKey(x => x.LedgerItemId);
        b.HasIndex(x => x.GradeResultId);
        b.HasIndex(x => x.LedgerItemId).IsUnique();
    }
}
