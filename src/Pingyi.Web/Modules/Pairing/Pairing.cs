using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Pairing;

/// <summary>What the helping side gives (seed 004): technical training, information, help with project applications, funding; or an activity held together.</summary>
public enum PairingHelp
{
    Training = 1,
    Information = 2,
    ProjectApplication = 3,
    Funding = 4,
    JointActivity = 5,
}

/// <summary>
/// Urban–rural pairing (结对共建, seed 000: the county units' 104 branches each paired with a village branch; a village branch with a
/// ministry department's branch): the helping branch, the village (or community) branch, from when until when, the help planned.
/// Activities are <see cref="PairingActivity"/>s. Either side's scope sees it.
/// </summary>
public sealed class BranchPairing
{
    public const int PlanMax = 500;
    public const int PartnerMax = 60;

    public long Id { get; set; }

    /// <summary>The helping branch on record (a county unit's); null when it is outside the county (<see cref="Partner"/>).</summary>
    public long? UnitOrganizationId { get; set; }

    public Organizations.Organization? Unit { get; set; }

    /// <summary>A helping branch outside the county (e.g. 科技部农村司党支部), by name.</summary>
    public string? Partner { get; set; }

    public long VillageOrganizationId { get; set; }

    public Organizations.Organization? Village { get; set; }

    public DateOnly StartOn { get; set; }

    public DateOnly? EndOn { get; set; }

    /// <summary>The help planned (帮扶计划).</summary>
    public required string Plan { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<PairingActivity> Activities { get; set; } = [];
}

/// <summary>Help given or an activity held together: the day, the kind, what was done, the money given (funding), the evidence kept.</summary>
public sealed class PairingActivity
{
    public const int DescriptionMax = 500;
    public const int EvidenceMax = 200;

    public long Id { get; set; }

    public long PairingId { get; set; }

    public DateOnly On { get; set; }

    public PairingHelp Help { get; set; }

    public required string Description { get; set; }

    /// <summary>Yuan given, for funding.</summary>
    public decimal? Amount { get; set; }

    /// <summary>What proves it (签到表、照片、项目批复文号…), or what the evidence file is; empty when only a file is kept.</summary>
    public required string Evidence { get; set; }

    /// <summary>The evidence file in the file store (a photo, the sign-in sheet, the approval; under the ledger's rules), its name and hash.</summary>
    public string? EvidenceFile { get; set; }

    public string? EvidenceName { get; set; }

    public string? EvidenceSha256 { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

internal sealed class PairingConfiguration : IEntityTypeConfiguration<BranchPairing>, IEntityTypeConfiguration<PairingActivity>
{
    public void Configure(EntityTypeBuilder<BranchPairing> b)
    {
        b.ToTable("BranchPairings");
        b.Property(p => p.Plan).HasMaxLength(BranchPairing.PlanMax);
        b.Property(p => p.Partner).HasMaxLength(BranchPairing.PartnerMax);
        b.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Village).WithMany().HasForeignKey(p => p.VillageOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Activities).WithOne().HasForeignKey(a => a.PairingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.VillageOrganizationId);
        b.HasIndex(p => p.UnitOrganizationId);
    }

    public void Configure(EntityTypeBuilder<PairingActivity> b)
    {
        b.Property(a => a.Description).HasMaxLength(PairingActivity.DescriptionMax);
        b.Property(a => a.Evidence).HasMaxLength(PairingActivity.EvidenceMax);
        b.Property(a => a.EvidenceFile).HasMaxLength(200);
        b.Property(a => a.EvidenceName).HasMaxLength(200);
        b.Property(a => a.EvidenceSha256).HasMaxLength(64);
        b.Property(a => a.UserName).HasMaxLength(100);
        b.Property(a => a.Amount).HasPrecision(14, 2);
        b.HasIndex(a => new { a.PairingId, a.On });
    }
}

/// <summary>The Chinese names of the kinds of help (one source; pages localize them).</summary>
public static class PairingText
{
    public static string Help(PairingHelp help) => help switch
    {
        PairingHelp.Training => "技术培训",
        PairingHelp.Information => "信息服务",
        PairingHelp.ProjectApplication => "项目申报",
        PairingHelp.Funding => "资金帮扶",
        _ => "共建活动",
    };
}
