using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Training;

/// <summary>
/// A course's attendance from a sign-in sheet (Excel or CSV: 姓名, 公民身份号码, optional 学时): each row matched to a person on
/// record by the ID number's keyed hash, within the caller's scope, and the name checked against it; every refused row named
/// with its row, column and reason; all or nothing; rows already on the course are left as they are; audited.
/// </summary>
public sealed class AttendanceImport(PingyiDbContext db, Scope scope, AuditLog audit, PiiProtector pii)
{
    public static readonly string[] Required = ["姓名", "公民身份号码"];

    public async Task<ImportReport> RunAsync(long courseId, Stream file, string? fileName, bool dryRun, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和党委可以导入培训签到");
        var path = await scope.PathAsync(ct);
        var course = await db.TrainingCourses.Where(c => c.Id == courseId && c.Organization!.Path.StartsWith(path)).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"培训 {courseId} 不存在或不在您的管理范围内");
        var report = new ImportReport { DryRun = dryRun };
        var rows = new List<(int Row, string Name, string Hash, decimal Hours)>();
        try
        {
            using var reader = TableReader.Open(file, fileName);
            Dictionary<string, int>? map = null;
            foreach (var row in reader.Rows())
            {
                if (map is null)
                {
                    map = report.Header(row, Required, "请使用培训签到表格式：姓名、公民身份号码、学时");
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
                string? Cell(string column) => map.TryGetValue(column, out var i) && i < row.Cells.Length && !string.IsNullOrWhiteSpace(row.Cells[i]) ? row.Cells[i]!.Trim() : null;
                var refused = false;
                var name = Cell("姓名");
                if (name is null)
                {
                    report.Refuse(row.Number, "姓名", "姓名不能为空");
                    refused = true;
                }
                string? hash = null;
                if (!ResidentIdNumber.TryParse(Cell("公民身份号码"), out var id, out var idError))
                {
                    report.Refuse(row.Number, "公民身份号码", idError);
                    refused = true;
                }
                else
                {
                    hash = pii.LookupHash(id.Value);
                }
                var hours = course.Hours;
                if (Cell("学时") is { } h && !(decimal.TryParse(h, NumberStyles.Number, CultureInfo.InvariantCulture, out hours) && hours is > 0 and <= 500))
                {
                    report.Refuse(row.Number, "学时", $"“{h}”不是 0 到 500 之间的学时");
                    refused = true;
                }
                if (refused)
                {
                    report.Rejected++;
                    continue;
                }
                rows.Add((row.Number, name!, hash!, decimal.Round(hours, 1)));
            }
            if (map is null && !report.Fatal)
            {
                report.NoHeader();
            }
        }
        catch (InvalidDataException e)
        {
            report.Unreadable(e.Message);
            return report;
        }
        // Match the rows to people in scope, by ID number; the name must agree.
        var hashes = rows.Select(r => r.Hash).Distinct().ToList();
        var people = await db.People.Where(p => hashes.Contains(p.IdNumberHash) && p.Organization!.Path.StartsWith(path))
            .Select(p => new { p.Id, p.Name, p.IdNumberHash }).ToDictionaryAsync(p => p.IdNumberHash, ct);
        var already = await db.TrainingAttendances.Where(a => a.CourseId == course.Id).Select(a => a.PersonId).ToListAsync(ct);
        var seen = new HashSet<long>(already);
        var accepted = new List<TrainingAttendance>();
        foreach (var r in rows)
        {
            if (!people.TryGetValue(r.Hash, out var person))
            {
                report.Refuse(r.Row, "公民身份号码", "没有这个公民身份号码的人员，或不在您的管理范围内：请先在花名册中登记");
                report.Rejected++;
            }
            else if (person.Name != r.Name)
            {
                report.Refuse(r.Row, "姓名", $"与公民身份号码登记的姓名“{person.Name}”不一致");
                report.Rejected++;
            }
            else if (!seen.Add(person.Id))
            {
                report.Unchanged++;
            }
            else
            {
                report.Accepted++;
                accepted.Add(new TrainingAttendance { CourseId = course.Id, PersonId = person.Id, Hours = r.Hours });
            }
        }
        if (report.Blocked)
        {
            report.Message = $"共{report.RowsRead}行，其中{report.Rejected}行有错误；未导入任何数据，请改正后重新导入";
            return report;
        }
        if (dryRun)
        {
            report.Message = $"检查通过：{report.Accepted}人可以导入";
            return report;
        }
        if (accepted.Count == 0)
        {
            // Nothing new: nothing to change, nothing to audit.
            report.Message = $"没有新的签到：{report.Unchanged}人已在签到名单中";
            return report;
        }
        await using var work = await db.BeginWorkAsync(ct);
        db.TrainingAttendances.AddRange(accepted);
        await db.SaveChangesAsync(ct);
        audit.Record("training.attendance", nameof(TrainingCourse), course.Id, path, new { added = accepted.Count, unchanged = report.Unchanged });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        report.Created = accepted.Count;
        report.Committed = true;
        report.Message = $"已导入{accepted.Count}人的签到" + (report.Unchanged > 0 ? $"，{report.Unchanged}人已在签到名单中" : "");
        return report;
    }
}
