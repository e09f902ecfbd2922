using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Ledger;

/// <summary>
/// Imports ledger items from the customary layout — the same columns the export writes (序号, 问题, 类别,
/// 责任单位, 责任人, 整改措施, 时限, 进展, 状态, 销号时间), so a county moving its Excel ledger in, or a
/// file exported here, comes in as it is. 责任单位 is an organization's name or code in the caller's
/// scope. All rows are checked first; one refused row imports nothing.
/// </summary>
public sealed class LedgerImport(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, Calendar.WorkCalendars calendars)
{
    public static readonly string[] Required = ["问题", "类别", "责任单位"];

    private static readonly string[] ClosedFormats = ["yyyy年M月d日 HH:mm", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm", "yyyy-MM-dd HH:mm:ss", "yyyy年M月d日", "yyyy-MM-dd"];

    public async Task<ImportReport> RunAsync(Stream file, string? fileName, bool dryRun, CancellationToken ct = default)
    {
        var report = new ImportReport { DryRun = dryRun };
        try
        {
            using var reader = TableReader.Open(file, fileName);
            await RunAsync(reader, report, ct);
        }
        catch (InvalidDataException e)
        {
            report.Unreadable(e.Message);
        }
        return report;
    }

    private async Task RunAsync(TableReader reader, ImportReport report, CancellationToken ct)
    {
        var organizations = await OrganizationCells.InScopeAsync(scope, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // A deadline on a day off moves to the next working day, as for an item entered by hand.
        var calendar = await calendars.CurrentAsync(ct);
        var items = new List<(LedgerItem Item, string Path)>();
        Dictionary<string, int>? map = null;
        foreach (var row in reader.Rows())
        {
            if (map is null)
            {
                map = report.Header(row, Required, "请使用导出的台账格式");
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
            void Fail(string column, string reason)
            {
                report.Refuse(row.Number, column, reason);
                refused = true;
            }
            var description = Cell("问题");
            if (description is null || description.Length > LedgerItem.DescriptionMax)
            {
                Fail("问题", description is null ? "问题不能为空" : $"问题不超过{LedgerItem.DescriptionMax}字");
            }
            var category = Cell("类别");
            if (category is null || category.Length > LedgerItem.CategoryMax)
            {
                Fail("类别", category is null ? "类别不能为空" : $"类别不超过{LedgerItem.CategoryMax}字");
            }
            long organizationId = 0;
            long? parentId = null;
            var path = string.Empty;
            if (organizations.Find(Cell("责任单位"), "责任单位", out var unitRefusal) is { } unit)
            {
                (organizationId, parentId, path) = (unit.Id, unit.ParentId, unit.Path);
            }
            else
            {
                Fail("责任单位", unitRefusal!);
            }
            DateOnly? deadline = null;
            if (Cell("时限") is { } d)
            {
                if (CellParsing.TryParseDate(d, out var parsed))
                {
                    deadline = parsed;
                }
                else
                {
                    Fail("时限", $"“{d}”不是日期，请写成 2026-12-31");
                }
            }
            var state = LedgerState.ToRectify;
            if (Cell("状态") is { } s)
            {
                var name = s.Replace("（逾期）", string.Empty, StringComparison.Ordinal).Replace("(逾期)", string.Empty, StringComparison.Ordinal).Trim();
                var match = Enum.GetValues<LedgerState>().Where(x => LedgerWorkflow.Chinese(x) == name).Select(x => (LedgerState?)x).FirstOrDefault();
                if (match is null)
                {
                    Fail("状态", $"“{s}”不是台账状态（待整改、整改中、已整改待验收、已销号）");
                }
                state = match ?? state;
            }
            DateTime? closedAt = null;
            if (Cell("销号时间") is { } c)
            {
                var text = c.Replace(" (UTC+8)", string.Empty, StringComparison.Ordinal);
                if (DateTime.TryParseExact(text, ClosedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                {
                    closedAt = DateTime.SpecifyKind(local - ChinaTime.Offset, DateTimeKind.Utc);
                }
                else
                {
                    Fail("销号时间", $"“{c}”不是时间，请写成 2026-12-31 09:30");
                }
                if (state != LedgerState.ClosedOut)
                {
                    Fail("销号时间", "只有“已销号”的事项才有销号时间");
                }
            }
            var person = Cell("责任人");
            if (person?.Length > 100)
            {
                Fail("责任人", "责任人不超过100字");
            }
            var measures = Cell("整改措施");
            var progress = Cell("进展");
            if (measures?.Length > 4000 || progress?.Length > 4000)
            {
                Fail(measures?.Length > 4000 ? "整改措施" : "进展", "不超过4000字");
            }
            if (refused)
            {
                report.Rejected++;
                continue;
            }
            report.Accepted++;
            items.Add((new LedgerItem
            {
                Source = LedgerSource.Manual, Category = category!, Description = description!, ResponsibleOrganizationId = organizationId,
                ResponsiblePersonName = person, SupervisingOrganizationId = parentId, Deadline = deadline is { } due ? calendar.OnOrNextWorkingDay(due) : null, Measures = measures, Progress = progress,
                State = state, CreatedAt = now, ClosedOutAt = state == LedgerState.ClosedOut ? closedAt ?? now : null,
            }, path));
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
        if (report.DryRun)
        {
            report.Message = $"检查通过：{report.Accepted}条事项可以导入";
            return;
        }
        await using var tx = await db.BeginWorkAsync(ct);
        db.LedgerItems.AddRange(items.Select(i => i.Item));
        await db.SaveChangesAsync(ct);
        foreach (var (item, _) in items)
        {
            db.LedgerEvents.Add(new LedgerEvent { ItemId = item.Id, Kind = "Import", ToState = item.State, Text = "从台账表格导入", UserName = scope.UserName ?? "system", At = now });
        }
        audit.Record("ledger.import", nameof(LedgerItem), null, await scope.PathAsync(ct), new { items = items.Count, ids = items.Select(i => i.Item.Id) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        report.Created = items.Count;
        report.Committed = true;
        report.Message = $"已导入{items.Count}条事项";
    }
}
