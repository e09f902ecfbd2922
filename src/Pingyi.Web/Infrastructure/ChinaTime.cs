using System.Globalization;

namespace Pingyi.Web.Infrastructure;

/// <summary>Time is stored in UTC and shown in China time (UTC+8, no daylight saving).</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTime ToChina(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Offset);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.Add(Offset));

    private static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public static string Date(DateOnly? date) => date is not { } d ? string.Empty
        : IsChinese ? d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DateTimeText(DateTime utc)
    {
        var local = ToChina(utc);
        return IsChinese ? local.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture) : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC+8)";
    }
}
