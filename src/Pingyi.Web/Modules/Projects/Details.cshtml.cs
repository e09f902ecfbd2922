using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Projects;

/// <summary>A project: its milestones with their standing, the delay items and accountability, the progress reports and the form to report.</summary>
public sealed class DetailsModel(ProjectQueries queries, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public ProjectView Project { get; private set; } = null!;

    public IReadOnlyList<ProjectReportView> Reports { get; private set; } = [];

    public bool CanKeep => User.Allows(Policies.ProjectKeepers);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Project = await queries.GetAsync(id, ct);
        Reports = await queries.ReportsAsync(id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(long id, string? text, long? milestoneId, bool done, [FromServices] ReportProjectProgressHandler report, CancellationToken ct) =>
        this.RunAsync(CanKeep, async () =>
        {
            await report.HandleAsync(id, new ReportProjectProgress(text, milestoneId, done), ct);
            return done ? localizer["进展已报告，节点已完成。"] : localizer["进展已报告。"];
        }, new { id }, () => OnGetAsync(id, ct));
}
