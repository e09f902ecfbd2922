using System.Threading.RateLimiting;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// Every endpoint open without signing in is limited per client address: writes (filing a petition or a request, rating,
/// booking, Open311 posts) to <c>Security:PublicWritesPerMinute</c>, reads to <c>Security:PublicReadsPerMinute</c>. A meeting
/// hall's phones share one address behind its router: the rater's endpoints (<see cref="CrowdTrafficAttribute"/>) are left to
/// the rater-code guard, which counts only unknown codes.
/// </summary>
public static class PublicLimits
{
    public static void AddPublicLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var writes = configuration.GetValue("Security:PublicWritesPerMinute", 30);
        var reads = configuration.GetValue("Security:PublicReadsPerMinute", 600);
        services.AddRateLimiter(o => o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var endpoint = http.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null
                || endpoint.Metadata.GetMetadata<CrowdTrafficAttribute>() is not null)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }
            var write = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter((write ? "w " : "r ") + address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = write ? writes : reads, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            });
        }));
    }
}

/// <summary>An anonymous endpoint a whole meeting hall calls from one address (ballots, the ballot page, receipts).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class CrowdTrafficAttribute : Attribute;
