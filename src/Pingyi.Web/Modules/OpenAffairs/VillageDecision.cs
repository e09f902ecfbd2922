using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.OpenAffairs;

namespace Pingyi.Web.Modules.OpenAffairs;

public enum DecisionState
{
    /// <summary>Steps still to take.</summary>
    InProgress = 1,

    /// <summary>A vote of the procedure did not pass the matter: the decision ends there.</summary>
    NotPassed = 2,

    /// <summary>Every step taken, the result published.</summary>
    Completed = 3,
}

/// <summary>
/// A major village matter decided by the procedure of the county (四议两公开 by default): the village's party organization, the
/// matter, the power of the micro-power list it uses, and the procedure as it stood when it was proposed (kept with it, so a later
/// configuration does not change it). Steps are <see cref="VillageDecisionStep"/>s.
/// </summary>
public sealed class VillageDecision
{
    public const int TitleMax = 60;
    public const int MatterMax = 1000;
    public const int ResultMax = 1000;

    public long Id { get; set; }

    /// <summary>The village (or community) party organization deciding: the scope that sees it.</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public required string Title { get; set; }

    /// <summary>The matter as proposed: what, why, how much.</summary>
    public required string Matter { get; set; }

    /// <summary>The power of the micro-power list used (小微权力清单).</summary>
    public long? PowerId { get; set; }

    public MicroPower? Power { get; set; }

    public required string ProcedureName { get; set; }

    /// <summary><see cref="DecisionProcedure.Serialize"/> when it was proposed.</summary>
    public required string ProcedureSteps { get; set; }

    public DecisionState State { get; set; } = DecisionState.InProgress;

    public int StepsDone { get; set; }

    /// <summary>The result of carrying it out, as published in the last step.</summary>
    public string? Result { get; set; }

    public DateOnly ProposedOn { get; set; }

    /// <summary>The day the resolution was published (决议公开): the public board shows it from then.</summary>
    public DateOnly? PublishedOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<VillageDecisionStep> Steps { get; set; } = [];

    public DecisionProcedure Procedure() => DecisionProcedure.Deserialize(ProcedureName, ProcedureSteps);
}

/// <summary>A step taken: the day, its minutes, the vote of a meeting that votes, where a publication was made, who recorded it.</summary>
public sealed class VillageDecisionStep
{
    public const int MinutesMax = 1000;
    public const int PlaceMax = 100;

    public long Id { get; set; }

    public long DecisionId { get; set; }

    /// <summary>0-based position in the procedure.</summary>
    public int Index { get; set; }

    public required string Name { get; set; }

    public DecisionStepKind Kind { get; set; }

    public DateOnly On { get; set; }

    /// <summary>The minutes (会议记录) or, for a publication, what was published.</summary>
    public required string Minutes { get; set; }

    public int? Entitled { get; set; }

    public int? Present { get; set; }

    public int? For { get; set; }

    public int? Against { get; set; }

    public int? Abstain { get; set; }

    public bool? Passed { get; set; }

    /// <summary>Where it was published (村务公开栏, 微信群…).</summary>
    public string? Place { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

/// <summary>
/// A power of village cadres on the county's micro-power list (小微权力清单, seed 003): its number, name, category and the procedure by
/// which it is exercised, published to residents. A power is retired rather than deleted, so decisions keep what they used.
/// </summary>
public sealed class MicroPower
{
    public const int NameMax = 50;
    public const int CategoryMax = 20;
    public const int ProcedureMax = 1000;
    public const int BasisMax = 200;

    public long Id { get; set; }

    public int Number { get; set; }

    public required string Name { get; set; }

    public required string Category { get; set; }

    /// <summary>The steps of exercising it, as published (运行流程).</summary>
    public required string Procedure { get; set; }

    /// <summary>The law or rule it rests on (依据).</summary>
    public string? Basis { get; set; }

    /// <summary>Whether a major decision under it must go through the decision procedure (四议两公开).</summary>
    public bool NeedsDecision { get; set; }

    public bool Retired { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A village's yearly rating of its openness (公开效果评议, seed 004): a survey meeting whose one reporter is the village, answered with codes.</summary>
public sealed class OpennessRating
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public long MeetingId { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class OpenAffairsConfiguration : IEntityTypeConfiguration<VillageDecision>, IEntityTypeConfiguration<VillageDecisionStep>,
    IEntityTypeConfiguration<MicroPower>, IEntityTypeConfiguration<OpennessRating>
{
    public void Configure(EntityTypeBuilder<VillageDecision> b)
    {
        b.Property(d => d.Title).HasMaxLength(VillageDecision.TitleMax);
        b.Property(d => d.Matter).HasMaxLength(VillageDecision.MatterMax);
        b.Property(d => d.Result).HasMaxLength(VillageDecision.ResultMax);
        b.Property(d => d.ProcedureName).HasMaxLength(DecisionProcedure.NameMax);
        b.Property(d => d.ProcedureSteps).HasMaxLength(1000);
        b.HasOne(d => d.Organization).WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Power).WithMany().HasForeignKey(d => d.PowerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Steps).WithOne().HasForeignKey(s => s.DecisionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.OrganizationId, d.ProposedOn });
        b.HasIndex(d => d.PublishedOn);
    }

    public void Configure(EntityTypeBuilder<VillageDecisionStep> b)
    {
        b.Property(s => s.Name).HasMaxLength(DecisionProcedure.StepNameMax);
        b.Property(s => s.Minutes).HasMaxLength(VillageDecisionStep.MinutesMax);
        b.Property(s => s.Place).HasMaxLength(VillageDecisionStep.PlaceMax);
        b.Property(s => s.UserName).HasMaxLength(100);
        b.HasIndex(s => new { s.DecisionId, s.Index }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<MicroPower> b)
    {
        b.Property(p => p.Name).HasMaxLength(MicroPower.NameMax);
        b.Property(p => p.Category).HasMaxLength(MicroPower.CategoryMax);
        b.Property(p => p.Procedure).HasMaxLength(MicroPower.ProcedureMax);
        b.Property(p => p.Basis).HasMaxLength(MicroPower.BasisMax);
        b.HasIndex(p => p.Number).IsUnique();
    }

    public void Configure(EntityTypeBuilder<OpennessRating> b)
    {
        b.HasIndex(x => new { x.OrganizationId, x.Year }).IsUnique();
        b.HasIndex(x => x.MeetingId).IsUnique();
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
