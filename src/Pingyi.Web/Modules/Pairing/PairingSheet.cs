using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Pairing;

/// <summary>
/// The pairing list (结对名单) as a sheet, one pairing a row — the form seed 000's county fills in when all 104 county-unit branches
/// are paired with villages: the village, the helping branch on record or the one outside the county, the start, the help planned.
/// Exported with the open pairings of the scope; imported through <see cref="PairingImport"/>.
/// </summary>
public static class PairingSheet
{
    public const string Village = "受帮扶村（社区）党组织";
    public const string Unit = "帮扶党组织";
    public const string Partner = "县外结对党组织";
    public const string StartOn = "开始日期";
    public const string Plan = "帮扶计划";

    public static readonly IReadOnlyList<string> Columns = [Village, Unit, Partner, StartOn, Plan];

    public static readonly IReadOnlyList<string> Required = [Village, StartOn, Plan];

    /// <summary>The open pairings of the caller's scope's villages, in the import's layout; audited as an export.</summary>
    public static async Task WriteAsync(Stream output, PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var rows = await db.BranchPairings.AsNoTracking().Where(p => p.EndOn == null && p.Village!.Path.StartsWith(path))
            .OrderBy(p => p.Village!.Path).ThenBy(p => p.StartOn).ThenBy(p => p.Id)
            .Select(p => new { Village = p.Village!.Name, Unit = p.Unit == null ? null : p.Unit.Name, p.Partner, p.StartOn, p.Plan }).ToListAsync(ct);
        using (var writer = new TableWriter(output, TableFormat.Xlsx, "结对名单", [.. Columns.Select(c => Required.Contains(c) ? c + "*" : c)], [26, 30, 30, 14, 50],
            $"结对共建名单（{ChinaTime.ChineseDate(ChinaTime.Today(clock))}导出，共{rows.Count}对；帮扶党组织与县外结对党组织二选一）"))
        {
            foreach (var r in rows)
            {
                writer.WriteRow([r.Village, r.Unit, r.Partner, CellParsing.Date(r.StartOn), r.Plan]);
            }
        }
        audit.Record("export.pairings", "Export", null, path, new { rows = rows.Count });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// Pairings imported from <see cref="PairingSheet"/>'s layout, each row arranged through <see cref="PairBranchesHandler"/> (the form's
/// rules: a village in scope, a helping branch that is not a village, one open pairing per pair; its audit entry); the village by
/// code or unique name in scope, the helping branch by code or unique name in the county; all or nothing.
/// </summary>
public sealed class PairingImport(PingyiDbContext database, Scope scope, PairBranchesHandler handler) : HandlerImport<PairBranches>(database)
{
    private OrganizationCells? _villages;

    private OrganizationCells? _units;

    protected override IReadOnlyList<string> Required => PairingSheet.Required;

    protected override string Hint => "请使用导出的结对名单格式：受帮扶村（社区）党组织、帮扶党组织或县外结对党组织、开始日期、帮扶计划";

    protected override IReadOnlyDictionary<string, string> ColumnOfField { get; } = new Dictionary<string, string>
    {
        ["villageOrganizationId"] = PairingSheet.Village, ["unitOrganizationId"] = PairingSheet.Unit, ["partner"] = PairingSheet.Partner,
        ["startOn"] = PairingSheet.StartOn, ["plan"] = PairingSheet.Plan,
    };

    protected override string MainColumn => PairingSheet.Village;

    protected override string Noun => "结对";

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以安排结对共建");
        _villages = await OrganizationCells.InScopeAsync(scope, ct);
        _units = await OrganizationCells.ActiveAsync(Db, ct);
    }

    protected override PairBranches? Parse(ImportRow row, out string? key)
    {
        key = null;
        var village = _villages!.Find(row, PairingSheet.Village);
        var unit = row.Cell(PairingSheet.Unit) is null ? null : _units!.Find(row, PairingSheet.Unit);
        var partner = row.Cell(PairingSheet.Partner);
        var start = row.Date(PairingSheet.StartOn);
        if (village is null || row.Refused)
        {
            return null;
        }
        key = $"{village.Id}|{unit?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? partner}";
        return new PairBranches(unit?.Id, partner, village.Id, start, row.Cell(PairingSheet.Plan));
    }

    protected override async Task<bool> ApplyAsync(PairBranches request, CancellationToken ct)
    {
        await handler.PairAsync(request, ct);
        return true;
    }
}
