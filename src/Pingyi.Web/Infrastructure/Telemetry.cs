using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// What an operator watches (docs/deployment.md): OpenTelemetry metrics — requests, the runtime, the ballot writer's batch
/// sizes and durations, background job runs, Npgsql's connections and commands — scraped by Prometheus at <c>/metrics</c>,
/// which answers only the addresses in <c>Telemetry:MetricsFrom</c> (loopback by default; others get the ordinary 404); traces
/// of requests and database commands are exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Neither carries a
/// query string's values, a request body, a rater code or a personal detail: metrics are counts and durations by route.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("pingyi", serviceInstanceId: configuration["Cluster:NodeName"] is { Length: > 0 } node ? node : Environment.MachineName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(BallotIntake.Meter.Name, IntervalJob.Meter.Name, ReadReplica.Meter.Name, SecurityHeaders.Meter.Name, "Npgsql")
                .AddPrometheusExporter());
        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            otel.WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/metrics"))
                .AddSource("Npgsql").AddOtlpExporter());
        }
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Ready]);
        if (configuration["Cluster:Redis"] is { Length: > 0 } redis)
        {
            services.AddHealthChecks().Add(new HealthCheckRegistration("redis", _ => new RedisHealthCheck(redis), null, [Ready]));
        }
        return services;
    }

    private const string Ready = "ready";

    /// <summary>
    /// <c>/metrics</c> for the allowed addresses; <c>/healthz/live</c> (the process answers), <c>/healthz/ready</c> and
    /// <c>/healthz</c> (the database, and Redis when the nodes use it).
    /// </summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var allowed = (app.Configuration["Telemetry:MetricsFrom"] ?? string.Empty)
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).Select(IPAddress.Parse).ToHashSet();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(c => c.Request.Path == "/metrics"
            && c.Connection.RemoteIpAddress is { } address && (IPAddress.IsLoopback(address) || allowed.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)));
        app.MapHealthChecks("/healthz/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", new() { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        return app;
    }

    private sealed class DatabaseHealthCheck(Data.PingyiDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
    }

    /// <summary>Redis answers PING (the node's own connection, <see cref="Cluster.RedisAsync"/>, so a check never waits on the backplane's).</summary>
    private sealed class RedisHealthCheck(string configuration) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                var connection = await Cluster.RedisAsync(configuration);
                await connection.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("redis unreachable", e);
            }
        }
    }
}
