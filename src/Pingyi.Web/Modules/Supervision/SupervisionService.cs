using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;

namespace Pingyi.Web.Modules.Supervision;

public sealed record PlanVisits(IReadOnlyList<long> OrganizationIds, string Subject, DateOnly FirstOn, int? Count, int? IntervalMonths);

public sealed record Finding(string Category, string Description, DateOnly? Deadline, string? Measures);

public sealed record RecordVisit(DateOnly VisitedOn, string? Summary, IReadOnlyList<Finding>? Findings);

public sealed record VisitView(long Id, long OrganizationId, string Organization, long SupervisingOrganizationId, string Subject, DateOnly PlannedOn,
    DateOnly? VisitedOn, string? Summary, int Findings);

public sealed record SubmitDailyReport(DateOnly? Date, string Text);

public sealed record DailyCalendar(int Year, int Month, int Days, IReadOnlyList<DailyCalendarRow> Rows);

/// <summary>One account's month: <see cref="Reported"/>[d - 1] is whether it reported on day d.</summary>
public sealed record DailyCalendarRow(long UserId, string Name, string Organization, IReadOnlyList<bool> Reported, int Count);

public sealed record CreateTask(string Title, string? Description, DateOnly? Deadline, IReadOnlyList<long> OrganizationIds);

public sealed record TaskAssignmentView(long OrganizationId, string Organization, DateTime? CompletedAt, string? Note);

public sealed record TaskView(long Id, string Title, string? Description, DateOnly? Deadline, long AssignedByOrganizationId, int Assigned, int Completed,
    decimal CompletionRate, IReadOnlyList<TaskAssignmentView> Assignments);

/// <summary>
/// Supervision (督查): visits planned monthly whose findings become ledger items, cadres' daily reports
/// (每日一报) with a calendar of who has reported, and tasks assigned to organizations with their completion rate.
/// Everything is limited to the caller's subtree and audited.
/// </summary>
public sealed class SupervisionService(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, LedgerService ledger)
{
    private string UserName => scope.UserName ?? "system";

    private void RequireRole(string policy, string message)
    {
        if (!scope.User.Allows(policy))
        {
            throw RuleViolation.Forbidden(message);
        }
    }

