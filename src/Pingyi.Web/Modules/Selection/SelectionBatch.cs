using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Selection;

namespace Pingyi.Web.Modules.Selection;

/// <summary>
/// A selection batch (选任批次, "一": 职位空缺预告): the open leading posts announced together with the nomination window; a draft
/// until published, then on the public page and in the Word notice.
/// </summary>
public sealed class SelectionBatch
{
    public const int TitleMax = 100;

    public long Id { get; set; }

    public required string Title { get; set; }

    public int Year { get; set; }

    /// <summary>The organization that selects (the county committee, its organization department).</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public DateOnly NominationFrom { get; set; }

    public DateOnly NominationUntil { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<SelectionPost> Posts { get; set; } = [];
}

/// <summary>An open post of a batch with its places and requirements (rank, ages, years in post, education, field).</summary>
public sealed class SelectionPost
{
    public const int TextMax = 100;

    public long Id { get; set; }

    public long BatchId { get; set; }

    public required string Title { get; set; }

    /// <summary>The organization the post is in.</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public string? Rank { get; set; }

    public int Places { get; set; }

    public int? MinAge { get; set; }

    public int? MaxAge { get; set; }

    public int? MinYearsInPost { get; set; }

    /// <summary>The education requirement as the notice words it (“大学本科及以上”).</summary>
    public string? Education { get; set; }

    /// <summary>The lowest 学历 the post accepts, what eligibility checks; null: any.</summary>
    public Core.People.EducationLevel? MinEducation { get; set; }

    public string? Field { get; set; }

    public PostRequirements Requirements => new(MinAge, MaxAge, MinYearsInPost, MinEducation);

    /// <summary>The education requirement as a notice words it: “大学本科及以上”; null: any.</summary>
    public static string? EducationText(Core.People.EducationLevel? lowest) => lowest is { } e ? $"{Core.People.PersonNames.Chinese(e)}及以上" : null;
}

public enum NominationState
{
    Standing = 0,
    Eliminated = 1,
    Withdrawn = 2,
    Appointed = 3,
}

/// <summary>
/// A nominee for a post by one of the seven channels, with its evidence (the recommendation letter, the minutes, the meeting's
/// tally as written) and, for a leading cadre's personal recommendation, the accountable cadre. An eliminated nomination keeps
/// the round that eliminated it and never stands in a later one.
/// </summary>
public sealed class Nomination
{
    public const int EvidenceMax = 500;

    public long Id { get; set; }

    public long PostId { get; set; }

    public long PersonId { get; set; }

    public People.Person? Person { get; set; }

    public NominationChannel Channel { get; set; }

    public required string Evidence { get; set; }

    /// <summary>The leading cadre who recommends personally and answers for the nominee (领导干部个人推荐).</summary>
    public long? NominatorPersonId { get; set; }

    public NominationState State { get; set; }

