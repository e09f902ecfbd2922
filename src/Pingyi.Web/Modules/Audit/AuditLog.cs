using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;

namespace Pingyi.Web.Modules.Audit;

/// <summary>
/// Records state changes into the trail. Entries are added to the caller's unit of work and chained
/// when it is saved (<see cref="AuditChain"/>), so a change and its record commit together.
/// </summary>
public sealed class AuditLog(PingyiDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Record(string action, string entityType, object? entityId, string? organizationPath, object? data = null, string? userName = null)
    {
        var context = http.HttpContext;
        var staff = context?.User.Identity?.IsAuthenticated == true;
        db.AuditEntries.Add(new AuditEntry
        {
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

    public static string ComputeHash(AuditEntry e)
    {
        var text = string.Join('\u001f',
            e.PreviousHash,
            e.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
            e.UserName, e.OrganizationPath, e.Action, e.EntityType, e.EntityId, e.Data, e.RequestId, e.RemoteAddress, e.UserAgent);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Links the context's new entries to the last stored one.</summary>
    public static async Task LinkPendingAsync(PingyiDbContext db, CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (pending.Count == 0)
        {
            return;
        }
        var previous = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct) ?? Genesis;
        foreach (var entry in pending)
        {
            entry.PreviousHash = previous;
            entry.Hash = ComputeHash(entry);
            previous = entry.Hash;
        }
    }

    public sealed record Verification(bool Valid, long Entries, long? FirstBrokenId);

    public static async Task<Verification> VerifyAsync(PingyiDbContext db, CancellationToken ct = default)
    {
        var previous = Genesis;
        long count = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (entry.PreviousHash != previous || ComputeHash(entry) != entry.Hash)
            {
                return new Verification(false, count, entry.Id);
            }
            previous = entry.Hash;
        }
        return new Verification(true, count, null);
    }
}
