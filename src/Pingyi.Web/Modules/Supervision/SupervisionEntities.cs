using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Supervision;

/// <summary>A planned supervision visit (督查) to an organization; its findings become ledger items.</summary>
public sealed class SupervisionVisit
{
    public long Id { get; set; }

    public long OrganizationId { get; set; }

    public long SupervisingOrganizationId { get; set; }

    public required string Subject { get; set; }

    public DateOnly PlannedOn { get; set; }

    public DateOnly? VisitedOn { get; set; }

    public string? Summary { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>One cadre's daily work report (每日一报); at most one per account and day.</summary>
public sealed class DailyReport
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public long OrganizationId { get; set; }

    public DateOnly Date { get; set; }

    public required string Text { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A task assigned to organizations (督办任务); its completion rate is done assignments over all.</summary>
public sealed class WorkTask
{
    public const int DescriptionMax = 4000;

    public long Id { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public long AssignedByOrganizationId { get; set; }

    public DateOnly? Deadline { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class TaskAssignment
{
    public long Id { get; set; }

    public long TaskId { get; set; }

    public long OrganizationId { get; set; }

    public DateTime? CompletedAt { get; set; }

    public string? Note { get; set; }
}

internal sealed class SupervisionConfiguration : IEntityTypeConfiguration<SupervisionVisit>, IEntityTypeConfiguration<DailyReport>,
    IEntityTypeConfiguration<WorkTask>, IEntityTypeConfiguration<TaskAssignment>
{
    public void Configure(EntityTypeBuilder<SupervisionVisit> b)
    {
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.OrganizationId, x.PlannedOn });
    }

    public void Configure(EntityTypeBuilder<DailyReport> b)
    {
        b.Property(x => x.Text).HasMaxLength(2000);
        b.HasIndex(x => new { x.UserId, x.Date }).IsUnique();
        b.HasIndex(x => new { x.OrganizationId, x.Date });
    }

    public void Configure(EntityTypeBuilder<WorkTask> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(WorkTask.DescriptionMax);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<TaskAssignment> b)
    {
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasIndex(x => new { x.TaskId, x.OrganizationId }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
        b.HasOne<WorkTask>().WithMany().HasForeignKey(x => x.TaskId);
    }
}
