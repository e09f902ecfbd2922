using Microsoft.EntityFrameworkCore.Storage;

namespace Pingyi.Web.Data;

/// <summary>
/// One use case, one transaction: a change, its events, notifications and audit entries commit together
/// or not at all, however many times the use case saves (to learn generated ids). A use case called
/// inside another joins the outer transaction instead of starting its own. docs/decisions/0010.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly IDbContextTransaction? _own;

    private UnitOfWork(IDbContextTransaction? own) => _own = own;

    /// <summary>Commits the work if this unit began the transaction; an inner unit leaves that to the outer one.</summary>
    public Task CommitAsync(CancellationToken ct = default) => _own?.CommitAsync(ct) ?? Task.CompletedTask;

    /// <summary>Without a commit the work is rolled back.</summary>
    public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;

    internal static async Task<UnitOfWork> BeginAsync(PingyiDbContext db, CancellationToken ct) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null);
}

public static class UnitOfWorkExtensions
{
    /// <summary>
    /// Begins a use case's transaction (SQLite: BEGIN IMMEDIATE, so the write lock is held from the start
    /// and a read-then-write never fails to upgrade; PostgreSQL: the audit chain's advisory lock is taken
    /// at the first audited save and held to commit).
    /// </summary>
    public static Task<UnitOfWork> BeginWorkAsync(this PingyiDbContext db, CancellationToken ct = default) => UnitOfWork.BeginAsync(db, ct);
}
