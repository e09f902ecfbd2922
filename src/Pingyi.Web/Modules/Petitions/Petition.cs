using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Petitions;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>
/// A petition (信访事项) under the 信访工作条例 (2022): who filed it (name, address, phone and a group visit's representatives
/// encrypted, §19, §20), what it asks (request, facts, reasons, §19), its kind (§29–31), the unit holding it and where it came
/// from, its clocks (routing §22/§23, objection §23, handling §34, review §35/§36) and where it stands. The tracking code is
/// kept only as a keyed hash.
/// </summary>
public sealed class Petition
{
    public const int RequestMax = 500;
    public const int TextMax = 2000;
    public const int NameMax = 50;
    public const int AddressMax = 200;
    public const int MostRepresentatives = 5; // §20

    public long Id { get; set; }

    /// <summary>The case number, XF + year + id (XF2026000123), given when it is registered.</summary>
    public string Number { get; set; } = string.Empty;

    /// <summary>The keyed hash of the petitioner's tracking code (the code itself is shown once).</summary>
    public required string TrackingHash { get; set; }

    public PetitionKind Kind { get; set; }

    public PetitionChannel Channel { get; set; }

    /// <summary>请求: what the petitioner asks, in a sentence or two.</summary>
    public required string Request { get; set; }

    /// <summary>事实和理由.</summary>
    public required string Facts { get; set; }

    public required byte[] PetitionerName { get; set; }

    public required byte[] Address { get; set; }

    public byte[]? Phone { get; set; }

    /// <summary>A group visit's representatives (at most five, §20), their names joined by "、", encrypted.</summary>
    public byte[]? Representatives { get; set; }

    /// <summary>How many came for a group visit (1 for one person).</summary>
    public int GroupSize { get; set; } = 1;

    /// <summary>The unit where the petition was first received.</summary>
    public long IntakeOrganizationId { get; set; }

    public Organizations.Organization? IntakeOrganization { get; set; }

    /// <summary>The unit holding the case now: routing, handling, or a review's unit above.</summary>
    public long HandlingOrganizationId { get; set; }

    public Organizations.Organization? HandlingOrganization { get; set; }

    /// <summary>The unit that assigned or transferred the case here (the one an objection returns it to).</summary>
    public long? FromOrganizationId { get; set; }

    public PetitionRouting? RoutedAs { get; set; }

    /// <summary>An accusation's accused: the unit (§30: nothing reaches it or anyone in it) and the named cadre.</summary>
    public long? AccusedOrganizationId { get; set; }

    public Organizations.Organization? AccusedOrganization { get; set; }

    public string? AccusedName { get; set; }

    /// <summary>The day the petition was first received (the statistics' date).</summary>
    public DateOnly FirstReceivedOn { get; set; }

    /// <summary>The day the holding unit received it (a transfer restarts the routing clock there).</summary>
    public DateOnly ReceivedOn { get; set; }

    public DateOnly RoutingDue { get; set; }

    public DateOnly? ObjectionDue { get; set; }

    public DateOnly? AcceptedOn { get; set; }

    public DateOnly? HandlingDue { get; set; }

    public int ExtensionDays { get; set; }

    /// <summary>0 the first answer, 1 复查, 2 复核.</summary>
    public int Level { get; set; }

    public PetitionOpinion? Opinion { get; set; }

    public DateOnly? RepliedOn { get; set; }

    /// <summary>The last day to ask for the next review (30 days after the written reply).</summary>
    public DateOnly? ReviewRequestUntil { get; set; }

    public DateOnly? ReviewRequestedOn { get; set; }

    public DateOnly? ReviewDue { get; set; }

    public int HearingDays { get; set; }

    public PetitionStatus Status { get; set; }

    public PetitionClosing Closing { get; set; }

    public DateOnly? ClosedOn { get; set; }

    public PetitionRating? Rating { get; set; }

    /// <summary>Days from the first receipt to the last written answer or the closing (the statistics' time to resolve).</summary>
    public int? DaysToEnd { get; set; }

    /// <summary>Marks the case ended on <paramref name="day"/> (answered or closed) for the statistics.</summary>
    public void EndedOn(DateOnly day) => DaysToEnd = day.DayNumber - FirstReceivedOn.DayNumber;