    public async Task<IReadOnlyList<VisitView>> PlanAsync(PlanVisits plan, CancellationToken ct = default)
    {
        RequireRole(Policies.SupervisionPlanners, "只有督查或组织部门可以安排督查");
        var subject = (plan.Subject ?? string.Empty).Trim();
        if (subject.Length is 0 or > 200)
        {
            throw RuleViolation.Invalid("请填写督查主题（不超过200字）");
        }
        var count = plan.Count ?? 1;
        var interval = plan.IntervalMonths ?? 1;
        if (count is < 1 or > 24 || interval is < 1 or > 12)
        {
            throw RuleViolation.Invalid("督查次数为1至24次，间隔为1至12个月（默认每月一次）");
        }
        if (plan.OrganizationIds is not { Count: > 0 })
        {
            throw RuleViolation.Invalid("请选择被督查的单位");
        }
        var organizations = await scope.OrganizationsAsync(ct);
        var targets = await organizations.Where(o => plan.OrganizationIds.Contains(o.Id)).Select(o => new { o.Id, o.ParentId, o.Path }).ToListAsync(ct);
        if (targets.Count != plan.OrganizationIds.Distinct().Count())
        {
            throw RuleViolation.NotFound("有被督查单位不存在或不在您的管理范围内");
        }
        var by = scope.OrganizationId ?? 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var visits = targets.SelectMany(t => Enumerable.Range(0, count).Select(i => new SupervisionVisit
        {
            OrganizationId = t.Id, SupervisingOrganizationId = t.Id == by ? t.ParentId ?? by : by, Subject = subject,
            PlannedOn = plan.FirstOn.AddMonths(i * interval), CreatedBy = UserName, CreatedAt = now,
        })).ToList();
        db.SupervisionVisits.AddRange(visits);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("supervision.plan", nameof(SupervisionVisit), null, await scope.PathAsync(ct),
            new { subject, organizations = targets.Select(t => t.Id), firstOn = plan.FirstOn, count, interval, visits = visits.Select(v => v.Id) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        var ids = visits.Select(v => v.Id).ToList();
        return await Visits(db.SupervisionVisits.Where(v => ids.Contains(v.Id)).OrderBy(v => v.PlannedOn).ThenBy(v => v.Id)).ToListAsync(ct);
    }

    /// <summary>Records a visit as made; each finding becomes a ledger item of the visited organization, supervised by the visiting one.</summary>
    public async Task<VisitView> RecordAsync(long id, RecordVisit record, CancellationToken ct = default)
    {
        RequireRole(Policies.SupervisionPlanners, "只有督查或组织部门可以记录督查情况");
        var visit = await VisibleVisits(await scope.OrganizationsAsync(ct)).FirstOrDefaultAsync(v => v.Id == id, ct)
            ?? throw RuleViolation.NotFound($"督查 {id} 不存在或不在您的管理范围内");
        if (!await (await scope.OrganizationsAsync(ct)).AnyAsync(o => o.Id == visit.SupervisingOrganizationId, ct))
        {
            throw RuleViolation.Forbidden("只有安排督查的单位可以记录督查情况");
        }
        if (visit.VisitedOn is not null)
        {
            throw new RuleViolation("这次督查已经记录过了");
        }
        if (record.Summary?.Length > 4000)
        {
            throw RuleViolation.Invalid("督查情况不超过4000字");
        }
        var findings = record.Findings ?? [];
        await using var tx = await db.BeginWorkAsync(ct);
        visit.VisitedOn = record.VisitedOn;
        visit.Summary = string.IsNullOrWhiteSpace(record.Summary) ? null : record.Summary.Trim();
        var items = new List<long>();
        foreach (var f in findings)
        {
            var item = await ledger.CreateAsync(new CreateLedgerItem(f.Category, f.Description, visit.OrganizationId, null, visit.SupervisingOrganizationId,
                f.Deadline, f.Measures, LedgerSource.Supervision), ct);
            items.Add(item.Id);
        }
        await db.LedgerItems.Where(i => items.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.VisitId, visit.Id), ct);
        var path = await db.Organizations.Where(o => o.Id == visit.OrganizationId).Select(o => o.Path).SingleAsync(ct);
        audit.Record("supervision.record", nameof(SupervisionVisit), visit.Id, path, new { visitedOn = record.VisitedOn, summary = visit.Summary, items });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Visits(db.SupervisionVisits.Where(v => v.Id == id)).SingleAsync(ct);
    }

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

    private IQueryable<SupervisionVisit> VisibleVisits(IQueryable<Organizations.Organization> organizations) =>
        db.SupervisionVisits.Where(v => organizations.Any(o => o.Id == v.OrganizationId));

    private IQueryable<VisitView> Visits(IQueryable<SupervisionVisit> visits) =>
        from v in visits
        join o in db.Organizations on v.OrganizationId equals o.Id
        select new VisitView(v.Id, v.OrganizationId, o.Name, v.SupervisingOrganizationId, v.Subject, v.PlannedOn, v.VisitedOn, v.Summary,
            db.LedgerItems.Count(i => i.VisitId == v.Id));

    private long Me => long.TryParse(scope.User?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : 0;

    /// <summary>The signed-in cadre's report for a day (today by default, or one of the two days before); a second report the same day replaces the first.</summary>
    public async Task<DateOnly> SubmitDailyAsync(SubmitDailyReport report, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var date = report.Date ?? today;
        if (date > today || date < today.AddDays(-2))
        {
            throw RuleViolation.Invalid("只能填报今天或前两天的每日一报");
        }
        var text = (report.Text ?? string.Empty).Trim();
        if (text.Length is 0 or > 2000)
        {
            throw RuleViolation.Invalid("请填写今日工作（不超过2000字）");
        }
        var me = Me;
        var organization = scope.OrganizationId ?? throw RuleViolation.Forbidden("账号没有所属组织，不能填报");
        var existing = await db.DailyReports.FirstOrDefaultAsync(r => r.UserId == me && r.Date == date, ct);
        if (existing is null)
        {
            db.DailyReports.Add(new DailyReport { UserId = me, OrganizationId = organization, Date = date, Text = text, At = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            existing.Text = text;
            existing.At = clock.GetUtcNow().UtcDateTime;
        }
        audit.Record(existing is null ? "daily.submit" : "daily.update", nameof(DailyReport), null, await scope.PathAsync(ct), new { date, length = text.Length });
        await db.SaveChangesAsync(ct);
        return date;
    }

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
        return new DailyCalendar(year, month, days, accounts.Select(a =>
        {
            var reported = new bool[days];
            foreach (var d in byUser[a.Id])
            {
                reported[d - 1] = true;
            }
            return new DailyCalendarRow(a.Id, a.Name, a.Organization, reported, reported.Count(x => x));
        }).ToList());
    }

    public async Task<TaskView> CreateTaskAsync(CreateTask request, CancellationToken ct = default)
    {
        RequireRole(Policies.SupervisionPlanners, "只有督查或组织部门可以交办任务");
        var title = (request.Title ?? string.Empty).Trim();
        if (title.Length is 0 or > 200)
        {
            throw RuleViolation.Invalid("请填写任务名称（不超过200字）");
        }
        if (request.OrganizationIds is not { Count: > 0 })
        {
            throw RuleViolation.Invalid("请选择承办单位");
        }
        var ids = request.OrganizationIds.Distinct().ToList();
        var targets = await (await scope.OrganizationsAsync(ct)).Where(o => ids.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        if (targets.Count != ids.Count)
        {
            throw RuleViolation.NotFound("有承办单位不存在或不在您的管理范围内");
        }
        var task = new WorkTask
        {
            Title = title, Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(), Deadline = request.Deadline,
            AssignedByOrganizationId = scope.OrganizationId ?? 0, CreatedBy = UserName, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WorkTasks.Add(task);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        db.TaskAssignments.AddRange(targets.Select(o => new TaskAssignment { TaskId = task.Id, OrganizationId = o }));
        audit.Record("task.create", nameof(WorkTask), task.Id, await scope.PathAsync(ct), new { title, deadline = request.Deadline, organizations = targets });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return (await TasksAsync([task.Id], ct)).Single();
    }

    /// <summary>The assigned organization (or one above it) reports its part of a task done.</summary>
    public async Task<TaskView> CompleteAsync(long taskId, long organizationId, string? note, CancellationToken ct = default)
    {
        RequireRole(Policies.TaskWorkers, "您的角色不能办结任务");
        var organizations = await scope.OrganizationsAsync(ct);
        var assignment = await db.TaskAssignments.Where(a => a.TaskId == taskId && a.OrganizationId == organizationId && organizations.Any(o => o.Id == a.OrganizationId))
            .FirstOrDefaultAsync(ct) ?? throw RuleViolation.NotFound("任务不存在或不在您的管理范围内");
        if (assignment.CompletedAt is not null)
        {
            throw new RuleViolation("该单位已办结这项任务");
        }
        if (note?.Length > 2000)
        {
            throw RuleViolation.Invalid("说明不超过2000字");
        }
        assignment.CompletedAt = clock.GetUtcNow().UtcDateTime;
        assignment.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var path = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Path).SingleAsync(ct);
        audit.Record("task.complete", nameof(WorkTask), taskId, path, new { organization = organizationId, note = assignment.Note });
        await db.SaveChangesAsync(ct);
        return (await TasksAsync([taskId], ct)).Single();
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

    private async Task<IReadOnlyList<TaskView>> TasksAsync(IReadOnlyList<long> ids, CancellationToken ct)
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
