using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>What a code is, as far as it never changes: cached so a ballot costs no lookup before it is queued.</summary>
/// <param name="ReporterId">The one reporter the code may score, or null for all of the meeting's.</param>
public sealed record CodeInfo(long Id, long MeetingId, long GroupId, int GroupIndex, bool Rehearsal, long? ReporterId = null);

/// <summary>A meeting's fixed parts: its rules and groups never change once it exists.</summary>
public sealed record MeetingForm(long MeetingId, SchemeRules Rules, IReadOnlyDictionary<long, int> GroupIndexes);

/// <summary>
/// The facts of rater codes and meetings that never change, kept in memory once read: a ballot is checked
/// against them without a database round trip. Whether a code has already scored a reporter is not cached —
/// the batch writer reads it inside its write transaction.
/// </summary>
public sealed class RaterCodeCache(IServiceScopeFactory scopes, PiiProtector keys)
{
    /// <summary>What a rater is told when a code is not known.</summary>
    public const string UnknownCode = "评议码无效：请核对评议码，或向会务人员领取新的评议码。";

    /// <summary>What a rater is told when a code made for one reporter is used for another.</summary>
    public const string OtherReporter = "这个评议码只用于评议指定的一位述职人，不能评议其他述职人。";

    private readonly ConcurrentDictionary<string, CodeInfo> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, MeetingForm> _forms = new();

    /// <summary>The code's fixed facts, from the cache or the database; null when no such code exists.</summary>
    public async Task<CodeInfo?> FindCodeAsync(string? codeText, CancellationToken ct)
    {
        if (RaterCodeText.Normalize(codeText) is not { } normalized)
        {
            return null;
        }
        var hash = RaterCodeText.Hash(keys, normalized);
        if (_codes.TryGetValue(hash, out var cached))
        {
            return cached;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        var row = await db.RaterCodes.AsNoTracking().Where(c => c.CodeHash == hash)
            .Join(db.MeetingGroups, c => c.GroupId, g => g.Id, (c, g) => new CodeInfo(c.Id, c.MeetingId, c.GroupId, g.Index, c.Rehearsal, c.ReporterId))
            .FirstOrDefaultAsync(ct);
        return row is null ? null : _codes.GetOrAdd(hash, row);
    }

    public async Task<MeetingForm> FormAsync(long meetingId, CancellationToken ct)
    {
        if (_forms.TryGetValue(meetingId, out var form))
        {
            return form;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PingyiDbContext>();
        var rules = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Rules).SingleAsync(ct);
        var groups = await db.MeetingGroups.Where(g => g.MeetingId == meetingId).ToDictionaryAsync(g => g.Id, g => g.Index, ct);
        return _forms.GetOrAdd(meetingId, new MeetingForm(meetingId, RulesJson.Read(rules), groups));
    }

    /// <summary>Forgets a meeting's cached codes, e.g. after its rehearsal codes were purged.</summary>
    public void ForgetCodes(long meetingId)
    {
        foreach (var (hash, info) in _codes)
        {
            if (info.MeetingId == meetingId)
            {
                _codes.TryRemove(hash, out _);
            }
        }
    }
}
