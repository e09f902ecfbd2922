using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>
/// The five ways of gathering what is known of cadres before a re-election (五式谈话, seed 003), named after the ways the seed's
/// county used: letters asking the county units (函询, 64 units), individual interviews (个别访谈, 310 people in 10 groups), visits
/// to villages (实地走访, 98 villages), reading the record (调阅资料: audits, petitions, study — 200 files), and heart-to-heart talks
/// with every cadre (谈心谈话).
/// </summary>
public enum AnalysisMethod
{
    Letter = 0,
    Interview = 1,
    Visit = 2,
    Review = 3,
    HeartTalk = 4,
}

/// <summary>The five-category judgement of a cadre (五类研判), best first.</summary>
public enum JudgementCategory
{
    First = 1,
    Second = 2,
    Third = 3,
    Fourth = 4,
    Fifth = 5,
}

/// <summary>What the judgement leads to (提 / 转 / 留, seed 003: 22 promoted, 37 exchanged, the rest kept).</summary>
public enum CadreDecision
{
    Promote = 0,
    Exchange = 1,
    Keep = 2,
}

/// <summary>
/// A re-election analysis work plan (换届分析研判工作方案): its organization and year, and the targets of each way of gathering — how
/// many units asked by letter, people interviewed (in how many groups), villages visited, files read, cadres talked with.
/// </summary>
public sealed class AnalysisPlan
{
    public const int TitleMax = 100;

    public long Id { get; set; }

    public required string Title { get; set; }

    public int Year { get; set; }

    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public int LettersTarget { get; set; }

    public int InterviewsTarget { get; set; }

    public int InterviewGroupsTarget { get; set; }

    public int VisitsTarget { get; set; }

    public int ReviewsTarget { get; set; }

    public int HeartTalksTarget { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A record of the plan's work: a way of gathering, the day, how many (units, people, villages, files), the notes; a talk may name the cadre it was with.</summary>
public sealed class AnalysisRecord
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public AnalysisMethod Method { get; set; }

    public DateOnly On { get; set; }

    public int Count { get; set; }

    /// <summary>For interviews: the level (层面) the people interviewed belong to, e.g. "县级领导".</summary>
    public string? Group { get; set; }

    public long? PersonId { get; set; }

    public required string Notes { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A cadre's judgement (五类研判) with the decision it leads to (提 / 转 / 留), the reasons and who made it.</summary>
public sealed class CadreJudgement
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public long PersonId { get; set; }

    public People.Person? Person { get; set; }

    public long OrganizationId { get; set; }

    public JudgementCategory Category { get; set; }

    public CadreDecision Decision { get; set; }

    public required string Reasons { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class AnalysisConfiguration : IEntityTypeConfiguration<AnalysisPlan>, IEntityTypeConfiguration<AnalysisRecord>, IEntityTypeConfiguration<CadreJudgement>
{
    public void Configure(EntityTypeBuilder<AnalysisPlan> b)
    {
        b.Property(x => x.Title).HasMaxLength(AnalysisPlan.TitleMax);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasIndex(x => x.OrganizationId);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AnalysisRecord> b)
    {
        b.Property(x => x.Group).HasMaxLength(50);
        b.Property(x => x.Notes).HasMaxLength(AccountabilityRecord.TextMax);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasIndex(x => x.PlanId);
        b.HasIndex(x => x.PersonId);
        b.HasOne<AnalysisPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CadreJudgement> b)
    {
        b.Property(x => x.Reasons).HasMaxLength(AccountabilityRecord.TextMax);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasIndex(x => new { x.PlanId, x.PersonId }).IsUnique();
        b.HasIndex(x => x.PersonId);
        b.HasOne<AnalysisPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
