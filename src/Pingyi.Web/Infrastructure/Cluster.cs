using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using StackExchange.Redis;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// What lets several web nodes serve one PostgreSQL database behind a reverse proxy (docs/deployment.md, ADR 0021):
/// <c>Cluster:Redis</c> carries the live boards' messages between nodes (the SignalR Redis backplane; clients connect by
/// WebSockets without negotiation, so any node can take any connection and no sticky sessions are needed);
/// <c>Cluster:TrustedProxies</c> names the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, so the
/// per-address limits and the audit see the phone's address rather than the proxy's. The data-protection keys (sign-in
/// cookies, antiforgery) live in the database for every node, and background jobs take a lock in it (<see cref="JobLocks"/>).
/// </summary>
public static class Cluster
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> Connections = new();

    /// <summary>
    /// The node's own connection to <c>Cluster:Redis</c> besides the backplane's (the health check, which boards are watched):
    /// one per configuration for the life of the process, reconnecting by itself (it never fails at start).
    /// </summary>
    public static Task<ConnectionMultiplexer> RedisAsync(string configuration) =>
        Connections.GetOrAdd(configuration, c => new(() => ConnectionMultiplexer.ConnectAsync(c + ",abortConnect=false"))).Value;

    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["Cluster:Redis"] is { Length: > 0 } redis)
        {
            services.AddSignalR().AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("pingyi"));
        }
        var proxies = configuration["Cluster:TrustedProxies"] is { Length: > 0 } list
            ? list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).Select(p => IPAddress.TryParse(p, out var a) ? a
                : throw new InvalidOperationException($"Cluster:TrustedProxies: “{p}” is not an IP address.")).ToList()
            : [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }
        });
        return services;
    }

    /// <summary>
    /// Believes the forwarded headers of the trusted proxies only (none unless configured), and names the node that answered
    /// in <c>X-Pingyi-Node</c> when <c>Cluster:NodeName</c> is set (for the operator reading nginx's logs, and the tests).
    /// </summary>
    public static IApplicationBuilder UseCluster(this IApplicationBuilder app, IConfiguration configuration)
    {
        app.UseForwardedHeaders();
        if (configuration["Cluster:NodeName"] is { Length: > 0 } node)
        {
            app.Use((context, next) =>
            {
                // Set as the answer starts, so that an answer from the shared output cache names the node that sent it, not the
                // one that rendered it.
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers["X-Pingyi-Node"] = node;
                    return Task.CompletedTask;
                });
                return next(context);
            });
        }
        return app;
    }
}