    /// <summary>The round (1–3) that eliminated the nominee.</summary>
    public int? EliminatedInRound { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A co-signer of a joint public nomination (群众联名推荐): known by the keyed hash of their ID number (to verify them once and
/// refuse a second signature for the same post) and their name encrypted; nothing else is kept.
/// </summary>
public sealed class CoSigner
{
    public long Id { get; set; }

    public long PostId { get; set; }

    public long NominationId { get; set; }

    public required string IdNumberHash { get; set; }

    public required byte[] NameCipher { get; set; }
}

/// <summary>The three competitive rounds (三, seed 000): the organization department, a meeting of all serving cadres, the county committee plenary.</summary>
public enum RoundStage
{
    OrganizationDepartment = 1,
    AllCadres = 2,
    CommitteePlenary = 3,
}

/// <summary>
/// Votes cast by secret ballot and counted on paper, a scored speech and examination, or a secret ballot on phones through the
/// meeting machinery (one-time codes, receipts, recount): each candidate's result is then the meeting's published composite.
/// </summary>
public enum RoundMethod
{
    Ballot = 0,
    Scored = 1,
    Phones = 2,
}

public enum RoundState
{
    Open = 0,
    Closed = 1,

    /// <summary>Closed with a tie at the cut: a runoff among the tied decides the remaining places.</summary>
    AwaitingRunoff = 2,
}

/// <summary>
/// A competitive round of a post: its stage, method, the number advancing and the tie rule — fixed when it is planned, before
/// it starts — its candidates, and when it closes, the eligible voters and each candidate's result and fate.
/// </summary>
public sealed class SelectionRound
{
    public long Id { get; set; }

    public long PostId { get; set; }

    /// <summary>1–3; a runoff (or a second one after a tied runoff) keeps its round's number.</summary>
    public int Number { get; set; }

    public bool Runoff { get; set; }

    public RoundStage Stage { get; set; }

    public RoundMethod Method { get; set; }

    public int Advancing { get; set; }

    public TieRule TieRule { get; set; }

    public RoundState State { get; set; }

    /// <summary>The eligible voters (or examiners) recorded when the round closes.</summary>
    public int? Voters { get; set; }

    /// <summary>The evaluation meeting that holds a <see cref="RoundMethod.Phones"/> round; its publication closes the round.</summary>
    public long? MeetingId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public List<RoundEntry> Entries { get; set; } = [];
}

public enum EntryOutcome
{
    Pending = 0,
    Advanced = 1,
    Eliminated = 2,
    Runoff = 3,
}

/// <summary>A candidate in a round: their votes or score once it closes, and what came of it.</summary>
public sealed class RoundEntry
{
    public long Id { get; set; }

    public long RoundId { get; set; }

    public long NominationId { get; set; }

    /// <summary>The candidate's reporter line in the round's meeting (phone rounds).</summary>
    public long? ReporterId { get; set; }

    public decimal? Score { get; set; }

    public EntryOutcome Outcome { get; set; }
}

/// <summary>
/// The integrity review before appointment (任前廉政审查, seed 003): the discipline body's conclusive assessment, then the
/// signatures of the party secretary and of the discipline secretary — each the recorded act of that account.
/// </summary>
public sealed class IntegrityReview
{
    public const int ConclusionMax = 1000;

    public long Id { get; set; }

    public long NominationId { get; set; }

    public bool Passed { get; set; }

    public required string Conclusion { get; set; }

    public required string AssessedBy { get; set; }

    public DateTime AssessedAt { get; set; }

    public string? PartySecretarySignedBy { get; set; }

    public DateTime? PartySecretarySignedAt { get; set; }

    public string? DisciplineSecretarySignedBy { get; set; }

    public DateTime? DisciplineSecretarySignedAt { get; set; }

    public bool Signed => PartySecretarySignedAt is not null && DisciplineSecretarySignedAt is not null;
}

internal sealed class SelectionConfiguration : IEntityTypeConfiguration<SelectionBatch>, IEntityTypeConfiguration<SelectionPost>, IEntityTypeConfiguration<Nomination>,
    IEntityTypeConfiguration<CoSigner>, IEntityTypeConfiguration<SelectionRound>, IEntityTypeConfiguration<RoundEntry>, IEntityTypeConfiguration<IntegrityReview>
{
    public void Configure(EntityTypeBuilder<IntegrityReview> b)
    {
        b.Property(x => x.Conclusion).HasMaxLength(IntegrityReview.ConclusionMax);
        b.Property(x => x.AssessedBy).HasMaxLength(100);
        b.Property(x => x.PartySecretarySignedBy).HasMaxLength(100);
        b.Property(x => x.DisciplineSecretarySignedBy).HasMaxLength(100);
        b.Ignore(x => x.Signed);
        b.HasIndex(x => x.NominationId).IsUnique();
        b.HasOne<Nomination>().WithMany().HasForeignKey(x => x.NominationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SelectionBatch> b)
    {
        b.Property(x => x.Title).HasMaxLength(SelectionBatch.TitleMax);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Posts).WithOne().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SelectionPost> b)
    {
        b.Property(x => x.Title).HasMaxLength(SelectionPost.TextMax);
        b.Property(x => x.Rank).HasMaxLength(SelectionPost.TextMax);
        b.Property(x => x.Education).HasMaxLength(SelectionPost.TextMax);
        b.Property(x => x.Field).HasMaxLength(SelectionPost.TextMax);
        b.Ignore(x => x.Requirements);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Nomination> b)
    {
        b.Property(x => x.Evidence).HasMaxLength(Nomination.EvidenceMax);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasIndex(x => new { x.PostId, x.PersonId }).IsUnique();
        b.HasOne<SelectionPost>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Person>().WithMany().HasForeignKey(x => x.NominatorPersonId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CoSigner> b)
    {
        b.Property(x => x.IdNumberHash).HasMaxLength(64);
        b.HasIndex(x => new { x.PostId, x.IdNumberHash }).IsUnique();
        b.HasOne<Nomination>().WithMany().HasForeignKey(x => x.NominationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SelectionRound> b)
    {
        // A runoff may tie again and be followed by another: only the rounds themselves are one per number.
        b.HasIndex(x => new { x.PostId, x.Number, x.Runoff });
        b.HasIndex(x => x.MeetingId);
        b.HasOne<SelectionPost>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RoundEntry> b)
    {
        b.Property(x => x.Score).HasPrecision(12, 2);
        b.HasIndex(x => new { x.RoundId, x.NominationId }).IsUnique();
        b.HasOne<Nomination>().WithMany().HasForeignKey(x => x.NominationId).OnDelete(DeleteBehavior.Restrict);
    }
}
