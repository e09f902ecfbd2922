using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Stationing;

/// <summary>
/// A cadre stationed in a village (驻村干部, seed 001: "帮县、联乡、驻村"): who, which village organization, sent by which unit, in
/// what role, from when until when (open while they serve).
/// </summary>
public sealed class StationAssignment
{
    public const int RoleMax = 50;

    public long Id { get; set; }

    public long PersonId { get; set; }

    public People.Person? Person { get; set; }

    /// <summary>The village (or community) party organization the cadre is stationed in.</summary>
    public long VillageOrganizationId { get; set; }

    public Organizations.Organization? Village { get; set; }

    /// <summary>The unit that sent the cadre (派出单位), when it is in the tree.</summary>
    public long? SentByOrganizationId { get; set; }

    /// <summary>驻村第一书记, 驻村工作队员 and the like, as written.</summary>
    public required string Role { get; set; }

    public DateOnly StartOn { get; set; }

    public DateOnly? EndOn { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum StationEntryKind
{
    /// <summary>好事实事: a good deed done for the villagers.</summary>
    Deed = 0,

    /// <summary>工作日志: a day's work.</summary>
    WorkLog = 1,
}

/// <summary>A deed (好事实事) or a work log entry of a stationed cadre, dated, with one evidence file when given.</summary>
public sealed class StationEntry
{
    public const int TextMax = 500;

    public long Id { get; set; }

    public long AssignmentId { get; set; }

    public StationEntryKind Kind { get; set; }

    public DateOnly On { get; set; }

    public required string Text { get; set; }

    /// <summary>How many villagers the deed helped, when counted.</summary>
    public int? Beneficiaries { get; set; }

    public string? EvidenceFile { get; set; }

    public string? EvidenceName { get; set; }

    public string? EvidenceSha256 { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

/// <summary>The monthly check-in (月度报到) of a stationed cadre: the month, the days spent in the village, what was done.</summary>
public sealed class StationCheckIn
{
    public const int NoteMax = 500;

    public long Id { get; set; }

    public long AssignmentId { get; set; }

    /// <summary>The month as <see cref="Core.Stationing.StationRules.MonthNumber"/>.</summary>
    public int Month { get; set; }

    public int DaysInVillage { get; set; }

    public string? Note { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

/// <summary>
/// The village's evaluation of its stationed cadre for a year (群众评议): the satisfaction count of its villagers' meeting and
/// the rating that follows (Core <see cref="Core.Stationing.StationRules"/>). One per stay and year.
/// </summary>
public sealed class StationEvaluation
{
    public const int NoteMax = 500;

    public long Id { get; set; }

    public long AssignmentId { get; set; }

    public int Year { get; set; }

    public DateOnly HeldOn { get; set; }

    public int Satisfied { get; set; }

    public int BasicallySatisfied { get; set; }

    public int Dissatisfied { get; set; }

    public Core.Stationing.StationRating Rating { get; set; }

    public string? Note { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

internal sealed class StationConfiguration : IEntityTypeConfiguration<StationAssignment>, IEntityTypeConfiguration<StationEntry>, IEntityTypeConfiguration<StationCheckIn>,
    IEntityTypeConfiguration<StationEvaluation>
{
    public void Configure(EntityTypeBuilder<StationAssignment> b)
    {
        b.Property(x => x.Role).HasMaxLength(StationAssignment.RoleMax);
        b.HasIndex(x => x.PersonId);
        b.HasIndex(x => x.VillageOrganizationId);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.SentByOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<StationEntry> b)
    {
        b.Property(x => x.Text).HasMaxLength(StationEntry.TextMax);
        b.Property(x => x.EvidenceFile).HasMaxLength(200);
        b.Property(x => x.EvidenceName).HasMaxLength(200);
        b.Property(x => x.EvidenceSha256).HasMaxLength(64);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasIndex(x => new { x.AssignmentId, x.On });
        b.HasOne<StationAssignment>().WithMany().HasForeignKey(x => x.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<StationCheckIn> b)
    {
        b.Property(x => x.Note).HasMaxLength(StationCheckIn.NoteMax);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasIndex(x => new { x.AssignmentId, x.Month }).IsUnique();
        b.HasOne<StationAssignment>().WithMany().HasForeignKey(x => x.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<StationEvaluation> b)
    {
        b.Property(x => x.Note).HasMaxLength(StationEvaluation.NoteMax);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasIndex(x => new { x.AssignmentId, x.Year }).IsUnique();
        b.HasOne<StationAssignment>().WithMany().HasForeignKey(x => x.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
