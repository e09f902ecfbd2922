using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>
/// A version of the lists of situations and measures (seed 003: 22 and 10), as the county's document sets them; version 0 is the
/// default of <see cref="Core.Accountability.AccountabilityCatalog"/> and is not stored. A new version replaces both lists for new
/// records; a record keeps the version, numbers and wording it was made under.
/// </summary>
public sealed class AccountabilityList
{
    public const int DocumentMax = 100;

    public long Id { get; set; }

    public int Version { get; set; }

    /// <summary>The document that sets these lists, e.g. "长发〔2026〕8号".</summary>
    public required string Document { get; set; }

    /// <summary>The situations as a JSON array of strings.</summary>
    public required string Situations { get; set; }

    /// <summary>The measures as a JSON array of {name, effectMonths}.</summary>
    public required string Measures { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// An accountability record (问责): a cadre, the situation of "有错无为、不在状态" and the measure taken — each with the list version,
/// number and wording it was decided under — the decision document and date, and the last day of the measure's effect (影响期),
/// which eligibility for selection reads.
/// </summary>
public sealed class AccountabilityRecord
{
    public const int TextMax = 1000;

    public long Id { get; set; }

    public long PersonId { get; set; }

    public People.Person? Person { get; set; }

    /// <summary>The cadre's organization when the record was made; scope and the audit trail follow it.</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public int ListVersion { get; set; }

    public int SituationNumber { get; set; }

    public required string Situation { get; set; }

    public int MeasureNumber { get; set; }

    public required string Measure { get; set; }

    public required string Document { get; set; }

    public required string Facts { get; set; }

    public DateOnly DecidedOn { get; set; }

    /// <summary>The last day of the effect period; null: the measure has none.</summary>
    public DateOnly? EffectUntil { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>What a <see cref="CadreNote"/> records (seed 003's encouragement side).</summary>
public enum CadreNoteKind
{
    /// <summary>提醒谈话: a warning talk, not a measure (66 section-level cadres in seed 003).</summary>
    ReminderTalk = 0,

    /// <summary>澄清正名: a cadre falsely reported is cleared (4 cases in seed 003).</summary>
    Clarification = 1,

    /// <summary>宽容失误: a mistake made in good faith draws no measure; may name the project accountability it covers.</summary>
    ToleratedMistake = 2,
}

/// <summary>
/// A reminder talk, a clarification or a tolerated mistake: who, when, the reasons. A tolerated mistake may cover a project
/// accountability (项目问责) raised automatically by a late milestone; eligibility then no longer counts it.
/// </summary>
public sealed class CadreNote
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    public People.Person? Person { get; set; }

    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public CadreNoteKind Kind { get; set; }

    public DateOnly On { get; set; }

    public required string Reasons { get; set; }

    public long? ProjectAccountabilityId { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class AccountabilityConfiguration : IEntityTypeConfiguration<AccountabilityList>, IEntityTypeConfiguration<AccountabilityRecord>, IEntityTypeConfiguration<CadreNote>
{
    public void Configure(EntityTypeBuilder<AccountabilityList> b)
    {
        b.HasIndex(x => x.Version).IsUnique();
        b.Property(x => x.Document).HasMaxLength(AccountabilityList.DocumentMax);
        b.Property(x => x.UserName).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<AccountabilityRecord> b)
    {
        b.HasIndex(x => new { x.PersonId, x.EffectUntil });
        b.HasIndex(x => x.OrganizationId);
        b.Property(x => x.Situation).HasMaxLength(Core.Accountability.AccountabilityCatalog.ItemMax);
        b.Property(x => x.Measure).HasMaxLength(Core.Accountability.AccountabilityCatalog.ItemMax);
        b.Property(x => x.Document).HasMaxLength(AccountabilityList.DocumentMax);
        b.Property(x => x.Facts).HasMaxLength(AccountabilityRecord.TextMax);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CadreNote> b)
    {
        b.HasIndex(x => new { x.PersonId, x.Kind });
        b.HasIndex(x => x.OrganizationId);
        b.HasIndex(x => x.ProjectAccountabilityId);
        b.Property(x => x.Reasons).HasMaxLength(AccountabilityRecord.TextMax);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
