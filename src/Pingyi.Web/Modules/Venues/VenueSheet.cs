using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.Venues;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Venues;

/// <summary>
/// The venue register as a sheet, one village (community) a row: written with every village of the caller's scope — the registered
/// figures filled in, the others blank — so a township fills in its sheet and imports it back. The centres are 是 / 否 columns.
/// </summary>
public static class VenueSheet
{
    public const string Code = "组织编码";
    public const string Village = "村（社区）党组织";
    public const string Area = "面积（平方米）";
    public const string Funds = "运转经费（元）";
    public const string StandardizedOn = "标准化建设完成日期";
    public const string Note = "备注";

    public static readonly IReadOnlyList<(VenueCentres Centre, string Column)> CentreColumns = [.. VenueStandard.CentreNames.Select(c => (c.Centre, c.Name + "中心"))];

    public static readonly IReadOnlyList<string> Columns = [Code, Village, Area, Funds, .. CentreColumns.Select(c => c.Column), StandardizedOn, Note];

    public static readonly IReadOnlyList<string> Required = [Village, Area, Funds];

    private static readonly double[] Widths = [18, 26, 14, 14, 12, 14, 12, 12, 12, 18, 30];

    public static string Centre(VenueCentres centres, VenueCentres centre) => centres.HasFlag(centre) ? "是" : "否";

    /// <summary>Writes the villages of the scope with their venues, in the import's layout; audited as an export.</summary>
    public static async Task WriteAsync(Stream output, PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var rows = await (from o in Organizations.VillageOrganizations.Active(db.Organizations.AsNoTracking())
                          where o.Path.StartsWith(path)
                          join v in db.Venues on o.Id equals v.OrganizationId into venues
                          from v in venues.DefaultIfEmpty()
                          orderby o.Path
                          select new { o.Code, o.Name, Venue = v }).ToListAsync(ct);
        using (var writer = new TableWriter(output, TableFormat.Xlsx, "活动场所", [.. Columns.Select(c => Required.Contains(c) ? c + "*" : c)], Widths,
            $"村级活动场所登记表（{ChinaTime.ChineseDate(ChinaTime.Today(clock))}导出，共{rows.Count}个村（社区））"))
        {
            foreach (var r in rows)
            {
                var v = r.Venue;
                writer.WriteRow([r.Code, r.Name, v?.Area.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), v?.OperatingFunds.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
                    .. CentreColumns.Select(c => v is null ? null : Centre(v.Centres, c.Centre)), CellParsing.Date(v?.StandardizedOn), v?.Note]);
            }
        }
        audit.Record("export.venues", "Export", null, path, new { rows = rows.Count });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// The venue register imported from <see cref="VenueSheet"/>'s layout: each row registers or changes one village's venue through
/// <see cref="SaveVenueHandler"/> (the form's rules, its audit entry); the village by its code or, when unique, its name, in scope;
/// a row whose figures are blank is left out (the sheet lists every village); all or nothing.
/// </summary>
public sealed class VenueImport(PingyiDbContext database, Scope scope, SaveVenueHandler handler) : HandlerImport<SaveVenue>(database)
{
    private OrganizationCells? _villages;

    private HashSet<long> _registered = [];

    protected override IReadOnlyList<string> Required => VenueSheet.Required;

    protected override string Hint => "请使用导出的活动场所登记表格式：村（社区）党组织、面积（平方米）、运转经费（元）、五个中心（是/否）";

    protected override IReadOnlyDictionary<string, string> ColumnOfField { get; } = new Dictionary<string, string>
    {
        ["organizationId"] = VenueSheet.Village, ["area"] = VenueSheet.Area, ["operatingFunds"] = VenueSheet.Funds,
        ["standardizedOn"] = VenueSheet.StandardizedOn, ["note"] = VenueSheet.Note,
    };

    protected override string MainColumn => VenueSheet.Village;

    protected override string Noun => "活动场所";

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以登记村级活动场所");
        _villages = await OrganizationCells.InScopeAsync(scope, ct);
        var path = await scope.PathAsync(ct);
        _registered = [.. await Db.Venues.Where(v => v.Organization!.Path.StartsWith(path)).Select(v => v.OrganizationId).ToListAsync(ct)];
    }

    protected override SaveVenue? Parse(ImportRow row, out string? key)
    {
        key = null;
        var village = _villages!.Find(row, row.Cell(VenueSheet.Code) is null ? VenueSheet.Village : VenueSheet.Code);
        var area = row.Decimal(VenueSheet.Area);
        var funds = row.Decimal(VenueSheet.Funds);
        var centres = VenueCentres.None;
        foreach (var (centre, column) in VenueSheet.CentreColumns)
        {
            centres |= row.YesNo(column) ? centre : VenueCentres.None;
        }
        var standardizedOn = row.Date(VenueSheet.StandardizedOn);
        if (village is null || row.Refused)
        {
            return null;
        }
        key = village.Code;
        // The exported sheet lists every village: one with neither figure filled in is not registered yet, and is left out.
        return area is null && funds is null && centres == VenueCentres.None && standardizedOn is null && row.Cell(VenueSheet.Note) is null
            ? null
            : new SaveVenue(village.Id, area, funds, centres, standardizedOn, row.Cell(VenueSheet.Note));
    }

    protected override async Task<bool> ApplyAsync(SaveVenue request, CancellationToken ct)
    {
        await handler.HandleAsync(request, ct);
        return _registered.Add(request.OrganizationId);
    }
}
