using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Archives;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Archives;

/// <summary>
/// One quarter's review of an archive (一考双评 of a township's village secretaries, or 季度讲评 of the county's township
/// teams): the meeting of the engine that scores it, its host, and the scheme — the indicator-set version — it used.
/// </summary>
public sealed class ArchiveQuarter
{
    public long Id { get; set; }

    public long MeetingId { get; set; }

    public long HostOrganizationId { get; set; }

    public ArchiveKind Kind { get; set; }

    public int Year { get; set; }

    public int Quarter { get; set; }

    public long SchemeId { get; set; }

    /// <summary>The scheme's name when the quarter started: the version every score of the quarter names.</summary>
    public required string SchemeName { get; set; }
}

/// <summary>
/// A quarter's frozen score of one cadre (a village secretary) or one team (a township committee), written when the
/// quarter's meeting publishes its results: the score, the grade, the position within the host, the version it used and
/// the engine's group-by-group explanation.
/// </summary>
public sealed class ArchiveScore
{
    public long Id { get; set; }

    public long ArchiveQuarterId { get; set; }

    public ArchiveKind Kind { get; set; }

    public int Year { get; set; }

    public int Quarter { get; set; }

    public long HostOrganizationId { get; set; }

    /// <summary>The organization the cadre leads, or the team's own organization.</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    /// <summary>The cadre scored; null for a team.</summary>
    public long? PersonId { get; set; }

    public required string Name { get; set; }

    /// <summary>Null when no group had enough ballots: the quarter is then missing for the year.</summary>
    public decimal? Score { get; set; }

    public Grade? Grade { get; set; }

    public int? Position { get; set; }

    public long SchemeId { get; set; }

    public required string SchemeName { get; set; }

    public required string Explanation { get; set; }

    public long MeetingId { get; set; }
}

/// <summary>The year's rule of a host's archive (年度考核办法): how its quarters make the year.</summary>
public sealed class ArchivePlan
{
    public long Id { get; set; }

    public long HostOrganizationId { get; set; }

    public ArchiveKind Kind { get; set; }

    public int Year { get; set; }

    public YearCombination Combination { get; set; }

    public MissingQuarter Missing { get; set; }

    public ArchiveRules Rules => new(Combination, Missing);
}

internal sealed class ArchiveConfiguration : IEntityTypeConfiguration<ArchiveQuarter>, IEntityTypeConfiguration<ArchiveScore>, IEntityTypeConfiguration<ArchivePlan>
{
    public void Configure(EntityTypeBuilder<ArchiveQuarter> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.SchemeName).HasMaxLength(Scheme.NameMax);
        b.HasIndex(x => x.MeetingId).IsUnique();
        b.HasIndex(x => new { x.HostOrganizationId, x.Kind, x.Year, x.Quarter }).IsUnique();
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.HostOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ArchiveScore> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Grade).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.SchemeName).HasMaxLength(Scheme.NameMax);
        b.Property(x => x.Explanation).HasMaxLength(4000);
        b.HasIndex(x => new { x.Kind, x.Year, x.Quarter });
        b.HasIndex(x => x.PersonId);
        b.HasIndex(x => new { x.ArchiveQuarterId, x.OrganizationId, x.PersonId }).IsUnique();
        b.HasOne<ArchiveQuarter>().WithMany().HasForeignKey(x => x.ArchiveQuarterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ArchivePlan> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Combination).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Missing).HasConversion<string>().HasMaxLength(20);
        b.Ignore(x => x.Rules);
        b.HasIndex(x => new { x.HostOrganizationId, x.Kind, x.Year }).IsUnique();
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.HostOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
