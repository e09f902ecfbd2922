using System.Collections.Concurrent;
using Npgsql;
using Pingyi.Web.Data;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// One run of a background job at a time — in this process, and on PostgreSQL across every node serving the database: a
/// session advisory lock, named after the job, held on a connection of its own for the run (a node that dies lets go with
/// its connection). Runs on several nodes are serialized, not skipped: each job marks what it handled (reminded, overdue,
/// escalated), so the second run finds nothing left and every duty is done once (ClusterTests). SQLite is one node.
/// </summary>
public sealed class JobLocks(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new();

    public async Task<IAsyncDisposable> AcquireAsync(string job, CancellationToken ct)
    {
        var local = _local.GetOrAdd(job, _ => new SemaphoreSlim(1, 1));
        await local.WaitAsync(ct);
        if (configuration.Provider() != DatabaseProvider.Postgres)
        {
            return new Held(local, null);
        }
        try
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(configuration.ConnectionString()) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection) { Parameters = { new() { Value = Key(job) } } };
            await command.ExecuteNonQueryAsync(ct);
            return new Held(local, connection);
        }
        catch
        {
            local.Release();
            throw;
        }
    }

    /// <summary>A stable 64-bit key of the job's name (FNV-1a), the same on every node.</summary>
    private static long Key(string job)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes("pingyi-job:" + job))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    private sealed class Held(SemaphoreSlim local, NpgsqlConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync(); // closing the session releases its advisory locks
                }
            }
            finally
            {
                local.Release();
            }
        }
    }
}
