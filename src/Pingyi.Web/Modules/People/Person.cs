using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.People;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.People;

/// <summary>
/// A party member, cadre, representative or resident. The ID number and phone are stored only
/// encrypted (<see cref="Infrastructure.PiiProtector"/>); <see cref="IdNumberHash"/> is a keyed hash
/// that lets an import find the same person again without decrypting every row.
/// </summary>
public sealed class Person
{
    /// <summary>The longest name, named once for the column, the checks, the import and the pages.</summary>
    public const int NameMax = 50;

    public long Id { get; set; }

    public required string Name { get; set; }

    public Gender Gender { get; set; }

    public byte[] IdNumberCipher { get; set; } = [];

    public string IdNumberHash { get; set; } = string.Empty;

    public byte[]? PhoneCipher { get; set; }

    public MemberStatus MemberStatus { get; set; }

    public DateOnly? JoinedOn { get; set; }

    public DateOnly? ConfirmedOn { get; set; }

    public RepresentativeRoles Representatives { get; set; }

    /// <summary>学历: the highest completed education; null when not recorded.</summary>
    public EducationLevel? Education { get; set; }

    /// <summary>The organization the person belongs to now; history is in <see cref="Membership"/>.</summary>
    public long? OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A span of time a person belonged to an organization; a transfer closes one and opens the next.</summary>
public sealed class Membership
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public DateOnly StartedOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    public string? Reason { get; set; }
}

public enum PositionTitle
{
    Secretary = 1,
    DeputySecretary = 2,
    CommitteeMember = 3,
    OrganizationCommissioner = 4,
    PublicityCommissioner = 5,
    DisciplineCommissioner = 6,
    GroupLeader = 7,
}

/// <summary>A cadre's post in an organization with its term.</summary>
public sealed class CadrePosition
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    public Person? Person { get; set; }

    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public PositionTitle Title { get; set; }

    public DateOnly TermStart { get; set; }

    public DateOnly? TermEnd { get; set; }
}

public static class PositionTitles
{
    public static string Chinese(this PositionTitle title) => title switch
    {
        PositionTitle.Secretary => "书记",
        PositionTitle.DeputySecretary => "副书记",
        PositionTitle.CommitteeMember => "委员",
        PositionTitle.OrganizationCommissioner => "组织委员",
        PositionTitle.PublicityCommissioner => "宣传委员",
        PositionTitle.DisciplineCommissioner => "纪检委员",
        _ => "党小组长",
    };

    public static bool TryParse(string? text, out PositionTitle? title)
    {
        var t = (text ?? string.Empty).Trim();
        title = null;
        if (t.Length == 0 || t is "无" or "-")
        {
            return true;
        }
        foreach (var value in Enum.GetValues<PositionTitle>())
        {
            if (value.Chinese() == t || string.Equals(value.ToString(), t, StringComparison.OrdinalIgnoreCase))
            {
                title = value;
                return true;
            }
        }
        return false;
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("people");
        b.Property(p => p.Name).HasMaxLength(Person.NameMax);
        b.Property(p => p.IdNumberHash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(p => p.IdNumberHash).IsUnique();
        b.HasIndex(p => new { p.OrganizationId, p.Name });
        b.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("memberships");
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Organization).WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.PersonId, m.StartedOn });
        b.Property(m => m.Reason).HasMaxLength(200);
    }
}

internal sealed class CadrePositionConfiguration : IEntityTypeConfiguration<CadrePosition>
{
    public void Configure(EntityTypeBuilder<CadrePosition> b)
    {
        b.ToTable("cadre_positions");
        b.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Organization).WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.OrganizationId, c.Title });
        b.HasIndex(c => c.PersonId);
    }
}
