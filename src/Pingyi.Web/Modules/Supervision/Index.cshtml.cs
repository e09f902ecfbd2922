using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Supervision;

/// <summary>督查: monthly visits and their findings, daily reports with the calendar, tasks with completion rates.</summary>
public sealed class IndexModel(SupervisionQueries supervision, Scope scope, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Ledger.LedgerOptions> options, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public IReadOnlyList<string> Categories => options.Value.Categories;

    [BindProperty(SupportsGet = true)]
    public string Tab { get; set; } = "visits";

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Month { get; set; }

    public IReadOnlyList<VisitView> Visits { get; private set; } = [];

    public DailyCalendar? Calendar { get; private set; }

    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Below { get; private set; } = [];

    public Dictionary<long, string> Names { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        Message ??= TempData["Message"] as string;
        Year ??= Today.Year;
        Month ??= Today.Month;
        var organizations = await scope.OrganizationsAsync(ct);
        var root = scope.OrganizationId ?? 0;
        var rootDepth = await organizations.Where(o => o.Id == root).Select(o => o.Depth).FirstOrDefaultAsync(ct);
        // Two levels below the caller: townships and their branches, for the county; branches, for a township.
        Below = await OrganizationChoices.TreeAsync(organizations.Where(o => o.Depth > rootDepth && o.Depth <= rootDepth + 2
            && o.Status == Core.Organizations.OrganizationStatus.Active && o.Level != Core.Organizations.OrganizationLevel.PartyGroup), ct, 2000);
        switch (Tab)
        {
            case "daily":
                Calendar = await supervision.CalendarAsync(Year.Value, Month.Value, null, ct);
                break;
            case "tasks":
                Tasks = await supervision.ListTasksAsync(ct);
                var ids = Tasks.Select(t => t.AssignedByOrganizationId).Distinct().ToList();
                Names = await organizations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
                break;
            default:
                Tab = "visits";
                Visits = await supervision.ListVisitsAsync(Year, Month, ct);
                break;
        }
    }

    public Task<IActionResult> OnPostPlanAsync(List<long> organizationIds, string? subject, DateOnly firstOn, int? count, [FromServices] PlanVisitsHandler handler, CancellationToken ct) =>
        RunAsync("visits", () => handler.HandleAsync(new PlanVisits(organizationIds, subject ?? string.Empty, firstOn, count, 1), ct), "已安排督查。", ct);

    public Task<IActionResult> OnPostRecordAsync(long id, DateOnly visitedOn, string? summary, string? category, string? findings, DateOnly? deadline,
        [FromServices] RecordVisitHandler handler, CancellationToken ct)
    {
        // One finding per line; all of them in one category with one deadline.
        var list = (findings ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => new Finding(category ?? string.Empty, line, deadline, null)).ToList();
        return RunAsync("visits", () => handler.HandleAsync(id, new RecordVisit(visitedOn, summary, list), ct), $"已记录督查情况，{list.Count} 个问题已列入整改台账。", ct);
    }

    public Task<IActionResult> OnPostDailyAsync(string? text, [FromServices] SubmitDailyReportHandler handler, CancellationToken ct) =>
        RunAsync("daily", () => handler.HandleAsync(new SubmitDailyReport(null, text ?? string.Empty), ct), "今日工作已报。", ct);

    public Task<IActionResult> OnPostTaskAsync(string? title, string? description, DateOnly? deadline, List<long> organizationIds, [FromServices] CreateTaskHandler handler, CancellationToken ct) =>
        RunAsync("tasks", () => handler.HandleAsync(new CreateTask(title ?? string.Empty, description, deadline, organizationIds), ct), "任务已交办。", ct);

    public Task<IActionResult> OnPostCompleteAsync(long id, long organizationId, string? note, [FromServices] CompleteTaskHandler handler, CancellationToken ct) =>
        RunAsync("tasks", () => handler.HandleAsync(id, organizationId, new CompleteTask(note), ct), "已办结。", ct);

    private async Task<IActionResult> RunAsync(string tab, Func<Task> action, string message, CancellationToken ct)
    {
        Tab = tab;
        try
        {
            await action();
            TempData["Message"] = localizer[message].Value;
            return RedirectToPage(new { tab });
        }
        catch (RuleViolation e)
        {
            Refuse(e);
            await OnGetAsync(ct);
            return Page();
        }
    }
}
