using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Coverage;

/// <summary>A new economic or social organization (两新组织): a non-public enterprise or a social organization.</summary>
public enum NewOrganizationKind
{
    Enterprise = 1,
    SocialOrganization = 2,
}

/// <summary>How a new organization has party organization (seed 004): none yet, its own (单建), with others (联建) or attached to one (挂建).</summary>
public enum CoverageMode
{
    None = 0,
    Alone = 1,
    Joint = 2,
    Attached = 3,
}

/// <summary>
/// A non-public enterprise or social organization registered in a township, with how it is covered: organization coverage
/// (a party organization of its own, joint or attached — <see cref="PartyOrganizationId"/>) and work coverage (that, or a
/// party-building instructor, 党建工作指导员, sent to it), counted apart; a county leader may link it as a key one (1–3 each).
/// </summary>
public sealed class NewOrganization
{
    public const int NameMax = 80;
    public const int InstructorMax = 50;

    public long Id { get; set; }

    public required string Name { get; set; }

    public NewOrganizationKind Kind { get; set; }

    /// <summary>The township (or county unit) it is registered under: the scope that sees it.</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public int Employees { get; set; }

    /// <summary>Party members among its employees.</summary>
    public int Members { get; set; }

    public CoverageMode Mode { get; set; }

    /// <summary>The party organization covering it (its own, a joint one or the one it is attached to).</summary>
    public long? PartyOrganizationId { get; set; }

    public Organizations.Organization? PartyOrganization { get; set; }

    public DateOnly? CoveredOn { get; set; }

    /// <summary>The party-building instructor sent to it (党建工作指导员).</summary>
    public string? Instructor { get; set; }

    /// <summary>The county leader who links it as a key organization (县级领导联系重点企业).</summary>
    public long? LeaderPersonId { get; set; }

    public People.Person? Leader { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public sealed class NewOrganizationConfiguration : IEntityTypeConfiguration<NewOrganization>
{
    public void Configure(EntityTypeBuilder<NewOrganization> b)
    {
        b.ToTable("NewOrganizations");
        b.Property(n => n.Name).HasMaxLength(NewOrganization.NameMax);
        b.Property(n => n.Instructor).HasMaxLength(NewOrganization.InstructorMax);
        b.HasOne(n => n.Organization).WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.PartyOrganization).WithMany().HasForeignKey(n => n.PartyOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Leader).WithMany().HasForeignKey(n => n.LeaderPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(n => new { n.OrganizationId, n.Name }).IsUnique();
        b.HasIndex(n => n.LeaderPersonId);
    }
}
