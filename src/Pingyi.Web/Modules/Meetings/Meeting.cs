using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>A scheme (评议方案) kept by an organization; meetings copy its rules when they are created.</summary>
public sealed class Scheme
{
    public const int NameMax = 200;

    public long Id { get; set; }

    public required string Name { get; set; }

    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    /// <summary>The <see cref="SchemeRules"/> as JSON (<see cref="RulesJson"/>).</summary>
    public required string Rules { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum MeetingDirection
{
    /// <summary>To the superior committee.</summary>
    Upward,
    /// <summary>To the reporter's own members and the public.</summary>
    Downward,
}

/// <summary>The four steps of a cycle (SPEC §1) as the meeting's states.</summary>
public enum MeetingStage
{
    Preparation,
    Scoring,
    Assessment,
    Rectification,
}

public enum ScoringState
{
    Pending,
    Open,
    Closed,
}

public sealed class Meeting
{
    public long Id { get; set; }

    public required string Title { get; set; }

    /// <summary>The evaluation cycle, e.g. "2026年上半年"; upward and downward meetings of one cycle combine.</summary>
    public required string Cycle { get; set; }

    public long HostOrganizationId { get; set; }

    public Organization? HostOrganization { get; set; }

    public MeetingDirection Direction { get; set; }

    public long SchemeId { get; set; }

    /// <summary>The scheme's rules as they were when the meeting was created; later edits of the scheme do not change it.</summary>
    public required string Rules { get; set; }

    public DateOnly HeldOn { get; set; }

    public string? Location { get; set; }

    public MeetingStage Stage { get; set; }

    /// <summary>Rehearsal (试运行): only test codes score, and their ballots never reach results.</summary>
    public bool Rehearsal { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>Expected and present raters per group as recorded when results were published (JSON).</summary>
    public string? Attendance { get; set; }

    public List<MeetingReporter> Reporters { get; set; } = [];

    public List<MeetingGroup> Groups { get; set; } = [];
}

/// <summary>A secretary who reports at the meeting, in agenda order.</summary>
public sealed class MeetingReporter
{
    public long Id { get; set; }

    public long MeetingId { get; set; }

    public int Order { get; set; }

    public long? PersonId { get; set; }

    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public required string Name { get; set; }

    /// <summary>Post, e.g. "党委书记".</summary>
    public string? Post { get; set; }

    public string? ReportText { get; set; }

    public string? SlidesFileName { get; set; }

    public string? SlidesFile { get; set; }

    public ScoringState State { get; set; }

    public string? VetoReason { get; set; }
}

public sealed class MeetingGroup
{
    public long Id { get; set; }

    public long MeetingId { get; set; }

    /// <summary>Position of the group in the scheme's rules.</summary>
    public int Index { get; set; }

    public required string Key { get; set; }

    public required string Name { get; set; }

    public int ExpectedRaters { get; set; }
}

/// <summary>
/// A one-time anonymous rater code. Only a keyed hash of the code is stored. Which reporters the
/// code has scored is a set on the code itself, with no time and no link to the ballots.
/// </summary>
public sealed class RaterCode
{
    public long Id { get; set; }

    public long MeetingId { get; set; }

    public long GroupId { get; set; }

    public required string CodeHash { get; set; }

    public bool Rehearsal { get; set; }

    /// <summary>Counted present (实到) once the code has opened the ballot page.</summary>
    public bool Present { get; set; }

    /// <summary>Ids of the reporters this code has scored, comma-separated and sorted.</summary>
    public string Scored { get; set; } = string.Empty;

    /// <summary>
    /// The one reporter this code may score, when it was made for them (the people of a village evaluate their own
    /// secretary, 一考双评); null: every reporter of the meeting. It names whom the code scores, never who holds it.
    /// </summary>
    public long? ReporterId { get; set; }
}

/// <summary>
/// One rater's ballot for one reporter. Deliberately without the code, the time, the address or an
/// increasing id: the id is the reporter's and random bits, so not even the order of casting is kept.
/// </summary>
public sealed class Ballot
{
    public long Id { get; set; }

    public long MeetingId { get; set; }

    public long ReporterId { get; set; }

    public long GroupId { get; set; }

    public Grade? Grade { get; set; }

    /// <summary>Points per indicator in the scheme's order, invariant culture, comma-separated.</summary>
    public string? Indicators { get; set; }

    public required string Receipt { get; set; }

    public bool Rehearsal { get; set; }
}

/// <summary>An opinion (意见建议) given with a ballot; kept apart from the ballot, with a random id.</summary>
public sealed class Opinion
{
    /// <summary>The longest opinion a rater may write, named once for the column, the intake and the phone page.</summary>
    public const int TextMax = 1000;

    public long Id { get; set; }

    public long MeetingId { get; set; }

    public long ReporterId { get; set; }

    public required string Category { get; set; }

    public required string Text { get; set; }

    public bool Rehearsal { get; set; }
}

/// <summary>A reporter's published result, frozen at publishing so a recount can be compared with it.</summary>
public sealed class MeetingResult
{
    public long Id { get; set; }

    public long MeetingId { get; set; }

    public long ReporterId { get; set; }

    /// <summary>The exact composite, as the engine computed it; null without a result.</summary>
    public decimal? Composite { get; set; }

    public Grade? Grade { get; set; }

    public int? Position { get; set; }

    public ResultFlags Flags { get; set; }

    /// <summary>The group-by-group explanation (JSON).</summary>
    public required string Explanation { get; set; }
}

public enum TalkState
{
    Scheduled,
    Completed,
}

/// <summary>A talk (约谈) the superior secretary holds with a reporter graded 较差 or positioned last.</summary>
public sealed class Talk
{
    public long Id { get; set; }

    public long MeetingId { get; set; }

    public long ReporterId { get; set; }

    public long OrganizationId { get; set; }

    public long? PersonId { get; set; }

    public required string PersonName { get; set; }

    public required string Reason { get; set; }

    public TalkState State { get; set; }

    public DateTime? ScheduledAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public string? Notes { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class MeetingConfigurations :
    IEntityTypeConfiguration<Scheme>, IEntityTypeConfiguration<Meeting>, IEntityTypeConfiguration<MeetingReporter>,
    IEntityTypeConfiguration<MeetingGroup>, IEntityTypeConfiguration<RaterCode>, IEntityTypeConfiguration<Ballot>,
    IEntityTypeConfiguration<Opinion>, IEntityTypeConfiguration<MeetingResult>, IEntityTypeConfiguration<Talk>
{
    public void Configure(EntityTypeBuilder<Scheme> b)
    {
        b.Property(x => x.Name).HasMaxLength(Scheme.NameMax);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Cycle).HasMaxLength(50);
        b.Property(x => x.Location).HasMaxLength(200);
        b.Property(x => x.Direction).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
        b.HasOne(x => x.HostOrganization).WithMany().HasForeignKey(x => x.HostOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Scheme>().WithMany().HasForeignKey(x => x.SchemeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Reporters).WithOne().HasForeignKey(x => x.MeetingId);
        b.HasMany(x => x.Groups).WithOne().HasForeignKey(x => x.MeetingId);
        b.HasIndex(x => x.Cycle);
    }

    public void Configure(EntityTypeBuilder<MeetingReporter> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Post).HasMaxLength(100);
        b.Property(x => x.SlidesFileName).HasMaxLength(200);
        b.Property(x => x.SlidesFile).HasMaxLength(200);
        b.Property(x => x.VetoReason).HasMaxLength(500);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MeetingId, x.Order });
        b.HasIndex(x => x.PersonId);
    }

    public void Configure(EntityTypeBuilder<MeetingGroup> b)
    {
        b.Property(x => x.Key).HasMaxLength(50);
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => new { x.MeetingId, x.Index }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<RaterCode> b)
    {
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.HasIndex(x => x.CodeHash).IsUnique();
        b.HasIndex(x => new { x.MeetingId, x.GroupId });
        // ReporterId without a foreign key: SQLite would rebuild the whole RaterCodes table to add one, outside a transaction (ADR 0016); the code
        // generator checks the reporter belongs to the meeting, and reporters are never deleted from a meeting with codes.
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId);
        b.HasOne<MeetingGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Ballot> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Grade).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Indicators).HasMaxLength(2000);
        b.Property(x => x.Receipt).HasMaxLength(16);
        // No index on the receipt: its random values would scatter every batch over the index; a
        // retried ballot is found among its reporter's ballots.
        b.HasIndex(x => new { x.MeetingId, x.ReporterId });
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId);
    }

    public void Configure(EntityTypeBuilder<Opinion> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Category).HasMaxLength(50);
        b.Property(x => x.Text).HasMaxLength(Opinion.TextMax);
        b.HasIndex(x => new { x.MeetingId, x.ReporterId });
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId);
    }

    public void Configure(EntityTypeBuilder<MeetingResult> b)
    {
        b.Property(x => x.Grade).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.MeetingId, x.ReporterId }).IsUnique();
        b.HasIndex(x => x.ReporterId); // a county's results (statistics: its reporters, then theirs) without reading the province's
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId);
    }

    public void Configure(EntityTypeBuilder<Talk> b)
    {
        b.Property(x => x.PersonName).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => x.MeetingId);
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId);
    }
}
