using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Organizations;

namespace Pingyi.Web.Modules.Organizations;

/// <summary>
/// A party organization. Rows are never deleted: a merged or dissolved organization keeps its row,
/// its code and its history, with <see cref="Status"/> and <see cref="EndedOn"/> set.
/// </summary>
public sealed class Organization
{
    public long Id { get; set; }

    /// <summary>Stable code used by imports and other systems; never reused.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public OrganizationLevel Level { get; set; }

    public OrganizationCategory Category { get; set; }

    public long? ParentId { get; set; }

    public Organization? Parent { get; set; }

    /// <summary>Materialized path of ids, "/1/4/17/": a subtree is every row whose path starts with this one.</summary>
    public string Path { get; set; } = "/";

    public int Depth { get; set; }

    public int SortOrder { get; set; }

    public OrganizationStatus Status { get; set; } = OrganizationStatus.Active;

    public DateOnly EstablishedOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    public long? MergedIntoId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public enum OrganizationEventKind
{
    Created = 1,
    Renamed = 2,
    Moved = 3,
    MergedInto = 4,
    Absorbed = 5,
    Dissolved = 6,
    Updated = 7,
}

/// <summary>One dated change in an organization's life, kept forever.</summary>
public sealed class OrganizationEvent
{
    public long Id { get; set; }

    public long OrganizationId { get; set; }

    public OrganizationEventKind Kind { get; set; }

    public DateOnly EffectiveOn { get; set; }

    public DateTime RecordedAt { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    public long? RelatedOrganizationId { get; set; }

    public string? Reason { get; set; }

    public string? RecordedBy { get; set; }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("organizations");
        b.Property(o => o.Code).HasMaxLength(64);
        b.HasIndex(o => o.Code).IsUnique();
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.Path).HasMaxLength(400);
        b.HasIndex(o => o.Path);
        b.HasIndex(o => new { o.ParentId, o.SortOrder });
        b.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(o => o.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrganizationEventConfiguration : IEntityTypeConfiguration<OrganizationEvent>
{
    public void Configure(EntityTypeBuilder<OrganizationEvent> b)
    {
        b.ToTable("organization_events");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.OrganizationId, e.EffectiveOn });
        b.Property(e => e.OldValue).HasMaxLength(400);
        b.Property(e => e.NewValue).HasMaxLength(400);
        b.Property(e => e.Reason).HasMaxLength(400);
        b.Property(e => e.RecordedBy).HasMaxLength(100);
    }
}
