using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Imports;

/// <summary>Exports in the same layout the imports read, streamed row by row, within scope.</summary>
public sealed class Exports(PingyiDbContext db, Scope scope, PiiProtector pii, AuditLog audit)
{
    public static string ContentType(TableFormat format) =>
        format == TableFormat.Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";

    public static string Extension(TableFormat format) => format == TableFormat.Xlsx ? ".xlsx" : ".csv";

    /// <summary>The roster of <paramref name="organizationId"/>'s subtree (default: the whole scope).</summary>
    public async Task WriteRosterAsync(Stream output, TableFormat format, long? organizationId, bool unmasked, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        if (organizationId is { } id)
        {
            path = await (await scope.OrganizationsAsync(ct)).Where(o => o.Id == id).Select(o => o.Path).FirstOrDefaultAsync(ct)
                ?? throw RuleViolation.NotFound($"组织 {id} 不存在或不在您的管理范围内");
        }
        var positions = await db.CadrePositions.AsNoTracking()
            .Where(c => c.TermEnd == null && c.Organization!.Path.StartsWith(path))
            .OrderBy(c => c.Title)
            .Select(c => new { c.PersonId, c.OrganizationId, c.Title, c.TermStart })
            .ToListAsync(ct);
        var positionByPerson = positions.GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => g.First());
        var rows = 0;
        using (var writer = new TableWriter(output, format, "花名册", Columns.Roster, Columns.RosterWidths))
        {
            var people = db.People.AsNoTracking().Where(p => p.Organization!.Path.StartsWith(path))
                .OrderBy(p => p.Organization!.Path).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.Name, p.Gender, p.IdNumberCipher, p.PhoneCipher, p.MemberStatus, p.JoinedOn, p.ConfirmedOn, p.Representatives, p.Education, p.OrganizationId, OrgCode = p.Organization!.Code, OrgName = p.Organization.Name })
                .AsAsyncEnumerable();
            await foreach (var p in people.WithCancellation(ct))
            {
                var idNumber = pii.DecryptOrNull(p.IdNumberCipher);
                var phone = pii.DecryptOrNull(p.PhoneCipher);
                positionByPerson.TryGetValue(p.Id, out var position);
                var ownPosition = position is not null && position.OrganizationId == p.OrganizationId ? position : null;
                writer.WriteRow([
                    p.Name, p.Gender.Chinese(), unmasked ? idNumber : Masking.IdNumber(idNumber), unmasked ? phone : Masking.Phone(phone),
                    p.OrgCode, p.OrgName, p.MemberStatus.Chinese(), CellParsing.Date(p.JoinedOn), CellParsing.Date(p.ConfirmedOn),
                    ownPosition?.Title.Chinese(), CellParsing.Date(ownPosition?.TermStart), p.Representatives.Chinese(), p.Education?.Chinese(),
                ]);
                rows++;
            }
        }
        audit.Record("export.roster", "Export", organizationId, path, new { rows, unmasked, format = format.ToString() });
        await db.SaveChangesAsync(ct);
    }

    public async Task WriteOrganizationsAsync(Stream output, TableFormat format, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var rows = 0;
        using (var writer = new TableWriter(output, format, "组织机构", Columns.Organizations, Columns.OrganizationWidths))
        {
            // Parents before children, so the file imports back in one pass.
            var organizations = db.Organizations.AsNoTracking().Where(o => o.Path.StartsWith(path))
                .OrderBy(o => o.Depth).ThenBy(o => o.ParentId).ThenBy(o => o.SortOrder).ThenBy(o => o.Code)
                .Select(o => new { o.Code, o.Name, o.Level, o.Category, ParentCode = o.Parent == null ? null : o.Parent.Code, o.EstablishedOn, o.Status })
                .AsAsyncEnumerable();
            await foreach (var o in organizations.WithCancellation(ct))
            {
                writer.WriteRow([o.Code, o.Name, o.Level.Chinese(), o.Category.Chinese(), o.ParentCode, CellParsing.Date(o.EstablishedOn), o.Status.Chinese()]);
                rows++;
            }
        }
        audit.Record("export.organizations", "Export", null, path, new { rows, format = format.ToString() });
        await db.SaveChangesAsync(ct);
    }

    public static void WriteRosterTemplate(Stream output, TableFormat format)
    {
        using var writer = new TableWriter(output, format, "花名册", Columns.Roster.Select(c => Columns.RosterRequired.Contains(c) ? c + "*" : c).ToList(), Columns.RosterWidths);
        var sample = ResidentIdNumber.Create("410326", new DateOnly(1985, 6, 12), 231).Value;
        writer.WriteRow(["张三（示例，导入前请删除）", "男", sample, "13800000000", "组织编码", "", "正式党员", "2010-07-01", "2011-07-01", "书记", "2021-01-01", "党代表", "大学本科"]);
    }

    public static void WriteOrganizationsTemplate(Stream output, TableFormat format)
    {
        using var writer = new TableWriter(output, format, "组织机构", Columns.Organizations.Select(c => Columns.OrganizationsRequired.Contains(c) ? c + "*" : c).ToList(), Columns.OrganizationWidths);
        writer.WriteRow(["（示例）XX村党支部编码", "XX村党支部", "党支部", "村", "上级党委的组织编码", "2020-07-01", ""]);
    }
}
