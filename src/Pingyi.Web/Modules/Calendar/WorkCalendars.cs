using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Calendar;
using Pingyi.Web.Data;

namespace Pingyi.Web.Modules.Calendar;

/// <summary>
/// The work calendar the platform counts with: 2026's official schedule as shipped, every year an administrator loaded
/// (which replaces a shipped one), and the statutory holidays alone for any other year.
/// </summary>
public sealed class WorkCalendars(PingyiDbContext db)
{
    public static readonly IReadOnlyList<YearSchedule> Shipped = [YearSchedule.Year2026];

    public async Task<WorkCalendar> CurrentAsync(CancellationToken ct = default) => From(await db.CalendarYears.AsNoTracking().ToListAsync(ct));

    /// <summary>The shipped years, each replaced by a loaded one of the same year, and the loaded ones.</summary>
    private static WorkCalendar From(IReadOnlyList<CalendarYear> loaded) =>
        new([.. Shipped.Where(s => loaded.All(l => l.Year != s.Year)), .. loaded.Select(ToSchedule)]);

    public async Task<IReadOnlyList<(int Year, bool Official, string Source, int DaysOff, int WorkedWeekendDays)>> YearsAsync(int thisYear, CancellationToken ct = default)
    {
        var loaded = await db.CalendarYears.AsNoTracking().ToListAsync(ct);
        var calendar = From(loaded);
        var years = Shipped.Select(s => s.Year).Concat(loaded.Select(l => l.Year)).Append(thisYear).Append(thisYear + 1).Distinct().Order();
        return [.. years.Select(y =>
        {
            var schedule = calendar.For(y);
            var source = loaded.FirstOrDefault(l => l.Year == y) is { } l ? $"{l.LoadedBy} {Infrastructure.ChinaTime.DateTimeText(l.LoadedAt)}" : schedule.Official ? "随平台提供" : "仅法定节假日";
            return (y, schedule.Official, source, schedule.DaysOff.Count, schedule.WorkedWeekendDays.Count);
        })];
    }

    internal static YearSchedule ToSchedule(CalendarYear y) => new(y.Year, Parse(y.DaysOff), Parse(y.WorkedWeekendDays), Official: true);

    internal static string Join(IEnumerable<DateOnly> days) => string.Join(",", days.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private static HashSet<DateOnly> Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
}
