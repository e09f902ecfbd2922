using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Supervision;

public sealed record VisitView(long Id, long OrganizationId, string Organization, long SupervisingOrganizationId, string Subject, DateOnly PlannedOn,
    DateOnly? VisitedOn, string? Summary, int Findings);

/// <param name="Working">Per day of the month, whether it is a working day (weekends, public holidays and 调休 known); only working days are due.</param>
public sealed record DailyCalendar(int Year, int Month, int Days, IReadOnlyList<DailyCalendarRow> Rows, IReadOnlyList<bool> Working, bool OfficialYear);

/// <summary>One account's month: <see cref="Reported"/>[d - 1] is whether it reported on day d.</summary>
public sealed record DailyCalendarRow(long UserId, string Name, string Organization, IReadOnlyList<bool> Reported, int Count);

public sealed record TaskAssignmentView(long OrganizationId, string Organization, DateTime? CompletedAt, string? Note);

public sealed record TaskView(long Id, string Title, string? Description, DateOnly? Deadline, long AssignedByOrganizationId, int Assigned, int Completed,
    decimal CompletionRate, IReadOnlyList<TaskAssignmentView> Assignments);

/// <summary>
/// Supervision (督查) as read: visits planned monthly whose findings become ledger items, cadres' daily reports
/// (每日一报) with a calendar of who has reported, and tasks assigned to organizations with their completion rate.
/// Everything is limited to the caller's subtree. The changes are the use cases beside this file.
/// </summary>
public sealed class SupervisionQueries(PingyiDbContext db, Scope scope, Calendar.WorkCalendars calendars)
{
    public async Task<IReadOnlyList<VisitView>> ListVisitsAsync(int? year, int? month, CancellationToken ct = default)
    {
        var query = VisibleVisits(await scope.OrganizationsAsync(ct));
        if (year is { } y && month is { } m && m is >= 1 and <= 12 && y is >= 2000 and <= 2100)
        {
            var first = new DateOnly(y, m, 1);
            var next = first.AddMonths(1);
            query = query.Where(v => v.PlannedOn >= first && v.PlannedOn < next);
        }
        return await Visits(query.OrderBy(v => v.PlannedOn).ThenBy(v => v.OrganizationId).Take(1000)).ToListAsync(ct);
    }

    internal IQueryable<SupervisionVisit> VisibleVisits(IQueryable<Organizations.Organization> organizations) =>
        db.SupervisionVisits.Where(v => organizations.Any(o => o.Id == v.OrganizationId));

    internal IQueryable<VisitView> Visits(IQueryable<SupervisionVisit> visits) =>
        from v in visits
        join o in db.Organizations on v.OrganizationId equals o.Id
        select new VisitView(v.Id, v.OrganizationId, o.Name, v.SupervisingOrganizationId, v.Subject, v.PlannedOn, v.VisitedOn, v.Summary,
            db.LedgerItems.Count(i => i.VisitId == v.Id));

    /// <summary>Every account of the subtree (default: the caller's) by day of the month: who has and has not reported.</summary>
    public async Task<DailyCalendar> CalendarAsync(int year, int month, long? organizationId, CancellationToken ct = default)
    {
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
        {
            throw RuleViolation.Invalid("年月无效");
        }
        var organizations = await scope.OrganizationsAsync(ct);
        var root = organizationId ?? scope.OrganizationId ?? 0;
        var path = await organizations.Where(o => o.Id == root).Select(o => o.Path).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"组织 {root} 不存在或不在您的管理范围内");
        var first = new DateOnly(year, month, 1);
        var days = DateTime.DaysInMonth(year, month);
        var accounts = await (from u in db.Users
                              join o in db.Organizations on u.OrganizationId equals o.Id
                              where o.Path.StartsWith(path)
                              orderby o.Path, u.UserName
                              select new { u.Id, Name = u.DisplayName != "" ? u.DisplayName : u.UserName!, Organization = o.Name }).Take(500).ToListAsync(ct);
        var ids = accounts.Select(a => a.Id).ToList();
        var last = first.AddDays(days - 1);
        var reports = await db.DailyReports.Where(r => ids.Contains(r.UserId) && r.Date >= first && r.Date <= last)
            .Select(r => new { r.UserId, r.Date }).ToListAsync(ct);
        var byUser = reports.ToLookup(r => r.UserId, r => r.Date.Day);
        var calendar = await calendars.CurrentAsync(ct);
        var working = Enumerable.Range(0, days).Select(d => calendar.IsWorkingDay(first.AddDays(d))).ToList();
        return new DailyCalendar(year, month, days, accounts.Select(a =>
        {
            var reported = new bool[days];
            foreach (var d in byUser[a.Id])
            {
                reported[d - 1] = true;
            }
            return new DailyCalendarRow(a.Id, a.Name, a.Organization, reported, reported.Count(x => x));
        }).ToList(), working, calendar.IsOfficial(year));
    }

    /// <summary>Tasks assigned by or to an organization of the caller's subtree, newest first.</summary>
    public async Task<IReadOnlyList<TaskView>> ListTasksAsync(CancellationToken ct = default)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var ids = await db.WorkTasks.Where(t => organizations.Any(o => o.Id == t.AssignedByOrganizationId)
                || db.TaskAssignments.Any(a => a.TaskId == t.Id && organizations.Any(o => o.Id == a.OrganizationId)))
            .OrderByDescending(t => t.Id).Select(t => t.Id).Take(200).ToListAsync(ct);
        return await TasksAsync(ids, ct);
    }

    internal async Task<IReadOnlyList<TaskView>> TasksAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        var tasks = await db.WorkTasks.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        var assignments = await (from a in db.TaskAssignments
                                 join o in db.Organizations on a.OrganizationId equals o.Id
                                 where ids.Contains(a.TaskId)
                                 orderby o.Path
                                 select new { a.TaskId, View = new TaskAssignmentView(a.OrganizationId, o.Name, a.CompletedAt, a.Note) }).ToListAsync(ct);
        var byTask = assignments.ToLookup(a => a.TaskId, a => a.View);
        return tasks.OrderByDescending(t => t.Id).Select(t =>
        {
            var list = byTask[t.Id].ToList();
            var done = list.Count(a => a.CompletedAt is not null);
            return new TaskView(t.Id, t.Title, t.Description, t.Deadline, t.AssignedByOrganizationId, list.Count, done,
                list.Count == 0 ? 0 : Math.Round(100m * done / list.Count, 1, MidpointRounding.AwayFromZero), list);
        }).ToList();
    }
}
