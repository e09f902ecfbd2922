using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Bulletins;

/// <summary>A published monthly bulletin (通报): a frozen snapshot, shown on the public chart board.</summary>
public sealed class Bulletin
{
    public long Id { get; set; }

    public long ScopeOrganizationId { get; set; }

    public int Year { get; set; }

    public int Month { get; set; }

    public required string Title { get; set; }

    /// <summary>The bulletin's figures as JSON (<see cref="BulletinData"/>).</summary>
    public required string Data { get; set; }

    public required string PublishedBy { get; set; }

    public DateTime PublishedAt { get; set; }
}

internal sealed class BulletinConfiguration : IEntityTypeConfiguration<Bulletin>
{
    public void Configure(EntityTypeBuilder<Bulletin> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.PublishedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.ScopeOrganizationId, x.Year, x.Month }).IsUnique();
    }
}
