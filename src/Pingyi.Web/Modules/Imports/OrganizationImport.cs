using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Imports;

/// <summary>
/// Imports organizations (组织机构) matched by code: new codes are created under their parent
/// (which must exist already or come earlier in the file), known codes are renamed or moved with
/// a dated event. All rows are checked before anything is written.
/// </summary>
public sealed class OrganizationImport(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    private sealed record OrgRow(int Number, string Code, string Name, OrganizationLevel Level, OrganizationCategory Category, string? ParentCode, DateOnly? EstablishedOn);

    private sealed class Node
    {
        public required string Code { get; init; }
        public OrganizationLevel Level { get; set; }
        public string? ParentCode { get; set; }
        public Organization? Existing { get; init; }
        public bool InScope { get; init; }
    }

    public async Task<ImportReport> RunAsync(Stream file, string? fileName, bool dryRun, ImportProgress progress, CancellationToken ct = default, bool partial = false)
    {
        var report = new ImportReport { DryRun = dryRun, Partial = partial };
        try
        {
            using var reader = TableReader.Open(file, fileName);
            await RunAsync(reader, report, progress, ct);
        }
        catch (InvalidDataException e)
        {
            report.Unreadable(e.Message);
        }
        finally
        {
            progress.Done = true;
        }
        return report;
    }

    private async Task RunAsync(TableReader reader, ImportReport report, ImportProgress progress, CancellationToken ct)
    {
        var scopePath = await scope.PathAsync(ct);
        var all = await db.Organizations.ToListAsync(ct);
        var byId = all.ToDictionary(o => o.Id);
        var nodes = all.ToDictionary(o => o.Code, o => new Node
        {
            Code = o.Code,
            Level = o.Level,
            ParentCode = o.ParentId is { } pid ? byId[pid].Code : null,
            Existing = o,
            InScope = o.Path.StartsWith(scopePath, StringComparison.Ordinal),
        }, StringComparer.OrdinalIgnoreCase);
        var rows = new List<OrgRow>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, int>? map = null;
        foreach (var row in reader.Rows())
        {
            if (map is null)
            {
                map = report.Header(row, Columns.OrganizationsRequired, "请使用下载的模板");
                if (map is null)
                {
                    break;
                }
                continue;
            }
            if (row.Cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            report.RowsRead++;
            progress.RowsRead = report.RowsRead;
            var parsed = Parse(row, map, nodes, seen, report);
            if (parsed is null)
            {
                report.Rejected++;
            }
            else
            {
                report.Accepted++;
                rows.Add(parsed);
            }
        }
        if (map is null && !report.Fatal)
        {
            report.NoHeader();
        }
        if (report.Blocked)
        {
            report.Message = $"共{report.RowsRead}行，其中{report.Rejected}行有错误；未导入任何数据，请改正后重新导入";
            return;
        }
        await ApplyAsync(rows, all, report, scopePath, ct);
    }

    private static OrgRow? Parse(TableRow row, Dictionary<string, int> map, Dictionary<string, Node> nodes, Dictionary<string, int> seen, ImportReport report)
    {
        string Cell(string column) => map.TryGetValue(column, out var i) && i < row.Cells.Length ? (row.Cells[i] ?? string.Empty).Trim() : string.Empty;
        var ok = true;
        void Fail(string column, string reason)
        {
            report.Refuse(row.Number, column, reason);
            ok = false;
        }

        var code = Cell(Columns.Code);
        if (code.Length is 0 or > 64)
        {
            Fail(Columns.Code, "组织编码不能为空，且不超过64个字符");
        }
        else if (seen.TryGetValue(code, out var first))
        {
            Fail(Columns.Code, $"与第{first}行的组织编码重复");
        }
        var name = Cell(Columns.OrgName);
        if (name.Length is 0 or > 200)
        {
            Fail(Columns.OrgName, "组织名称不能为空，且不超过200个字符");
        }
        var levelText = Cell(Columns.Level);
        if (!OrganizationNames.TryParseLevel(levelText, out var level))
        {
            Fail(Columns.Level, $"层级“{levelText}”无效，可填：县委、乡镇党委、工委、党总支、党支部、党小组");
        }
        var categoryText = Cell(Columns.Category);
        if (!OrganizationNames.TryParseCategory(categoryText, out var category))
        {
            Fail(Columns.Category, $"类别“{categoryText}”无效，可填：村、社区、机关、非公企业、社会组织、产业链、临时党支部");
        }
        DateOnly? established = null;
        var establishedText = Cell(Columns.EstablishedOn);
        if (establishedText.Length > 0)
        {
            if (CellParsing.TryParseDate(establishedText, out var d))
            {
                established = d;
            }
            else
            {
                Fail(Columns.EstablishedOn, $"日期“{establishedText}”无法识别，请写成 2020-07-01 的形式");
            }
        }
        var parentCode = Cell(Columns.ParentCode);
        nodes.TryGetValue(code, out var existing);
        if (existing is not null && !existing.InScope)
        {
            Fail(Columns.Code, $"组织编码“{code}”已被您管理范围以外的组织使用");
        }
        if (parentCode.Length == 0)
        {
            if (existing?.ParentCode is not null || (existing is null && ok))
            {
                Fail(Columns.ParentCode, "上级组织编码不能为空（只有最上级的党委——县委，或多县部署时的市委、省委——没有上级）");
            }
        }
        else if (!nodes.TryGetValue(parentCode, out var parent) || !parent.InScope)
        {
            Fail(Columns.ParentCode, $"上级组织编码“{parentCode}”不存在或不在您的管理范围内（上级须已存在或在本文件前面的行中）");
        }
        else if (parent.Existing is { Status: not OrganizationStatus.Active })
        {
            Fail(Columns.ParentCode, $"上级组织“{parent.Existing.Name}”{parent.Existing.Status.Chinese()}");
        }
        else if (ok && !OrganizationNames.CanContain(parent.Level, level))
        {
            Fail(Columns.Level, $"{parent.Level.Chinese()}下不能设立{level.Chinese()}");
        }
        else if (ok && existing is not null && IsSelfOrDescendant(parentCode, code, nodes))
        {
            Fail(Columns.ParentCode, "上级组织不能是它自己或它的下级组织");
        }
        if (existing?.Existing is { Status: not OrganizationStatus.Active } ended)
        {
            Fail(Columns.Code, $"组织“{ended.Name}”{ended.Status.Chinese()}，不能再变更");
        }
        if (!ok)
        {
            return null;
        }
        seen[code] = row.Number;
        if (existing is null)
        {
            nodes[code] = new Node { Code = code, Level = level, ParentCode = parentCode, InScope = true };
        }
        else
        {
            existing.ParentCode = parentCode.Length == 0 ? null : parentCode;
            existing.Level = level;
        }
        return new OrgRow(row.Number, code, name, level, category, parentCode.Length == 0 ? null : parentCode, established);
    }

    private static bool IsSelfOrDescendant(string candidate, string code, Dictionary<string, Node> nodes)
    {
        for (var c = candidate; c is not null; c = nodes.TryGetValue(c, out var n) ? n.ParentCode : null)
        {
            if (string.Equals(c, code, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private async Task ApplyAsync(List<OrgRow> rows, List<Organization> all, ImportReport report, string scopePath, CancellationToken ct)
    {
        var byCode = all.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase);
        var codeById = all.ToDictionary(o => o.Id, o => o.Code);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var moves = 0;
        await using var tx = report.DryRun ? null : await db.BeginWorkAsync(ct);
        foreach (var row in rows)
        {
            if (!byCode.TryGetValue(row.Code, out var o))
            {
                report.Created++;
                var parent = byCode[row.ParentCode!];
                o = new Organization
                {
                    Code = row.Code, Name = row.Name, Level = row.Level, Category = row.Category, ParentId = parent.Id, Depth = parent.Depth + 1,
                    SortOrder = row.Number, EstablishedOn = row.EstablishedOn ?? today, CreatedAt = now, UpdatedAt = now,
                };
                byCode[row.Code] = o;
                if (report.DryRun)
                {
                    o.Path = parent.Path + "new-" + row.Code + "/";
                    continue;
                }
                db.Organizations.Add(o);
                await db.SaveChangesAsync(ct);
                o.Path = $"{parent.Path}{o.Id}/";
                db.OrganizationEvents.Add(NewEvent(o.Id, OrganizationEventKind.Created, o.EstablishedOn, null, o.Name, parent.Id, "导入组织机构"));
                continue;
            }
            var currentParentCode = o.ParentId is { } pid ? codeById[pid] : null;
            var parentChanged = row.ParentCode is not null && !string.Equals(currentParentCode, row.ParentCode, StringComparison.OrdinalIgnoreCase);
            var changed = o.Name != row.Name || o.Level != row.Level || o.Category != row.Category || parentChanged
                || (row.EstablishedOn is { } e && e != o.EstablishedOn);
            if (!changed)
            {
                report.Unchanged++;
                continue;
            }
            report.Updated++;
            if (report.DryRun)
            {
                continue;
            }
            if (o.Name != row.Name)
            {
                db.OrganizationEvents.Add(NewEvent(o.Id, OrganizationEventKind.Renamed, today, o.Name, row.Name, null, "导入组织机构"));
                o.Name = row.Name;
            }
            if (o.Level != row.Level || o.Category != row.Category)
            {
                db.OrganizationEvents.Add(NewEvent(o.Id, OrganizationEventKind.Updated, today,
                    $"{o.Level.Chinese()} {o.Category.Chinese()}".Trim(), $"{row.Level.Chinese()} {row.Category.Chinese()}".Trim(), null, "导入组织机构"));
                o.Level = row.Level;
                o.Category = row.Category;
            }
            if (row.EstablishedOn is { } established)
            {
                o.EstablishedOn = established;
            }
            if (parentChanged)
            {
                var parent = byCode[row.ParentCode!];
                var oldParentName = currentParentCode is null ? null : byCode[currentParentCode].Name;
                var oldPath = o.Path;
                var newPath = $"{parent.Path}{o.Id}/";
                var delta = parent.Depth + 1 - o.Depth;
                await db.SaveChangesAsync(ct);
                await db.Organizations.Where(x => x.Path.StartsWith(oldPath) && x.Id != o.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Path, x => newPath + x.Path.Substring(oldPath.Length)).SetProperty(x => x.Depth, x => x.Depth + delta), ct);
                // Tracked descendants must see their new paths too.
                foreach (var d in byCode.Values.Where(x => x.Id != o.Id && x.Path.StartsWith(oldPath, StringComparison.Ordinal)))
                {
                    d.Path = newPath + d.Path[oldPath.Length..];
                    d.Depth += delta;
                    db.Entry(d).State = EntityState.Unchanged;
                }
                o.ParentId = parent.Id;
                o.Path = newPath;
                o.Depth = parent.Depth + 1;
                db.OrganizationEvents.Add(NewEvent(o.Id, OrganizationEventKind.Moved, today, oldParentName, parent.Name, parent.Id, "导入组织机构"));
                moves++;
            }
            o.UpdatedAt = now;
        }
        if (report.DryRun)
        {
            report.Message = $"校验通过：共{report.RowsRead}行，将新增{report.Created}个、更新{report.Updated}个、{report.Unchanged}个无变化（仅校验，未写入）";
            return;
        }
        audit.Record("import.organizations", "Import", null, scopePath,
            new { rows = report.RowsRead, created = report.Created, updated = report.Updated, moved = moves, unchanged = report.Unchanged });
        await db.SaveChangesAsync(ct);
        await tx!.CommitAsync(ct);
        report.Committed = true;
        report.Message = $"导入完成：共{report.RowsRead}行，新增{report.Created}个组织，更新{report.Updated}个，{report.Unchanged}个无变化"
            + (report.Rejected > 0 ? $"；跳过{report.Rejected}行有错误的行" : string.Empty);
    }

    private OrganizationEvent NewEvent(long id, OrganizationEventKind kind, DateOnly effective, string? oldValue, string? newValue, long? related, string reason) => new()
    {
        OrganizationId = id, Kind = kind, EffectiveOn = effective, RecordedAt = clock.GetUtcNow().UtcDateTime,
        OldValue = oldValue, NewValue = newValue, RelatedOrganizationId = related, Reason = reason, RecordedBy = scope.UserName ?? "system",
    };
}
