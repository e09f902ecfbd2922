namespace Pingyi.Web.Infrastructure;

public static class IntervalJobs
{
    /// <summary>
    /// Registers the job (the tests and the command line call its runs directly) and runs it in the background unless
    /// <c>Jobs:Enabled</c> is false: a node kept for pages alone. Any number of nodes may run the jobs — each run takes the
    /// job's lock in the database (<see cref="JobLocks"/>) — so this is a choice of where the work happens, not of safety.
    /// </summary>
    public static IServiceCollection AddIntervalJob<T>(this IServiceCollection services, IConfiguration configuration) where T : IntervalJob
    {
        services.AddSingleton<T>();
        if (configuration.GetValue("Jobs:Enabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<T>());
        }
        return services;
    }
}

/// <summary>
/// A background job that runs at start and then every <see cref="Interval"/> on the <see cref="TimeProvider"/> (tests move
/// the clock); a failed run is logged and tried again at the next interval, never stops the host.
/// </summary>
public abstract class IntervalJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>Runs of every job, by job and outcome, and their durations (Telemetry).</summary>
    public static readonly System.Diagnostics.Metrics.Meter Meter = new("Pingyi.Jobs");

    private static readonly System.Diagnostics.Metrics.Counter<long> Runs = Meter.CreateCounter<long>("pingyi.jobs.runs", "{run}");

    private static readonly System.Diagnostics.Metrics.Histogram<double> Duration = Meter.CreateHistogram<double>("pingyi.jobs.duration", "s");

    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One run; it logs what it changed.</summary>
    protected abstract Task RunAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var outcome = "done";
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcome = "failed";
                Logger.LogError(e, "{Job} run failed; trying again in {Interval}", GetType().Name, Interval);
            }
            var job = new KeyValuePair<string, object?>("job", GetType().Name);
            Runs.Add(1, job, new("outcome", outcome));
            Duration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, job);
            await Task.Delay(Interval, Clock, stoppingToken);
        }
    }
}
