using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Calendar;

/// <summary>A year's official schedule as an administrator loaded it (ISO dates, comma-separated).</summary>
public sealed class CalendarYear
{
    public int Year { get; set; }

    public required string DaysOff { get; set; }

    public required string WorkedWeekendDays { get; set; }

    public required string LoadedBy { get; set; }

    public DateTime LoadedAt { get; set; }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
        b.Property(x => x.DaysOff).HasMaxLength(2000);
        b.Property(x => x.WorkedWeekendDays).HasMaxLength(1000);
        b.Property(x => x.LoadedBy).HasMaxLength(256);
    }
}
