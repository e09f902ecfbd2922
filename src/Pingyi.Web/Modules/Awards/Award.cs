using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Awards;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Awards;

/// <summary>
/// A year's award (评先选优 项目), e.g. 2026 年度优秀共产党员: conferred by an organization (the county committee) on
/// organizations or persons of its subtree, with a quota (名额) and the eligibility conditions asked of every nominee.
/// </summary>
public sealed class Award
{
    public const int NameMax = 100;

    public long Id { get; set; }

    public int Year { get; set; }

    public required string Name { get; set; }

    public AwardSubject Subject { get; set; }

    public int Quota { get; set; }

    public EligibilityRules Rules { get; set; }

    /// <summary>The conferring organization: nominees come from its subtree, and the decision is issued under its issuer.</summary>
    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public AwardStage Stage { get; set; }

    public DateOnly? PublicityFrom { get; set; }

    public DateOnly? PublicityUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ApprovedAt { get; set; }

    public DateTime? PublishedAt { get; set; }
}

/// <summary>
/// A nomination (提名) for an award: the organization, or the person with their organization at the time, the deeds
/// (主要事迹), who nominated it, and its review; once its award is published a recommended nomination is an award in the
/// nominee's record.
/// </summary>
public sealed class AwardNomination
{
    public const int DeedsMax = 2000;
    public const int ReasonMax = 1000;

    public long Id { get; set; }

    public long AwardId { get; set; }

    public Award? Award { get; set; }

    /// <summary>The organization nominated, or the nominated person's organization when nominated.</summary>
    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public long? PersonId { get; set; }

    /// <summary>The person's name as it was when nominated (the public lists show name and organization, nothing more).</summary>
    public string? PersonName { get; set; }

    /// <summary>"o:{organization}" or "p:{person}": one nomination per nominee and award.</summary>
    public required string NomineeKey { get; set; }

    public required string Deeds { get; set; }

    public NominationState State { get; set; }

    /// <summary>Why it was turned down or withdrawn.</summary>
    public string? Reason { get; set; }

    public required string NominatedBy { get; set; }

    public DateTime NominatedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedAt { get; set; }
}

/// <summary>An objection (异议) received during the publicity of a nomination, and what its check found.</summary>
public sealed class AwardObjection
{
    public const int TextMax = 2000;

    public long Id { get; set; }

    public long NominationId { get; set; }

    public AwardNomination? Nomination { get; set; }

    public required string Text { get; set; }

    public DateOnly ReceivedOn { get; set; }

    public required string RecordedBy { get; set; }

    /// <summary>Null while being checked; true when found true (the nomination is withdrawn), false when not.</summary>
    public bool? Upheld { get; set; }

    public string? Finding { get; set; }

    public string? ResolvedBy { get; set; }

    public DateTime? ResolvedAt { get; set; }
}

internal sealed class AwardConfiguration : IEntityTypeConfiguration<Award>
{
    public void Configure(EntityTypeBuilder<Award> b)
    {
        b.Property(x => x.Name).HasMaxLength(Award.NameMax);
        b.Property(x => x.Subject).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.Year, x.Name }).IsUnique();
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AwardNominationConfiguration : IEntityTypeConfiguration<AwardNomination>
{
    public void Configure(EntityTypeBuilder<AwardNomination> b)
    {
        b.Property(x => x.PersonName).HasMaxLength(People.Person.NameMax);
        b.Property(x => x.NomineeKey).HasMaxLength(40);
        b.Property(x => x.Deeds).HasMaxLength(AwardNomination.DeedsMax);
        b.Property(x => x.Reason).HasMaxLength(AwardNomination.ReasonMax);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.NominatedBy).HasMaxLength(256);
        b.Property(x => x.ReviewedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.AwardId, x.NomineeKey }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
        b.HasIndex(x => x.PersonId);
        b.HasOne(x => x.Award).WithMany().HasForeignKey(x => x.AwardId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AwardObjectionConfiguration : IEntityTypeConfiguration<AwardObjection>
{
    public void Configure(EntityTypeBuilder<AwardObjection> b)
    {
        b.Property(x => x.Text).HasMaxLength(AwardObjection.TextMax);
        b.Property(x => x.Finding).HasMaxLength(AwardObjection.TextMax);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.Property(x => x.ResolvedBy).HasMaxLength(256);
        b.HasIndex(x => x.NominationId);
        b.HasOne(x => x.Nomination).WithMany().HasForeignKey(x => x.NominationId).OnDelete(DeleteBehavior.Restrict);
    }
}
