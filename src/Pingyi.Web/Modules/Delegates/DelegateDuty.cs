using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Delegates;

/// <summary>What a congress delegate does in the term (seed 004: 党代表视察、质询、提案制度).</summary>
public enum DutyKind
{
    Inspection = 1,
    Inquiry = 2,
    Proposal = 3,
}

/// <summary>
/// A delegate's inspection, inquiry or proposal: the delegate (a person on record as a party congress delegate), the unit asked to
/// answer, the day, subject and content; then the unit's answer, the delegate's follow-up (satisfied or not) and, for a proposal, the
/// ledger item it raised. Seen from the delegate's organization and from the answering unit.
/// </summary>
public sealed class DelegateDuty
{
    public const int SubjectMax = 60;
    public const int ContentMax = 1000;
    public const int AnswerMax = 1000;
    public const int FollowUpMax = 500;

    public long Id { get; set; }

    public DutyKind Kind { get; set; }

    public long PersonId { get; set; }

    public People.Person? Person { get; set; }

    /// <summary>The delegate's organization when it was recorded.</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    /// <summary>The unit asked to answer (交办单位).</summary>
    public long AddressedOrganizationId { get; set; }

    public Organizations.Organization? Addressed { get; set; }

    public DateOnly On { get; set; }

    public required string Subject { get; set; }

    public required string Content { get; set; }

    public string? Answer { get; set; }

    public DateOnly? AnsweredOn { get; set; }

    public string? FollowUp { get; set; }

    /// <summary>The delegate's verdict on the answer (满意 / 不满意), with the follow-up.</summary>
    public bool? Satisfied { get; set; }

    public long? LedgerItemId { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Members attending a committee's meeting (党员旁听, seed 004): the meeting, the day, how many attended and who, the matters, their opinions.</summary>
public sealed class CommitteeObservation
{
    public const int MeetingMax = 60;
    public const int NamesMax = 200;
    public const int MattersMax = 500;
    public const int OpinionsMax = 500;

    public long Id { get; set; }

    /// <summary>The committee (or branch) whose meeting was attended.</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public DateOnly On { get; set; }

    public required string Meeting { get; set; }

    public int Observers { get; set; }

    public string? ObserverNames { get; set; }

    public required string Matters { get; set; }

    public string? Opinions { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class DelegatesConfiguration : IEntityTypeConfiguration<DelegateDuty>, IEntityTypeConfiguration<CommitteeObservation>
{
    public void Configure(EntityTypeBuilder<DelegateDuty> b)
    {
        b.Property(d => d.Subject).HasMaxLength(DelegateDuty.SubjectMax);
        b.Property(d => d.Content).HasMaxLength(DelegateDuty.ContentMax);
        b.Property(d => d.Answer).HasMaxLength(DelegateDuty.AnswerMax);
        b.Property(d => d.FollowUp).HasMaxLength(DelegateDuty.FollowUpMax);
        b.Property(d => d.UserName).HasMaxLength(100);
        b.HasOne(d => d.Person).WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Organization).WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Addressed).WithMany().HasForeignKey(d => d.AddressedOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => d.OrganizationId);
        b.HasIndex(d => d.AddressedOrganizationId);
        b.HasIndex(d => d.On);
    }

    public void Configure(EntityTypeBuilder<CommitteeObservation> b)
    {
        b.Property(o => o.Meeting).HasMaxLength(CommitteeObservation.MeetingMax);
        b.Property(o => o.ObserverNames).HasMaxLength(CommitteeObservation.NamesMax);
        b.Property(o => o.Matters).HasMaxLength(CommitteeObservation.MattersMax);
        b.Property(o => o.Opinions).HasMaxLength(CommitteeObservation.OpinionsMax);
        b.Property(o => o.UserName).HasMaxLength(100);
        b.HasOne(o => o.Organization).WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => new { o.OrganizationId, o.On });
    }
}

/// <summary>The Chinese names of the kinds of duty (one source; pages localize them).</summary>
public static class DelegatesText
{
    public static string Kind(DutyKind kind) => kind switch
    {
        DutyKind.Inspection => "视察",
        DutyKind.Inquiry => "质询",
        _ => "提案",
    };
}
