using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Coverage;

/// <summary>
/// The register of new economic and social organizations (两新组织) as a sheet, one a row: name, kind, the township, employees and
/// members, how it is covered and by which party organization since when, its instructor. Exported with the scope's register; imported
/// through <see cref="CoverageImport"/>. The county leader linking one is kept as it is (chosen on the page).
/// </summary>
public static class CoverageSheet
{
    public const string Name = "名称";
    public const string Kind = "类型";
    public const string Township = "所属乡镇（街道）党组织";
    public const string Employees = "从业人员";
    public const string Members = "党员人数";
    public const string Mode = "党组织建立方式";
    public const string Party = "覆盖它的党组织";
    public const string CoveredOn = "建立日期";
    public const string Instructor = "党建工作指导员";

    public static readonly IReadOnlyList<string> Columns = [Name, Kind, Township, Employees, Members, Mode, Party, CoveredOn, Instructor];

    public static readonly IReadOnlyList<string> Required = [Name, Kind, Township, Employees, Members, Mode];

    public static async Task WriteAsync(Stream output, PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var rows = await db.NewOrganizations.AsNoTracking().Where(n => n.Organization!.Path.StartsWith(path))
            .OrderBy(n => n.Organization!.Path).ThenBy(n => n.Name)
            .Select(n => new { n.Name, n.Kind, Township = n.Organization!.Name, n.Employees, n.Members, n.Mode, Party = n.PartyOrganization == null ? null : n.PartyOrganization.Name, n.CoveredOn, n.Instructor })
            .ToListAsync(ct);
        using (var writer = new TableWriter(output, TableFormat.Xlsx, "两新组织", [.. Columns.Select(c => Required.Contains(c) ? c + "*" : c)], [30, 10, 22, 10, 10, 14, 26, 12, 12],
            $"两新组织登记表（{ChinaTime.ChineseDate(ChinaTime.Today(clock))}导出，共{rows.Count}个；类型填非公企业或社会组织，建立方式填单独建立、联合建立、挂靠建立或未建立党组织）"))
        {
            foreach (var r in rows)
            {
                writer.WriteRow([r.Name, CoverageText.Kind(r.Kind), r.Township, r.Employees.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    r.Members.ToString(System.Globalization.CultureInfo.InvariantCulture), CoverageText.Mode(r.Mode), r.Party, CellParsing.Date(r.CoveredOn), r.Instructor]);
            }
        }
        audit.Record("export.coverage", "Export", null, path, new { rows = rows.Count });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// The 两新 register imported from <see cref="CoverageSheet"/>'s layout through <see cref="SaveNewOrganizationHandler"/>: a row whose
/// township already has an organization of that name changes it (its linking leader kept), any other registers one; all or nothing.
/// </summary>
public sealed class CoverageImport(PingyiDbContext database, Scope scope, SaveNewOrganizationHandler handler) : HandlerImport<SaveNewOrganization>(database)
{
    private OrganizationCells? _inScope;

    private OrganizationCells? _parties;

    private Dictionary<(long, string), (long Id, long? Leader)> _registered = [];

    protected override IReadOnlyList<string> Required => CoverageSheet.Required;

    protected override string Hint => "请使用导出的两新组织登记表格式：名称、类型、所属乡镇（街道）党组织、从业人员、党员人数、党组织建立方式";

    protected override IReadOnlyDictionary<string, string> ColumnOfField { get; } = new Dictionary<string, string>
    {
        ["name"] = CoverageSheet.Name, ["kind"] = CoverageSheet.Kind, ["organizationId"] = CoverageSheet.Township, ["employees"] = CoverageSheet.Employees,
        ["members"] = CoverageSheet.Members, ["mode"] = CoverageSheet.Mode, ["partyOrganizationId"] = CoverageSheet.Party, ["coveredOn"] = CoverageSheet.CoveredOn,
        ["instructor"] = CoverageSheet.Instructor,
    };

    protected override string MainColumn => CoverageSheet.Name;

    protected override string Noun => "两新组织";

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以登记两新组织");
        _inScope = await OrganizationCells.InScopeAsync(scope, ct);
        _parties = await OrganizationCells.ActiveAsync(Db, ct);
        var path = await scope.PathAsync(ct);
        _registered = (await Db.NewOrganizations.Where(n => n.Organization!.Path.StartsWith(path)).Select(n => new { n.Id, n.OrganizationId, n.Name, n.LeaderPersonId }).ToListAsync(ct))
            .ToDictionary(n => (n.OrganizationId, n.Name), n => (n.Id, n.LeaderPersonId));
    }

    protected override SaveNewOrganization? Parse(ImportRow row, out string? key)
    {
        key = null;
        var name = row.Cell(CoverageSheet.Name);
        var kind = Enum.GetValues<NewOrganizationKind>().Cast<NewOrganizationKind?>().FirstOrDefault(k => CoverageText.Kind(k!.Value) == row.Cell(CoverageSheet.Kind));
        if (kind is null)
        {
            row.Refuse(CoverageSheet.Kind, $"“{row.Cell(CoverageSheet.Kind)}”请填写非公企业或社会组织");
        }
        var mode = Enum.GetValues<CoverageMode>().Cast<CoverageMode?>().FirstOrDefault(m => CoverageText.Mode(m!.Value) == row.Cell(CoverageSheet.Mode));
        if (mode is null)
        {
            row.Refuse(CoverageSheet.Mode, $"“{row.Cell(CoverageSheet.Mode)}”请填写单独建立、联合建立、挂靠建立或未建立党组织");
        }
        var township = _inScope!.Find(row, CoverageSheet.Township);
        var party = row.Cell(CoverageSheet.Party) is null ? null : _parties!.Find(row, CoverageSheet.Party);
        var employees = Whole(row, CoverageSheet.Employees);
        var members = Whole(row, CoverageSheet.Members);
        var coveredOn = row.Date(CoverageSheet.CoveredOn);
        if (row.Refused || township is null)
        {
            return null;
        }
        key = $"{township.Id}|{name}";
        var existing = name is not null && _registered.TryGetValue((township.Id, name), out var found) ? found : ((long Id, long? Leader)?)null;
        return new SaveNewOrganization(existing?.Id, name, kind!.Value, township.Id, employees ?? -1, members ?? -1, mode!.Value, party?.Id, coveredOn,
            row.Cell(CoverageSheet.Instructor), existing?.Leader);
    }

    protected override async Task<bool> ApplyAsync(SaveNewOrganization request, CancellationToken ct)
    {
        await handler.HandleAsync(request, ct);
        return request.Id is null;
    }

    private static int? Whole(ImportRow row, string column)
    {
        var value = row.Decimal(column);
        if (value is { } v && (v != decimal.Truncate(v) || v is < 0 or > int.MaxValue))
        {
            row.Refuse(column, $"“{row.Cell(column)}”应为不小于 0 的整数");
            return null;
        }
        return value is null ? null : (int)value.Value;
    }
}
