using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Ledger;

public enum LedgerSource
{
    MeetingOpinion,
    RectificationNotice,
    Supervision,
    Petition,
    Manual,
}

/// <summary>待整改 → 整改中 → 已整改待验收 → 已销号; overdue is a flag of the deadline, not a state.</summary>
public enum LedgerState
{
    ToRectify,
    InProgress,
    AwaitingVerification,
    ClosedOut,
}

/// <summary>An item of the rectification ledger (整改台账). Its full lifecycle is issue 5; meetings create items now.</summary>
public sealed class LedgerItem
{
    public long Id { get; set; }

    public LedgerSource Source { get; set; }

    public required string Category { get; set; }

    public required string Description { get; set; }

    public long ResponsibleOrganizationId { get; set; }

    public Organization? ResponsibleOrganization { get; set; }

    public long? ResponsiblePersonId { get; set; }

    public long? SupervisingOrganizationId { get; set; }

    public DateOnly? Deadline { get; set; }

    public LedgerState State { get; set; }

    public long? MeetingId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ClosedOutAt { get; set; }
}

internal sealed class LedgerItemConfiguration : IEntityTypeConfiguration<LedgerItem>
{
    public void Configure(EntityTypeBuilder<LedgerItem> b)
    {
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Category).HasMaxLength(50);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasOne(x => x.ResponsibleOrganization).WithMany().HasForeignKey(x => x.ResponsibleOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ResponsibleOrganizationId, x.State });
        b.HasIndex(x => x.MeetingId);
    }
}
