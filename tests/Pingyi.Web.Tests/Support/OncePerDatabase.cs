using System.Collections.Concurrent;

namespace Pingyi.Web.Tests.Support;

/// <summary>
/// A class fixture for a long journey: the journey runs once per database, the first time a test asks for it, and
/// the class's tests each check one of its steps on what it left (they read; at most one of them changes anything).
/// </summary>
public abstract class OncePerDatabase<TRun> : IAsyncLifetime where TRun : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TRun>>> _runs = new();

    public Task<TRun> For(string provider) => _runs.GetOrAdd(provider, p => new(() => RunAsync(p))).Value;

    protected abstract Task<TRun> RunAsync(string provider);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var run in _runs.Values.Where(r => r.IsValueCreated))
        {
            await (await run.Value).DisposeAsync();
        }
    }
}
