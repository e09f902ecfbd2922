namespace Pingyi.Web.Infrastructure;

/// <summary>
/// A background job that runs at start and then every <see cref="Interval"/> on the <see cref="TimeProvider"/> (tests move
/// the clock); a failed run is logged and tried again at the next interval, never stops the host.
/// </summary>
public abstract class IntervalJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One run; it logs what it changed.</summary>
    protected abstract Task RunAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogError(e, "{Job} run failed; trying again in {Interval}", GetType().Name, Interval);
            }
            await Task.Delay(Interval, Clock, stoppingToken);
        }
    }
}
