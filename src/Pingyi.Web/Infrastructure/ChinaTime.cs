using System.Globalization;

namespace Pingyi.Web.Infrastructure;

/// <summary>Time is stored in UTC and shown in China time (UTC+8, no daylight saving).</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTime ToChina(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Offset);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.Add(Offset));

    /// <summary>The UTC instant a China day begins.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - Offset;

    /// <summary>The UTC instant a China day ends (the next one begins): times before it are on or before the day.</summary>
    public static DateTime EndOfDayUtc(DateOnly day) => StartOfDayUtc(day.AddDays(1));

    private static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public static string Date(DateOnly? date) => date is not { } d ? string.Empty
        : IsChinese ? d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date as official documents write it whatever the screen's language: 2026年11月30日.</summary>
    public static string ChineseDate(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>The China-time day of a stored UTC moment, as the screen writes dates (a deadline by the day, not the minute).</summary>
    public static string DayText(DateTime utc) => Date(DateOnly.FromDateTime(ToChina(utc)));

    public static string DateTimeText(DateTime utc)
    {
        var local = ToChina(utc);
        return IsChinese ? local.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture) : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC+8)";
    }
}
