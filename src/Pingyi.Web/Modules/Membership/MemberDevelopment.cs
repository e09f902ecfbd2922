using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Membership;

namespace Pingyi.Web.Modules.Membership;

/// <summary>
/// One person's way into the party (发展党员) at a branch: the stage reached and the dates the rules read; each step is a
/// <see cref="DevelopmentEntry"/> with its document and who approved it. A person has at most one open record.
/// </summary>
public sealed class MemberDevelopment
{
    public const int ContactsMax = 50;

    public long Id { get; set; }

    public long PersonId { get; set; }

    public People.Person? Person { get; set; }

    /// <summary>The branch developing the person.</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public DevelopmentStage Stage { get; set; }

    public PriorityGroups Groups { get; set; }

    public DateOnly AppliedOn { get; set; }

    public DateOnly? TalkedOn { get; set; }

    public DateOnly? ActivistOn { get; set; }

    /// <summary>The two members who guide an activist (培养联系人).</summary>
    public string? Contacts { get; set; }

    public DateOnly? CandidateOn { get; set; }

    public DateOnly? ReviewedOn { get; set; }

    public int TrainingDays { get; set; }

    public decimal TrainingHours { get; set; }

    /// <summary>The branch meeting that admitted the person as a probationary member; probation counts from it.</summary>
    public DateOnly? AdmittedOn { get; set; }

    public DateOnly? ApprovedOn { get; set; }

    public DateOnly? ConfirmedOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<DevelopmentEntry> Entries { get; set; } = [];

    public DevelopmentDates Dates => new(Stage, AppliedOn, TalkedOn, ActivistOn, CandidateOn, ReviewedOn, TrainingDays, TrainingHours, AdmittedOn);
}

/// <summary>A dated step of a development record: its document (申请书, 会议记录, 审批意见…) and who approved it.</summary>
public sealed class DevelopmentEntry
{
    public const int DocumentMax = 100;
    public const int ApproverMax = 50;
    public const int NoteMax = 500;

    public long Id { get; set; }

    public long DevelopmentId { get; set; }

    public DevelopmentStep Step { get; set; }

    public DateOnly On { get; set; }

    public required string Document { get; set; }

    public required string ApprovedBy { get; set; }

    public string? Note { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

public sealed class MemberDevelopmentConfiguration : IEntityTypeConfiguration<MemberDevelopment>, IEntityTypeConfiguration<DevelopmentEntry>
{
    public void Configure(EntityTypeBuilder<MemberDevelopment> b)
    {
        b.ToTable("MemberDevelopments");
        b.Property(d => d.Contacts).HasMaxLength(MemberDevelopment.ContactsMax);
        b.Property(d => d.TrainingHours).HasPrecision(6, 1);
        b.HasOne(d => d.Person).WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Organization).WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Entries).WithOne().HasForeignKey(e => e.DevelopmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => d.PersonId);
        b.HasIndex(d => new { d.OrganizationId, d.Stage });
    }

    public void Configure(EntityTypeBuilder<DevelopmentEntry> b)
    {
        b.ToTable("DevelopmentEntries");
        b.Property(e => e.Document).HasMaxLength(DevelopmentEntry.DocumentMax);
        b.Property(e => e.ApprovedBy).HasMaxLength(DevelopmentEntry.ApproverMax);
        b.Property(e => e.Note).HasMaxLength(DevelopmentEntry.NoteMax);
        b.Property(e => e.UserName).HasMaxLength(64);
        b.HasIndex(e => e.DevelopmentId);
    }
}
