using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Ledger;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Ledger;

public enum LedgerSource
{
    MeetingOpinion,
    RectificationNotice,
    Supervision,
    Petition,
    Manual,
    Conversion,
    ProjectDelay,
    TenMost,
    DelegateProposal,
}

/// <summary>An item of the rectification ledger (整改台账); its lifecycle is <see cref="LedgerWorkflow"/>.</summary>
public sealed class LedgerItem
{
    public const int PersonNameMax = 100;

    public const int MeasuresMax = 4000;

    /// <summary>The longest category and description, named once for the column, the checks, the import and the page.</summary>
    public const int CategoryMax = 50;

    public const int DescriptionMax = 2000;

    public long Id { get; set; }

    public LedgerSource Source { get; set; }

    public required string Category { get; set; }

    public required string Description { get; set; }

    public long ResponsibleOrganizationId { get; set; }

    public Organization? ResponsibleOrganization { get; set; }

    public long? ResponsiblePersonId { get; set; }

    /// <summary>The responsible person as written in the ledger (责任人).</summary>
    public string? ResponsiblePersonName { get; set; }

    /// <summary>The rectification measures (整改措施).</summary>
    public string? Measures { get; set; }

    /// <summary>The latest progress (进展), as reported with the last change.</summary>
    public string? Progress { get; set; }

    public long? SupervisingOrganizationId { get; set; }

    public DateOnly? Deadline { get; set; }

    public LedgerState State { get; set; }

    public long? MeetingId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ClosedOutAt { get; set; }

    /// <summary>The supervision visit whose finding this item is.</summary>
    public long? VisitId { get; set; }

    /// <summary>When the reminder before the deadline went out; cleared when the deadline moves.</summary>
    public DateTime? RemindedAt { get; set; }

    /// <summary>When the escalation job marked the item overdue and told both sides; cleared when the deadline moves.</summary>
    public DateTime? OverdueMarkedAt { get; set; }

    /// <summary>The organization above the supervisor that the item escalated to, after being overdue too long.</summary>
    public long? EscalatedToOrganizationId { get; set; }

    public DateTime? EscalatedAt { get; set; }
}

/// <summary>One change of a ledger item: a transition, a deadline extension (old and new deadline with the reason), or progress.</summary>
public sealed class LedgerEvent
{
    public long Id { get; set; }

    public long ItemId { get; set; }

    public required string Kind { get; set; }

    public LedgerState? FromState { get; set; }

    public LedgerState? ToState { get; set; }

    public DateOnly? OldDeadline { get; set; }

    public DateOnly? NewDeadline { get; set; }

    public string? Text { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

/// <summary>An evidence file (photo, PDF, Office document) given with a progress report; the file lives in the <see cref="Infrastructure.FileStore"/>.</summary>
public sealed class LedgerEvidence
{
    public long Id { get; set; }

    public long ItemId { get; set; }

    public long EventId { get; set; }

    public required string FileName { get; set; }

    public required string File { get; set; }

    public required string Sha256 { get; set; }

    public long Length { get; set; }

    public DateTime At { get; set; }
}

internal sealed class LedgerItemConfiguration : IEntityTypeConfiguration<LedgerItem>, IEntityTypeConfiguration<LedgerEvent>, IEntityTypeConfiguration<LedgerEvidence>
{
    public void Configure(EntityTypeBuilder<LedgerEvidence> b)
    {
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.File).HasMaxLength(200);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasIndex(x => x.ItemId);
        b.HasOne<LedgerItem>().WithMany().HasForeignKey(x => x.ItemId);
        b.HasOne<LedgerEvent>().WithMany().HasForeignKey(x => x.EventId);
    }

    public void Configure(EntityTypeBuilder<LedgerEvent> b)
    {
        b.Property(x => x.Kind).HasMaxLength(30);
        b.Property(x => x.FromState).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.ToState).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.HasIndex(x => x.ItemId);
        b.HasOne<LedgerItem>().WithMany().HasForeignKey(x => x.ItemId);
    }

    public void Configure(EntityTypeBuilder<LedgerItem> b)
    {
        b.Property(x => x.ResponsiblePersonName).HasMaxLength(LedgerItem.PersonNameMax);
        b.Property(x => x.Measures).HasMaxLength(LedgerItem.MeasuresMax);
        b.Property(x => x.Progress).HasMaxLength(4000);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Category).HasMaxLength(LedgerItem.CategoryMax);
        b.Property(x => x.Description).HasMaxLength(LedgerItem.DescriptionMax);
        b.HasOne(x => x.ResponsibleOrganization).WithMany().HasForeignKey(x => x.ResponsibleOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ResponsibleOrganizationId, x.State });
        b.HasIndex(x => x.MeetingId);
        b.HasIndex(x => x.VisitId);
        b.HasIndex(x => new { x.State, x.Deadline });
        b.HasIndex(x => x.SupervisingOrganizationId);
    }
}
