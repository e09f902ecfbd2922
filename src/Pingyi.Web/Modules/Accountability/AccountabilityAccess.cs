using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Accountability;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>The lists in force (the latest stored version, or the default version 0) and the cadres the caller may hold to account.</summary>
public sealed class AccountabilityAccess(PingyiDbContext db, Scope scope)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Lists(int Version, string? Document, IReadOnlyList<string> Situations, IReadOnlyList<Measure> Measures, DateTime? At, string? UserName);

    public async Task<Lists> CurrentAsync(CancellationToken ct)
    {
        var latest = await db.AccountabilityLists.OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct);
        return latest is null
            ? new Lists(0, null, AccountabilityCatalog.DefaultSituations, AccountabilityCatalog.DefaultMeasures, null, null)
            : new Lists(latest.Version, latest.Document, JsonSerializer.Deserialize<string[]>(latest.Situations, Json)!, JsonSerializer.Deserialize<Measure[]>(latest.Measures, Json)!,
                latest.CreatedAt, latest.UserName);
    }

    internal static (string Situations, string Measures) Write(IReadOnlyList<string> situations, IReadOnlyList<Measure> measures) =>
        (JsonSerializer.Serialize(situations, Json), JsonSerializer.Serialize(measures, Json));

    /// <summary>A person of the caller's subtree, with the organization and its path their records are filed under.</summary>
    public async Task<(long Id, string Name, long OrganizationId, string Path)> CadreAsync(long personId, CancellationToken ct)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var found = await db.People.Where(p => p.Id == personId && organizations.Any(o => o.Id == p.OrganizationId))
            .Select(p => new { p.Id, p.Name, OrganizationId = p.OrganizationId!.Value, p.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"人员 {personId} 不存在或不在您的管理范围内");
        return (found.Id, found.Name, found.OrganizationId, found.Path);
    }

    public async Task<IQueryable<AccountabilityRecord>> RecordsAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.AccountabilityRecords.Where(r => r.Organization!.Path.StartsWith(path));
    }

    public async Task<IQueryable<CadreNote>> NotesAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.CadreNotes.Where(r => r.Organization!.Path.StartsWith(path));
    }
}
