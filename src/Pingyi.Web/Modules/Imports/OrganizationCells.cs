using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Imports;

/// <summary>
/// The organizations an import's cell may name: by code, or by name when only one organization has it; the caller's scope, or
/// every active organization for a column that may name one outside it (a pairing's helping unit).
/// </summary>
public sealed class OrganizationCells
{
    public sealed record Entry(long Id, string Code, string Name, long? ParentId, string Path, OrganizationCategory Category);

    private readonly Dictionary<string, Entry> _byCode;

    private readonly ILookup<string, Entry> _byName;

    private OrganizationCells(IReadOnlyList<Entry> entries)
    {
        _byCode = entries.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase);
        _byName = entries.ToLookup(o => o.Name);
    }

    /// <summary>The organizations of the caller's scope.</summary>
    public static async Task<OrganizationCells> InScopeAsync(Scope scope, CancellationToken ct) => await LoadAsync(await scope.OrganizationsAsync(ct), ct);

    /// <summary>Every active organization.</summary>
    public static Task<OrganizationCells> ActiveAsync(Data.PingyiDbContext db, CancellationToken ct) =>
        LoadAsync(db.Organizations.Where(o => o.Status == OrganizationStatus.Active), ct);

    private static async Task<OrganizationCells> LoadAsync(IQueryable<Organization> organizations, CancellationToken ct) =>
        new(await organizations.Select(o => new Entry(o.Id, o.Code, o.Name, o.ParentId, o.Path, o.Category)).ToListAsync(ct));

    /// <summary>The organization a cell names; null with the reason when it names none, or more than one.</summary>
    public Entry? Find(string? cell, string column, out string? reason)
    {
        reason = null;
        if (cell is null)
        {
            reason = $"{column}不能为空";
            return null;
        }
        if (_byCode.TryGetValue(cell, out var byCode))
        {
            return byCode;
        }
        var named = _byName[cell].ToList();
        if (named.Count == 1)
        {
            return named[0];
        }
        reason = named.Count > 1 ? $"有多个组织名为“{cell}”，请填写组织编码" : $"“{cell}”不存在或不在您的管理范围内";
        return null;
    }

    /// <summary>The organization a row's cell names; null, and the row refused at that column, when it names none.</summary>
    public Entry? Find(ImportRow row, string column)
    {
        var entry = Find(row.Cell(column), column, out var reason);
        if (entry is null)
        {
            row.Refuse(column, reason!);
        }
        return entry;
    }
}
