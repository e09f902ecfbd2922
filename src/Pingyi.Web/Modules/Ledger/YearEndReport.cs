using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Ledger;

/// <summary>A township's year-end report on its rectification ledger (在年终述职评议时作专题汇报).</summary>
public sealed class YearEndReport
{
    /// <summary>The longest report, named once for the column, the check and the page.</summary>
    public const int TextMax = 20000;

    public long Id { get; set; }

    public long OrganizationId { get; set; }

    public int Year { get; set; }

    public required string Text { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class YearEndReportConfiguration : IEntityTypeConfiguration<YearEndReport>
{
    public void Configure(EntityTypeBuilder<YearEndReport> b)
    {
        b.Property(x => x.Text).HasMaxLength(YearEndReport.TextMax);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.OrganizationId, x.Year }).IsUnique();
    }
}
