using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using NpgsqlTypes;
using Pingyi.Web.Data;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// Reads that may be a few seconds old — the statistics board and its lists, the ledger dashboard, the public boards — go to
/// a PostgreSQL streaming replica when <c>ConnectionStrings:PingyiReplica</c> is set (docs/deployment.md). Everything else,
/// every write and every page that shows what its user just changed, stays on the primary. The replica is used only while
/// <see cref="ReplicaMonitor"/> finds it answering and no further behind than <c>Cluster:ReplicaMaxLagSeconds</c> (default 10);
/// otherwise these reads fall back to the primary until it has caught up.
/// </summary>
public static class ReadReplica
{
    public static IServiceCollection AddReadReplica(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReadDatabase>();
        if (configuration.GetConnectionString("PingyiReplica") is not { Length: > 0 } replica)
        {
            return services;
        }
        if (configuration.Provider() != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("ConnectionStrings:PingyiReplica is set, but a read replica needs Database:Provider Postgres.");
        }
        var settings = new ReplicaSettings(configuration.ConnectionString(), replica,
            TimeSpan.FromSeconds(configuration.GetValue("Cluster:ReplicaMaxLagSeconds", 10.0)),
            TimeSpan.FromMilliseconds(configuration.GetValue("Cluster:ReplicaCheckMilliseconds", 1000)));
        services.AddSingleton(settings);
        services.AddSingleton<ReplicaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaMonitor>());
        services.AddHealthChecks().AddCheck<ReplicaHealthCheck>("replica");
        return services;
    }

    public static readonly Meter Meter = new("Pingyi.Replica");
}

public sealed record ReplicaSettings(string Primary, string Replica, TimeSpan MaxLag, TimeSpan CheckEvery);

/// <summary>
/// Watches how far the replica is behind: every <see cref="ReplicaSettings.CheckEvery"/> it notes the primary's WAL position
/// with the time, and asks the replica how far it has replayed. The lag is the age of the oldest noted position the replica
/// has not replayed yet (0 when it has replayed them all), so a replica whose replay is paused or slow ages by the clock even
/// while its connection answers. Unreachable, no longer replaying, or too far behind: not usable.
/// </summary>
public sealed class ReplicaMonitor : BackgroundService
{
    private readonly ReplicaSettings _settings;
    private readonly ILogger<ReplicaMonitor> _logger;
    private readonly TimeProvider _clock;
    private readonly NpgsqlDataSource _primary;
    private readonly NpgsqlDataSource _replica;
    private readonly Queue<(DateTimeOffset At, NpgsqlLogSequenceNumber Position)> _noted = new();
    private volatile ReplicaState _state = new(false, null, "not checked yet");

    public ReplicaMonitor(ReplicaSettings settings, ILogger<ReplicaMonitor> logger, TimeProvider clock)
    {
        _settings = settings;
        _logger = logger;
        _clock = clock;
        _primary = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(settings.Primary) { MaxPoolSize = 2 }.ConnectionString);
        _replica = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(settings.Replica) { MaxPoolSize = 2, Timeout = 3, CommandTimeout = 3 }.ConnectionString);
        Options = new DbContextOptionsBuilder<PostgresPingyiDbContext>().UseNpgsql(settings.Replica)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options;
        ReadReplica.Meter.CreateObservableGauge("pingyi.replica.lag", () => _state.Lag?.TotalSeconds ?? -1, "s",
            "How far the read replica is behind the primary (−1: unreachable)");
    }

    /// <summary>The options of a context on the replica, read-only (no change tracking).</summary>
    public DbContextOptions<PostgresPingyiDbContext> Options { get; }

    public ReplicaState State => _state;

    public sealed record ReplicaState(bool Usable, TimeSpan? Lag, string Reason);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var state = await CheckAsync(stoppingToken);
            if (state.Usable != _state.Usable)
            {
                if (state.Usable)
                {
                    _logger.LogInformation("Read replica in use again (lag {Lag:0.0} s)", state.Lag?.TotalSeconds);
                }
                else
                {
                    _logger.LogWarning("Read replica not used, reads go to the primary: {Reason}", state.Reason);
                }
            }
            _state = state;
            try
            {
                await Task.Delay(_settings.CheckEvery, _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<ReplicaState> CheckAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        try
        {
            await using (var command = _primary.CreateCommand("SELECT pg_current_wal_lsn()"))
            {
                _noted.Enqueue((now, (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct))!));
                if (_noted.Count > 100_000)
                {
                    _noted.Dequeue();
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The primary is down: nothing to compare with; the replica's data is the newest there is, and writes fail anyway.
            return _state with { Reason = "primary unreachable: " + e.Message };
        }
        NpgsqlLogSequenceNumber replayed;
        try
        {
            await using var command = _replica.CreateCommand("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()");
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            if (!reader.GetBoolean(0) || await reader.IsDBNullAsync(1, ct))
            {
                return new ReplicaState(false, null, "the replica is not replaying the primary's WAL");
            }
            replayed = reader.GetFieldValue<NpgsqlLogSequenceNumber>(1);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new ReplicaState(false, null, "replica unreachable: " + e.Message);
        }
        // Positions the replica has replayed are of no more use; the oldest one left is the oldest write it does not show.
        while (_noted.Count > 0 && _noted.Peek().Position <= replayed)
        {
            _noted.Dequeue();
        }
        var lag = _noted.Count == 0 ? TimeSpan.Zero : now - _noted.Peek().At;
        return lag <= _settings.MaxLag
            ? new ReplicaState(true, lag, "in use")
            : new ReplicaState(false, lag, $"{lag.TotalSeconds:0.0} s behind (more than {_settings.MaxLag.TotalSeconds:0.#} s)");
    }

    public override void Dispose()
    {
        _primary.Dispose();
        _replica.Dispose();
        base.Dispose();
    }
}

/// <summary>
/// The context for reads that may be a few seconds old: on the replica while it is usable, else the request's own context on the
/// primary. Queries through it must not write: a context on the replica tracks nothing and a save there fails.
/// </summary>
public sealed class ReadDatabase(PingyiDbContext primary, ReplicaMonitor? monitor = null) : IAsyncDisposable
{
    private static readonly Counter<long> Reads = ReadReplica.Meter.CreateCounter<long>("pingyi.replica.reads", "{context}",
        "Contexts opened for stale-tolerant reads, by where they read (replica or primary)");

    private PostgresPingyiDbContext? _replica;
    private PingyiDbContext? _chosen;

    public PingyiDbContext Context => _chosen ??= Choose();

    /// <summary>Whether this request's reads went to the replica.</summary>
    public bool FromReplica => _replica is not null;

    private PingyiDbContext Choose()
    {
        if (monitor is { State.Usable: true })
        {
            Reads.Add(1, new KeyValuePair<string, object?>("target", "replica"));
            return _replica = new PostgresPingyiDbContext(monitor.Options);
        }
        Reads.Add(1, new KeyValuePair<string, object?>("target", "primary"));
        return primary;
    }

    public async ValueTask DisposeAsync()
    {
        if (_replica is not null)
        {
            await _replica.DisposeAsync();
        }
    }
}

/// <summary>Degraded (not unhealthy: the primary serves the reads) while the replica is not used.</summary>
internal sealed class ReplicaHealthCheck(ReplicaMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(monitor.State.Usable ? HealthCheckResult.Healthy($"lag {monitor.State.Lag?.TotalSeconds:0.0} s") : HealthCheckResult.Degraded(monitor.State.Reason));
}
