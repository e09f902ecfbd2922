using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pingyi.Web.Data;

namespace Pingyi.Web.Modules.Audit;

/// <summary>
/// Records state changes into the trail. Entries are added to the caller's unit of work and chained
/// when it is saved (<see cref="AuditChain"/>), so a change and its record commit together.
/// </summary>
public sealed class AuditLog(PingyiDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static long _recorded;

    public void Record(string action, string entityType, object? entityId, string? organizationPath, object? data = null, string? userName = null)
    {
        var context = http.HttpContext;
        var staff = context?.User.Identity?.IsAuthenticated == true;
        db.AuditEntries.Add(new AuditEntry
        {
            RecordedOrder = Interlocked.Increment(ref _recorded),
            // Whole microseconds: what PostgreSQL keeps, so the hash survives the round trip.
            OccurredAt = TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime),
            UserName = userName ?? (staff ? context!.User.Identity!.Name : null) ?? "system",
            OrganizationPath = organizationPath,
            Action = action,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, CultureInfo.InvariantCulture),
            Data = data is null ? null : JsonSerializer.Serialize(data, Json),
            RequestId = context?.TraceIdentifier,
            RemoteAddress = staff ? context!.Connection.RemoteIpAddress?.ToString() : null,
            UserAgent = staff ? Truncate(context!.Request.Headers.UserAgent.ToString(), 400) : null,
            PreviousHash = string.Empty,
            Hash = string.Empty,
        });
    }

    private static DateTime TruncateToMicroseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>The hash chain over audit entries in id order.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The PostgreSQL advisory lock that serializes appends ("pingyi-a" as a number).</summary>
    public const long LockKey = 0x70696E6779692D61;

    /// <summary>
    /// SHA-256 over the entry's fields joined by U+001F, UTF-8 encoded, written into one pooled buffer
    /// (verifying a million entries is mostly this).
    /// </summary>
    public static string ComputeHash(AuditEntry e)
    {
        Span<char> time = stackalloc char[40];
        e.OccurredAt.TryFormat(time, out var timeLength, "O", CultureInfo.InvariantCulture);
        var length = e.PreviousHash.Length + timeLength + 10
            + Len(e.UserName) + Len(e.OrganizationPath) + e.Action.Length + e.EntityType.Length + Len(e.EntityId) + Len(e.Data) + Len(e.RequestId) + Len(e.RemoteAddress) + Len(e.UserAgent);
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(length * 3);
        try
        {
            var buffer = bytes.AsSpan();
            var written = Encoding.UTF8.GetBytes(e.PreviousHash, buffer);
            written = Append(buffer, written, time[..timeLength]);
            written = Append(buffer, written, e.UserName);
            written = Append(buffer, written, e.OrganizationPath);
            written = Append(buffer, written, e.Action);
            written = Append(buffer, written, e.EntityType);
            written = Append(buffer, written, e.EntityId);
            written = Append(buffer, written, e.Data);
            written = Append(buffer, written, e.RequestId);
            written = Append(buffer, written, e.RemoteAddress);
            written = Append(buffer, written, e.UserAgent);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer[..written], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }

        static int Len(string? s) => s?.Length ?? 0;
    }

    // Fields are joined by U+001F (one byte in UTF-8); a missing field is empty.
    private static int Append(Span<byte> buffer, int written, ReadOnlySpan<char> text)
    {
        buffer[written++] = 0x1F;
        return written + Encoding.UTF8.GetBytes(text, buffer[written..]);
    }

    /// <summary>
    /// Links the context's new entries to the last stored one, in the order they were recorded, and numbers them in that
    /// order: the chain is checked in id order, and neither the change tracker's order nor the order the database inserts a
    /// save's rows in is that order once a pending change has been discarded (ids are given here, under the chain's lock).
    /// </summary>
    public static async Task LinkPendingAsync(PingyiDbContext db, CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).OrderBy(e => e.Entity.RecordedOrder).ToList();
        if (pending.Count == 0)
        {
            return;
        }
        // A plain command on the transaction's connection: this runs on every audited write.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """SELECT "Id", "Hash" FROM audit_entries ORDER BY "Id" DESC LIMIT 1""";
        var (id, previous) = (0L, Genesis);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                (id, previous) = (reader.GetInt64(0), reader.GetString(1));
            }
        }
        foreach (var tracked in pending)
        {
            // Through the change tracker, which takes it as the real key even where automatic change detection is off (bulk loads).
            var key = tracked.Property(e => e.Id);
            key.CurrentValue = ++id;
            key.IsTemporary = false;
            var entry = tracked.Entity;
            entry.PreviousHash = previous;
            entry.Hash = ComputeHash(entry);
            previous = entry.Hash;
        }
    }

    public sealed record Verification(bool Valid, long Entries, long? FirstBrokenId);

    /// <summary>
    /// Walks the whole chain. The id range is cut into one slice per core, each read on its own
    /// connection with a plain data reader and checked inside; then the slices' ends are checked
    /// against each other. The first broken entry is reported: edited (its hash no longer matches),
    /// or the one after a deleted or moved entry (its link no longer matches).
    /// </summary>
    public static async Task<Verification> VerifyAsync(PingyiDbContext db, CancellationToken ct = default, int minimumSlice = 50_000)
    {
        var bounds = await db.AuditEntries.GroupBy(_ => 1).Select(g => new { Min = g.Min(a => a.Id), Max = g.Max(a => a.Id) }).FirstOrDefaultAsync(ct);
        if (bounds is null)
        {
            return new Verification(true, 0, null);
        }
        var slices = (int)Math.Clamp((bounds.Max - bounds.Min) / minimumSlice + 1, 1, Math.Max(2, Environment.ProcessorCount));
        var width = (bounds.Max - bounds.Min) / slices + 1;
        var factory = System.Data.Common.DbProviderFactories.GetFactory(db.Database.GetDbConnection())!;
        var connectionString = db.Database.GetConnectionString();
        var results = await Task.WhenAll(Enumerable.Range(0, slices).Select(i =>
            Task.Run(() => VerifySliceAsync(factory, connectionString!, bounds.Min + i * width, Math.Min(bounds.Max, bounds.Min + (i + 1) * width - 1), ct), ct)));

        long count = 0;
        var previous = Genesis;
        foreach (var slice in results)
        {
            if (slice.Count == 0)
            {
                continue;
            }
            if (slice.FirstPrevious != previous)
            {
                return new Verification(false, count + 1, slice.FirstId);
            }
            if (slice.BrokenId is { } broken)
            {
                return new Verification(false, count + slice.BrokenIndex, broken);
            }
            count += slice.Count;
            previous = slice.LastHash;
        }
        return new Verification(true, count, null);
    }

    private sealed record Slice(long Count, long FirstId, string FirstPrevious, string LastHash, long? BrokenId, long BrokenIndex);

    private static async Task<Slice> VerifySliceAsync(System.Data.Common.DbProviderFactory factory, string connectionString, long from, long to, CancellationToken ct)
    {
        await using var connection = factory.CreateConnection()!;
        connection.ConnectionString = connectionString;
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "Id", "OccurredAt", "UserName", "OrganizationPath", "Action", "EntityType", "EntityId", "Data", "RequestId", "RemoteAddress", "UserAgent", "PreviousHash", "Hash"
            FROM audit_entries WHERE "Id" >= @from AND "Id" <= @to ORDER BY "Id"
            """;
        var p1 = command.CreateParameter();
        p1.ParameterName = "@from";
        p1.Value = from;
        command.Parameters.Add(p1);
        var p2 = command.CreateParameter();
        p2.ParameterName = "@to";
        p2.Value = to;
        command.Parameters.Add(p2);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entry = new AuditEntry { Action = string.Empty, EntityType = string.Empty, PreviousHash = string.Empty, Hash = string.Empty };
        long count = 0, firstId = 0;
        string? firstPrevious = null, previous = null;
        while (await reader.ReadAsync(ct))
        {
            count++;
            entry.Id = reader.GetInt64(0);
            if (!TryRead(reader, entry))
            {
                // A value the database holds but the chain cannot read (a timestamp edited into text, a required
                // column emptied) is an altered row: reported as the first broken entry, never a crash of the check.
                return new Slice(count, firstPrevious is null ? entry.Id : firstId, firstPrevious ?? string.Empty, string.Empty, entry.Id, count);
            }
            if (firstPrevious is null)
            {
                firstPrevious = entry.PreviousHash;
                firstId = entry.Id;
            }
            else if (entry.PreviousHash != previous)
            {
                return new Slice(count, firstId, firstPrevious, entry.Hash, entry.Id, count);
            }
            if (ComputeHash(entry) != entry.Hash)
            {
                return new Slice(count, firstId, firstPrevious, entry.Hash, entry.Id, count);
            }
            previous = entry.Hash;
        }
        return new Slice(count, firstId, firstPrevious ?? string.Empty, previous ?? string.Empty, null, 0);

        static string? Text(System.Data.Common.DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

        static bool TryRead(System.Data.Common.DbDataReader reader, AuditEntry entry)
        {
            try
            {
                entry.OccurredAt = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
                entry.UserName = Text(reader, 2);
                entry.OrganizationPath = Text(reader, 3);
                entry.Action = reader.GetString(4);
                entry.EntityType = reader.GetString(5);
                entry.EntityId = Text(reader, 6);
                entry.Data = Text(reader, 7);
                entry.RequestId = Text(reader, 8);
                entry.RemoteAddress = Text(reader, 9);
                entry.UserAgent = Text(reader, 10);
                entry.PreviousHash = reader.GetString(11);
                entry.Hash = reader.GetString(12);
                return true;
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or InvalidOperationException or ArgumentException)
            {
                return false;
            }
        }
    }
}
