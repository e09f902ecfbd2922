using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Stationing;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Stationing;

/// <summary>The monthly check-in: the month (its first day, or any day of it), the days spent in the village, a note.</summary>
public sealed record CheckInStation(DateOnly? Month, int? DaysInVillage, string? Note);

/// <summary>
/// Records a month of a stay (月度报到): a month of the stay up to the current one, once; the days in the village no more than the
/// month has; audited.
/// </summary>
public sealed class CheckInStationHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, StationingAccess access)
{
    public async Task HandleAsync(long id, CheckInStation request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇、村党组织的管理员可以登记月度报到");
        var (assignment, path) = await access.AssignmentAsync(id, ct);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var today = ChinaTime.Today(clock);
        var month = request.Month is { } m ? StationRules.MonthNumber(m) : (int?)null;
        var lastMonth = StationRules.MonthNumber(assignment.EndOn is { } end && end < today ? end : today);
        var days = month is { } n ? DateTime.DaysInMonth(n / 12, n % 12 + 1) : 31;
        new FieldErrors()
            .Check(month is not null, "month", "请选择报到月份")
            .Check(month is null || (month >= StationRules.MonthNumber(assignment.StartOn) && month <= lastMonth), "month", "报到月份应在驻村期间，且不晚于本月")
            .Check(request.DaysInVillage is not null && request.DaysInVillage >= 0 && request.DaysInVillage <= days, "daysInVillage", $"在村天数应为 0 到 {days} 之间的整数")
            .Check((note?.Length ?? 0) <= StationCheckIn.NoteMax, "note", $"工作情况不超过{StationCheckIn.NoteMax}字")
            .ThrowIfAny();
        var first = StationRules.FirstDay(month!.Value);
        if (await db.StationCheckIns.AnyAsync(c => c.AssignmentId == assignment.Id && c.Month == month, ct))
        {
            throw new RuleViolation($"{first.Year}年{first.Month}月已经报到过");
        }
        db.StationCheckIns.Add(new StationCheckIn { AssignmentId = assignment.Id, Month = month.Value, DaysInVillage = request.DaysInVillage!.Value, Note = note, UserName = scope.UserName ?? "system", At = clock.GetUtcNow().UtcDateTime });
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record("station.checkin", nameof(StationAssignment), assignment.Id, path, new { month = $"{first:yyyy-MM}", days = request.DaysInVillage, note = note is null ? null : TextCut.Short(note, 100) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
