using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Audit;

/// <summary>
/// One recorded state change. Append-only; each entry carries the hash of the one before it so an
/// edited, deleted or reordered row breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime OccurredAt { get; set; }

    public string? UserName { get; set; }

    /// <summary>Path of the organization the change belongs to, so the trail can be scoped.</summary>
    public string? OrganizationPath { get; set; }

    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>Before and after values as JSON, with personal data masked.</summary>
    public string? Data { get; set; }

    public string? RequestId { get; set; }

    public string? RemoteAddress { get; set; }

    public string? UserAgent { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }

    /// <summary>The order in which entries were recorded in this process (not stored): the order they are chained and numbered in.</summary>
    internal long RecordedOrder { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Ignore(a => a.RecordedOrder);
        b.Property(a => a.UserName).HasMaxLength(100);
        b.Property(a => a.OrganizationPath).HasMaxLength(400);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.RequestId).HasMaxLength(100);
        b.Property(a => a.RemoteAddress).HasMaxLength(64);
        b.Property(a => a.UserAgent).HasMaxLength(400);
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.OccurredAt);
        // The trail of a subtree, and of one account, among a province's millions of entries.
        b.HasIndex(a => a.OrganizationPath);
        b.HasIndex(a => a.UserName);
    }
}
