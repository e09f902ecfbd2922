using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Training;

/// <summary>A course: its attendees and the sign-in sheet import (checked first, every refused row listed, then all or nothing).</summary>
public sealed class DetailsModel(TrainingQueries queries) : PageModel
{
    public CourseView Course { get; private set; } = null!;

    public IReadOnlyList<AttendeeView> Attendees { get; private set; } = [];

    public Imports.ImportReport? Report { get; private set; }

    public bool CanEdit => User.Allows(Policies.Editors);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        (Course, Attendees) = await queries.CourseAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, IFormFile? file, bool dryRun, [FromServices] AttendanceImport import, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        if (file is null || file.Length == 0)
        {
            Report = new Imports.ImportReport { DryRun = dryRun, Fatal = true, Message = "请选择要导入的签到表（.xlsx 或 .csv）" };
        }
        else
        {
            await using var stream = file.OpenReadStream();
            Report = await import.RunAsync(id, stream, file.FileName, dryRun, ct);
        }
        return await OnGetAsync(id, ct);
    }
}
