using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Requests;

/// <summary>
/// The places in a 1 + (3 + X) team (seed 003: 197 组团式服务团队). Seed 003 names the formula without spelling it out; we read it as
/// the county's usual practice: one leading cadre heads the team (1), a township cadre, a village cadre and a member of the village
/// work team stand in it (3), and any number of specialists and member volunteers join them (X).
/// </summary>
public enum TeamRole
{
    Leader = 0,
    TownshipCadre = 1,
    VillageCadre = 2,
    WorkTeamMember = 3,
    Specialist = 4,
}

/// <summary>What a visit brought the household.</summary>
public enum HelpKind
{
    Policy = 0,
    Industry = 1,
    Employment = 2,
    Relief = 3,
    Medical = 4,
    Education = 5,
    Other = 6,
}

/// <summary>A 1 + (3 + X) service team of a township or village, with its members and the households it is paired with.</summary>
public sealed class ServiceTeam
{
    public const int NameMax = 50;

    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The township committee or village branch the team serves; its households live in that subtree's villages.</summary>
    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public DateOnly FormedOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<ServiceTeamMember> Members { get; set; } = [];
}

public sealed class ServiceTeamMember
{
    public const int NameMax = 20;
    public const int UnitMax = 50;

    public long Id { get; set; }

    public long TeamId { get; set; }

    public required string Name { get; set; }

    public TeamRole Role { get; set; }

    /// <summary>Where the member works (县农业农村局, 东村党支部 …).</summary>
    public required string Unit { get; set; }
}

/// <summary>
/// A household a team is paired with (对口扶助): the head's name, phone and address encrypted at rest and masked when shown; the
/// household's size and why it is in difficulty; paired from a day, and ended with the reason (脱贫, moved away …).
/// </summary>
public sealed class PairedHousehold
{
    public const int ReasonMax = 100;

    public long Id { get; set; }

    public long TeamId { get; set; }

    /// <summary>The village (community) branch where the household lives.</summary>
    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public required byte[] HeadName { get; set; }

    public byte[]? Phone { get; set; }

    public required byte[] Address { get; set; }

    public int Size { get; set; }

    /// <summary>Why the household is in difficulty (因病、因学、缺劳力 …).</summary>
    public required string Reason { get; set; }

    public DateOnly PairedOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    public string? EndReason { get; set; }
}

/// <summary>A visit to a paired household: the day, who went, what was found, the help given and what it was worth.</summary>
public sealed class HouseholdVisit
{
    public const int VisitorsMax = 100;
    public const int NotesMax = 1000;

    public long Id { get; set; }

    public long HouseholdId { get; set; }

    public DateOnly On { get; set; }

    public required string Visitors { get; set; }

    public required string Notes { get; set; }

    public HelpKind Help { get; set; }

    /// <summary>Yuan of money or goods handed over, when there were any.</summary>
    public decimal? Amount { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

internal sealed class ServiceTeamConfiguration : IEntityTypeConfiguration<ServiceTeam>, IEntityTypeConfiguration<ServiceTeamMember>, IEntityTypeConfiguration<PairedHousehold>,
    IEntityTypeConfiguration<HouseholdVisit>
{
    public void Configure(EntityTypeBuilder<ServiceTeam> b)
    {
        b.HasIndex(x => x.OrganizationId);
        b.Property(x => x.Name).HasMaxLength(ServiceTeam.NameMax);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ServiceTeamMember> b)
    {
        b.Property(x => x.Name).HasMaxLength(ServiceTeamMember.NameMax);
        b.Property(x => x.Unit).HasMaxLength(ServiceTeamMember.UnitMax);
    }

    public void Configure(EntityTypeBuilder<PairedHousehold> b)
    {
        b.HasIndex(x => x.TeamId);
        b.HasIndex(x => x.OrganizationId);
        b.Property(x => x.Reason).HasMaxLength(PairedHousehold.ReasonMax);
        b.Property(x => x.EndReason).HasMaxLength(PairedHousehold.ReasonMax);
        b.HasOne<ServiceTeam>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<HouseholdVisit> b)
    {
        b.HasIndex(x => new { x.HouseholdId, x.On });
        b.Property(x => x.Visitors).HasMaxLength(HouseholdVisit.VisitorsMax);
        b.Property(x => x.Notes).HasMaxLength(HouseholdVisit.NotesMax);
        b.Property(x => x.Amount).HasPrecision(12, 2);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasOne<PairedHousehold>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
    }
}
