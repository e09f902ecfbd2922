using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// The public boards (bulletins, commitments, statistics, awards, selection notices, and the public bulletins API) are the pages a
/// crowd opens at once — a county's residents after a bulletin is published. Their answers to anonymous visitors are kept in
/// ASP.NET Core's output cache, in Redis when the nodes share one (<c>Cluster:Redis</c>), so every node serves what one node
/// rendered. A kept answer is keyed by the audit trail's latest entry: every change is audited (ADR 0010), so a publication
/// or any other change makes a new key and the next visitor gets a fresh page — at most one second after the change, the
/// time <see cref="AuditVersion"/> keeps the latest entry it read. Signed-in users are never served from the cache.
/// </summary>
public static class PublicCache
{
    public const string Policy = "public-board";

    public static IServiceCollection AddPublicCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuditVersion>();
        services.AddOutputCache(o => o.AddPolicy(Policy, b => b
            .Expire(TimeSpan.FromMinutes(10))
            .SetVaryByQuery("*")
            .VaryByValue(async (http, ct) => new KeyValuePair<string, string>("audit",
                (await http.RequestServices.GetRequiredService<AuditVersion>().GetAsync(ct)).ToString(CultureInfo.InvariantCulture)))
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))));
        if (configuration["Cluster:Redis"] is { Length: > 0 } redis)
        {
            services.AddStackExchangeRedisOutputCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = "pingyi:";
            });
        }
        return services;
    }
}

/// <summary>
/// The id of the audit trail's latest entry, read at most once a second per node. Read where the public boards read (the replica
/// while it is in use, <see cref="ReadDatabase"/>): a page is then never kept under a version newer than its own numbers.
/// </summary>
public sealed class AuditVersion(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private (long Version, DateTimeOffset ReadAt) _last = (-1, DateTimeOffset.MinValue);

    public async ValueTask<long> GetAsync(CancellationToken ct)
    {
        var last = _last;
        if (clock.GetUtcNow() - last.ReadAt < Fresh)
        {
            return last.Version;
        }
        await _reading.WaitAsync(ct);
        try
        {
            if (clock.GetUtcNow() - _last.ReadAt >= Fresh)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReadDatabase>().Context;
                _last = (await db.AuditEntries.MaxAsync(a => (long?)a.Id, ct) ?? 0, clock.GetUtcNow());
            }
            return _last.Version;
        }
        finally
        {
            _reading.Release();
        }
    }
}
