using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Commitments;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>Whose commitment: a party organization's (组织承诺) or a member's (党员承诺).</summary>
public enum CommitmentOwner
{
    Organization,
    Member,
}

/// <summary>
/// A public commitment (承诺) of an organization or a member for a year or a term, with measurable items; its lifecycle
/// is <see cref="CommitmentWorkflow"/>. The superior organization (the owner organization's parent) approves, publishes
/// and closes it out.
/// </summary>
public sealed class Commitment
{
    public const int TitleMax = 200;

    public const int ReasonMax = 2000;

    public long Id { get; set; }

    public CommitmentOwner Owner { get; set; }

    /// <summary>The organization the commitment belongs to; for a member's, the member's organization.</summary>
    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    /// <summary>The member, for a member's commitment.</summary>
    public long? PersonId { get; set; }

    /// <summary>The member's name as it was when the commitment was made (shown on the public board with the branch).</summary>
    public string? PersonName { get; set; }

    /// <summary>The organization that approves, publishes and closes it: the owner organization's parent.</summary>
    public long SupervisingOrganizationId { get; set; }

    /// <summary>The year of a yearly commitment, or the first year of a term commitment (任期承诺).</summary>
    public int Year { get; set; }

    /// <summary>The last year of a term commitment; null for a yearly one.</summary>
    public int? TermEndYear { get; set; }

    public required string Title { get; set; }

    public CommitmentState State { get; set; }

    /// <summary>Why it was last sent back, or closed as not fulfilled.</summary>
    public string? Reason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public List<CommitmentItem> Items { get; set; } = [];
}

/// <summary>One measurable item of a commitment: a target, its category, a deadline, an optional weight and its progress.</summary>
public sealed class CommitmentItem
{
    public const int TargetMax = 1000;

    public const int CategoryMax = 50;

    public const int NoteMax = 2000;

    public long Id { get; set; }

    public long CommitmentId { get; set; }

    public int Order { get; set; }

    /// <summary>The measurable target (承诺事项及目标).</summary>
    public required string Target { get; set; }

    public required string Category { get; set; }

    public DateOnly Deadline { get; set; }

    public decimal? Weight { get; set; }

    /// <summary>0–100, as last reported.</summary>
    public int Progress { get; set; }

    public string? ProgressNote { get; set; }

    /// <summary>When the overdue job told both sides that the item is past its deadline short of 100%.</summary>
    public DateTime? OverdueMarkedAt { get; set; }
}

/// <summary>One change of a commitment: a step of its lifecycle, or progress on an item.</summary>
public sealed class CommitmentEvent
{
    public long Id { get; set; }

    public long CommitmentId { get; set; }

    public long? ItemId { get; set; }

    public required string Kind { get; set; }

    public CommitmentState? FromState { get; set; }

    public CommitmentState? ToState { get; set; }

    public int? Progress { get; set; }

    public string? Text { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>, IEntityTypeConfiguration<CommitmentItem>, IEntityTypeConfiguration<CommitmentEvent>
{
    public void Configure(EntityTypeBuilder<Commitment> b)
    {
        b.Property(x => x.Owner).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(Commitment.TitleMax);
        b.Property(x => x.PersonName).HasMaxLength(People.Person.NameMax);
        b.Property(x => x.Reason).HasMaxLength(Commitment.ReasonMax);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.SupervisingOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Person>().WithMany().HasForeignKey(x => x.PersonId);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.CommitmentId);
        b.HasIndex(x => new { x.OrganizationId, x.Year });
        b.HasIndex(x => new { x.SupervisingOrganizationId, x.State });
    }

    public void Configure(EntityTypeBuilder<CommitmentItem> b)
    {
        b.Property(x => x.Target).HasMaxLength(CommitmentItem.TargetMax);
        b.Property(x => x.Category).HasMaxLength(CommitmentItem.CategoryMax);
        b.Property(x => x.ProgressNote).HasMaxLength(CommitmentItem.NoteMax);
        b.Property(x => x.Weight).HasPrecision(6, 2);
        b.HasIndex(x => new { x.CommitmentId, x.Order });
    }

    public void Configure(EntityTypeBuilder<CommitmentEvent> b)
    {
        b.Property(x => x.Kind).HasMaxLength(30);
        b.Property(x => x.FromState).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ToState).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Text).HasMaxLength(Commitment.ReasonMax);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.HasIndex(x => x.CommitmentId);
        b.HasOne<Commitment>().WithMany().HasForeignKey(x => x.CommitmentId);
    }
}

/// <summary>An evidence file of a progress report (践诺佐证: a photo, a scan), kept in the ledger's file store.</summary>
public sealed class CommitmentEvidence
{
    public long Id { get; set; }

    public long CommitmentId { get; set; }

    public long ItemId { get; set; }

    /// <summary>The progress report it came with.</summary>
    public long EventId { get; set; }

    public required string FileName { get; set; }

    public required string File { get; set; }

    public required string Sha256 { get; set; }

    public long Length { get; set; }

    public DateTime At { get; set; }
}

internal sealed class CommitmentEvidenceConfiguration : IEntityTypeConfiguration<CommitmentEvidence>
{
    public void Configure(EntityTypeBuilder<CommitmentEvidence> b)
    {
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.File).HasMaxLength(400);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasIndex(x => x.CommitmentId);
        b.HasOne<Commitment>().WithMany().HasForeignKey(x => x.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CommitmentEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
    }
}
