using System.Threading.RateLimiting;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// Slows down guessing of rater codes: an address that presents too many unknown codes in a minute
/// is refused for the rest of that minute. Only failures count, because a whole village's phones may
/// share one address behind its router.
/// </summary>
public sealed class RaterCodeGuard(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue("Security:UnknownRaterCodesPerMinute", 30),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool Blocked(HttpContext http) => _failures.GetStatistics(Address(http))?.CurrentAvailablePermits <= 0;

    public void Failed(HttpContext http)
    {
        using var lease = _failures.AttemptAcquire(Address(http));
    }

    public void Dispose() => _failures.Dispose();

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
