using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Commitments;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>
/// A commitment evaluated three ways (三评) in a meeting of the evaluation engine: the commitment is a reporter of that
/// meeting, and the star lines in force when the evaluation began stay with it (a later change of the lines does not
/// re-star a past year).
/// </summary>
public sealed class CommitmentEvaluation
{
    public long Id { get; set; }

    public long CommitmentId { get; set; }

    public long MeetingId { get; set; }

    public long ReporterId { get; set; }

    public decimal FiveStars { get; set; }

    public decimal FourStars { get; set; }

    public decimal ThreeStars { get; set; }

    public decimal TwoStars { get; set; }

    public StarThresholds Lines => new(FiveStars, FourStars, ThreeStars, TwoStars);
}

/// <summary>A nominee of a year's 十佳 vote: a commitment of three stars or more, a reporter of the vote's meeting.</summary>
public sealed class TopTenNomination
{
    /// <summary>How many the vote names: the ten best (a tie at the tenth place names all who share it).</summary>
    public const int Places = 10;

    public long Id { get; set; }

    public long CommitmentId { get; set; }

    public long MeetingId { get; set; }

    public long ReporterId { get; set; }

    public int Year { get; set; }

    public CommitmentOwner Owner { get; set; }
}

internal sealed class CommitmentEvaluationConfiguration : IEntityTypeConfiguration<CommitmentEvaluation>, IEntityTypeConfiguration<TopTenNomination>
{
    public void Configure(EntityTypeBuilder<TopTenNomination> b)
    {
        b.Property(x => x.Owner).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Commitment>().WithMany().HasForeignKey(x => x.CommitmentId);
        b.HasOne<Meetings.Meeting>().WithMany().HasForeignKey(x => x.MeetingId);
        b.HasIndex(x => new { x.Year, x.Owner, x.CommitmentId }).IsUnique();
        b.HasIndex(x => x.MeetingId);
    }

    public void Configure(EntityTypeBuilder<CommitmentEvaluation> b)
    {
        foreach (var p in new[] { nameof(CommitmentEvaluation.FiveStars), nameof(CommitmentEvaluation.FourStars), nameof(CommitmentEvaluation.ThreeStars), nameof(CommitmentEvaluation.TwoStars) })
        {
            b.Property<decimal>(p).HasPrecision(5, 2);
        }
        b.Ignore(x => x.Lines);
        b.HasOne<Commitment>().WithMany().HasForeignKey(x => x.CommitmentId);
        b.HasOne<Meetings.Meeting>().WithMany().HasForeignKey(x => x.MeetingId);
        b.HasIndex(x => x.CommitmentId).IsUnique();
        b.HasIndex(x => x.MeetingId);
    }
}
