using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Imports;

[RequestSizeLimit(200 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 200 * 1024 * 1024)]
public sealed class IndexModel(RosterImport roster, OrganizationImport organizations, ImportProgressRegistry progress) : PageModel
{
    public string Kind { get; private set; } = "roster";

    public ImportReport? Report { get; private set; }

    public bool CanImport => User.Allows(Policies.Editors);

    public bool CanUnmask => User.IsInRole(Roles.SystemAdministrator) || User.IsInRole(Roles.OrganizationDepartment);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? kind, IFormFile? file, bool dryRun, bool partial, string? progressId, CancellationToken ct)
    {
        if (!CanImport)
        {
            return Forbid();
        }
        Kind = kind == "organizations" ? "organizations" : "roster";
        if (file is null || file.Length == 0)
        {
            Report = new ImportReport { DryRun = dryRun, Rejected = 1, Fatal = true,
                Message = file is null ? "请选择要导入的文件（.xlsx 或 .csv）" : $"文件为空：“{file.FileName}”没有任何内容" };
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var tracker = progress.Start(progressId);
            Report = Kind == "roster"
                ? await roster.RunAsync(stream, file.FileName, dryRun, tracker, ct, partial)
                : await organizations.RunAsync(stream, file.FileName, dryRun, tracker, ct, partial);
        }
        return Request.Headers.ContainsKey("X-Partial") ? Partial("_Report", Report) : Page();
    }
}
