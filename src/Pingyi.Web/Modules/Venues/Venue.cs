using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Venues;

namespace Pingyi.Web.Modules.Venues;

/// <summary>
/// A village's (community's) activity venue (村级组织活动场所, 阵地): floor area, the year's operating funds, which of the five centres it
/// serves, and the day it was built or brought to standard (标准化建设). One per village; measured against Core <see cref="VenueStandard"/>.
/// </summary>
public sealed class Venue
{
    public const int NoteMax = 200;

    public long Id { get; set; }

    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    /// <summary>Floor area in m².</summary>
    public decimal Area { get; set; }

    /// <summary>Operating funds in yuan a year (运转经费).</summary>
    public decimal OperatingFunds { get; set; }

    public VenueCentres Centres { get; set; }

    /// <summary>The day it was built or brought to the standard (标准化建设完成); null while it has not been.</summary>
    public DateOnly? StandardizedOn { get; set; }

    public string? Note { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> b)
    {
        b.Property(v => v.Area).HasPrecision(10, 2);
        b.Property(v => v.OperatingFunds).HasPrecision(14, 2);
        b.Property(v => v.Note).HasMaxLength(Venue.NoteMax);
        b.HasOne(v => v.Organization).WithMany().HasForeignKey(v => v.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => v.OrganizationId).IsUnique();
    }
}
