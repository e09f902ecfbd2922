using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Notifications;

/// <summary>A message to one account inside the platform (站内通知): reminders, overdue items, escalations, send-backs.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public long UserId { get; set; }

    /// <summary>Reminder, Overdue, Escalated, Submitted, SentBack.</summary>
    public required string Kind { get; set; }

    public required string Title { get; set; }

    /// <summary>The page the notification is about, e.g. /Ledger/Details/17.</summary>
    public string? Link { get; set; }

    public long? LedgerItemId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(x => x.Kind).HasMaxLength(30);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Link).HasMaxLength(200);
        b.HasIndex(x => new { x.UserId, x.ReadAt });
    }
}
