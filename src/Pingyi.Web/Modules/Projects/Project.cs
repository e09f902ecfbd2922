using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Projects;

/// <summary>
/// A project with a responsible county leader (县级领导包靠项目, seeds 001 and 003): the organization that carries it, the leader
/// held to account for it, the party members in contact, the temporary project branch when one was set up, its milestones.
/// </summary>
public sealed class Project
{
    public const int NameMax = 100;

    public const int ContactsMax = 200;

    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The organization that carries the project (a county unit, a township).</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    /// <summary>The responsible county leader (包靠领导).</summary>
    public long LeaderPersonId { get; set; }

    public People.Person? Leader { get; set; }

    /// <summary>The party members in contact with the project (联系党员), names as written.</summary>
    public string? Contacts { get; set; }

    /// <summary>The temporary project branch (临时党支部) in the tree, when one was set up.</summary>
    public long? ProjectBranchId { get; set; }

    public DateOnly StartOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<ProjectMilestone> Milestones { get; set; } = [];
}

/// <summary>A milestone with its date; when it is late, the ledger item it raised and the accountability record.</summary>
public sealed class ProjectMilestone
{
    public const int NameMax = 100;

    public long Id { get; set; }

    public long ProjectId { get; set; }

    public int Order { get; set; }

    public required string Name { get; set; }

    public DateOnly DueOn { get; set; }

    public DateOnly? DoneOn { get; set; }

    /// <summary>The supervision item raised in the ledger when the milestone was found delayed.</summary>
    public long? DelayItemId { get; set; }

    /// <summary>When the responsible leader was held to account for the delay.</summary>
    public DateTime? AccountabilityAt { get; set; }
}

/// <summary>A progress report on a project (项目推进情况), by whom and when; it may complete a milestone.</summary>
public sealed class ProjectReport
{
    public const int TextMax = 1000;

    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long? MilestoneId { get; set; }

    public required string Text { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

/// <summary>
/// An accountability record (问责记录) of a responsible leader for a milestone delayed past the threshold: what the
/// organization department follows up, and what the leader's archive shows.
/// </summary>
public sealed class ProjectAccountability
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long MilestoneId { get; set; }

    public long LeaderPersonId { get; set; }

    public int DaysLate { get; set; }

    public required string Reason { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>, IEntityTypeConfiguration<ProjectMilestone>, IEntityTypeConfiguration<ProjectReport>,
    IEntityTypeConfiguration<ProjectAccountability>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.Property(x => x.Name).HasMaxLength(Project.NameMax);
        b.Property(x => x.Contacts).HasMaxLength(Project.ContactsMax);
        b.HasIndex(x => x.LeaderPersonId);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Leader).WithMany().HasForeignKey(x => x.LeaderPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.ProjectBranchId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ProjectMilestone> b)
    {
        b.Property(x => x.Name).HasMaxLength(ProjectMilestone.NameMax);
        b.HasIndex(x => new { x.DoneOn, x.DueOn });
        b.HasOne<Ledger.LedgerItem>().WithMany().HasForeignKey(x => x.DelayItemId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ProjectReport> b)
    {
        b.Property(x => x.Text).HasMaxLength(ProjectReport.TextMax);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasIndex(x => x.ProjectId);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ProjectAccountability> b)
    {
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasIndex(x => x.LeaderPersonId);
        b.HasIndex(x => x.MilestoneId).IsUnique();
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<People.Person>().WithMany().HasForeignKey(x => x.LeaderPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