    public DateTime? RatedAt { get; set; }

    /// <summary>The case this one repeats (§19, §36), when staff link it.</summary>
    public long? EarlierPetitionId { get; set; }

    /// <summary>The due date the job last reminded about and marked overdue (a new clock starts over).</summary>
    public DateOnly? RemindedFor { get; set; }

    public DateOnly? OverdueFor { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The running clock's last day: routing, handling or review.</summary>
    public DateOnly? Due => Status switch
    {
        PetitionStatus.Registered => RoutingDue,
        PetitionStatus.Accepted => HandlingDue,
        PetitionStatus.InReview => ReviewDue,
        _ => null,
    };
}

/// <summary>
/// A step of a case: registered, accepted, assigned or transferred, objected to, extended, a clock stopped and restarted (a
/// hearing), answered, review asked for, withdrawn, settled, rated, reminded, overdue. <see cref="Public"/> steps are shown to
/// the petitioner on the tracking page.
/// </summary>
public sealed class PetitionEvent
{
    public const int TextMax = 1000;

    public long Id { get; set; }

    public long PetitionId { get; set; }

    public required string Kind { get; set; }

    public DateOnly On { get; set; }

    public required string Text { get; set; }

    public bool Public { get; set; }

    public long? OrganizationId { get; set; }

    public DateOnly? Due { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A written answer (处理意见书 §32, 复查意见书 §35, 复核意见书 §36): the opinion, the facts found, the basis; numbered when issued.</summary>
public sealed class PetitionReply
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    public int Level { get; set; }

    public long OrganizationId { get; set; }

    public PetitionOpinion Opinion { get; set; }

    /// <summary>经查: the facts found.</summary>
    public required string Findings { get; set; }

    /// <summary>The opinion's basis: the law, policy or rule relied on.</summary>
    public required string Basis { get; set; }

    public DateOnly RepliedOn { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A file attached to a petition at intake (photos, letters, documents).</summary>
public sealed class PetitionFile
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    public required string Path { get; set; }

    public required string FileName { get; set; }

    public required string Sha256 { get; set; }

    public long Length { get; set; }
}

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>, IEntityTypeConfiguration<PetitionEvent>, IEntityTypeConfiguration<PetitionReply>,
    IEntityTypeConfiguration<PetitionFile>
{
    public void Configure(EntityTypeBuilder<Petition> b)
    {
        b.HasIndex(x => x.Number);
        b.HasIndex(x => x.TrackingHash).IsUnique();
        b.HasIndex(x => new { x.HandlingOrganizationId, x.Status });
        b.HasIndex(x => x.IntakeOrganizationId);
        b.HasIndex(x => x.FirstReceivedOn);
        b.Property(x => x.Number).HasMaxLength(20);
        b.Property(x => x.TrackingHash).HasMaxLength(64);
        b.Property(x => x.Request).HasMaxLength(Petition.RequestMax);
        b.Property(x => x.Facts).HasMaxLength(Petition.TextMax);
        b.Property(x => x.AccusedName).HasMaxLength(Petition.NameMax);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Ignore(x => x.Due);
        b.HasIndex(x => new { x.FirstReceivedOn, x.HandlingOrganizationId });
        b.HasOne(x => x.IntakeOrganization).WithMany().HasForeignKey(x => x.IntakeOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.HandlingOrganization).WithMany().HasForeignKey(x => x.HandlingOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.AccusedOrganization).WithMany().HasForeignKey(x => x.AccusedOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<PetitionEvent> b)
    {
        b.HasIndex(x => x.PetitionId);
        b.Property(x => x.Kind).HasMaxLength(30);
        b.Property(x => x.Text).HasMaxLength(PetitionEvent.TextMax);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PetitionReply> b)
    {
        b.HasIndex(x => new { x.PetitionId, x.Level }).IsUnique();
        b.Property(x => x.Findings).HasMaxLength(Petition.TextMax);
        b.Property(x => x.Basis).HasMaxLength(Petition.RequestMax);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PetitionFile> b)
    {
        b.HasIndex(x => x.PetitionId);
        b.Property(x => x.Path).HasMaxLength(400);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
