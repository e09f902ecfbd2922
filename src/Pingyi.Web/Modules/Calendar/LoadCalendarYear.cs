using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Calendar;

/// <summary>
/// A year's schedule as the State Council's notice lists it: days off and weekend days worked instead, one date or
/// range a line ("2027-01-01", "2027-02-05~2027-02-13" or "2027-02-05至2027-02-13").
/// </summary>
public sealed record LoadCalendarYear(int Year, string DaysOff, string WorkedWeekendDays);

/// <summary>Loads (or replaces) a year's official schedule; every line that cannot be used is refused with its reason.</summary>
public sealed class LoadCalendarYearHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public async Task<CalendarYear> HandleAsync(LoadCalendarYear request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.SettingsKeepers, "只有系统管理员或组织部门可以载入工作日历");
        if (request.Year is < 2000 or > 2100)
        {
            throw RuleViolation.Invalid("年份应在 2000 至 2100 之间", "year");
        }
        var errors = new List<(string Field, string Message)>();
        var off = Dates(request.DaysOff, request.Year, "daysOff", "放假", errors);
        var worked = Dates(request.WorkedWeekendDays, request.Year, "workedWeekendDays", "调休上班", errors);
        if (off.Count == 0 && errors.All(e => e.Field != "daysOff"))
        {
            errors.Add(("daysOff", "请填写放假日期"));
        }
        foreach (var d in worked.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
        {
            errors.Add(("workedWeekendDays", $"调休上班日期 {d:yyyy-MM-dd} 不是周六或周日"));
        }
        foreach (var d in worked.Where(off.Contains))
        {
            errors.Add(("workedWeekendDays", $"{d:yyyy-MM-dd} 不能既放假又上班"));
        }
        if (errors.Count > 0)
        {
            throw RuleViolation.Invalid(errors);
        }
        var path = await scope.PathAsync(ct);
        await using var work = await db.BeginWorkAsync(ct);
        var year = await db.CalendarYears.FirstOrDefaultAsync(y => y.Year == request.Year, ct);
        if (year is null)
        {
            year = new CalendarYear { Year = request.Year, DaysOff = "", WorkedWeekendDays = "", LoadedBy = "" };
            db.CalendarYears.Add(year);
        }
        year.DaysOff = WorkCalendars.Join(off);
        year.WorkedWeekendDays = WorkCalendars.Join(worked);
        year.LoadedBy = scope.UserName ?? "system";
        year.LoadedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("calendar.load", nameof(CalendarYear), request.Year, path, new { daysOff = off.Count, workedWeekendDays = worked.Count });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return year;
    }

    private static HashSet<DateOnly> Dates(string? text, int year, string field, string what, List<(string, string)> errors)
    {
        var days = new HashSet<DateOnly>();
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split(['~', '至', '～'], StringSplitOptions.TrimEntries);
            if (parts.Length > 2 || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !DateOnly.TryParseExact(parts[^1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            {
                errors.Add((field, $"{what}第 {i + 1} 行“{lines[i]}”应为日期（如 {year}-10-01）或日期范围（如 {year}-10-01~{year}-10-07）"));
                continue;
            }
            if (from.Year != year || to.Year != year || to < from || to.DayNumber - from.DayNumber > 31)
            {
                errors.Add((field, $"{what}第 {i + 1} 行“{lines[i]}”应在 {year} 年内，且结束不早于开始"));
                continue;
            }
            for (var d = from; d <= to; d = d.AddDays(1))
            {
                days.Add(d);
            }
        }
        return days;
    }
}
