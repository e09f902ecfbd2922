using Microsoft.AspNetCore.Http.HttpResults;

namespace Pingyi.Web.Modules.Imports;

/// <summary>An import endpoint's answer: 400 without a file, 422 with the report when a row is refused, 200 with it otherwise.</summary>
public static class ImportEndpoint
{
    public static async Task<Results<Ok<ImportReport>, UnprocessableEntity<ImportReport>, ProblemHttpResult>> RunAsync(
        IFormFile? file, string what, Func<Stream, string, Task<ImportReport>> run)
    {
        if (file is null || file.Length == 0)
        {
            return TypedResults.Problem($"请选择要导入的{what}（.xlsx 或 .csv）", statusCode: 400, title: "缺少文件");
        }
        await using var stream = file.OpenReadStream();
        var report = await run(stream, file.FileName);
        return report.Blocked ? TypedResults.UnprocessableEntity(report) : TypedResults.Ok(report);
    }

    /// <summary>A page's import: the report, or without a file a report that says to choose one (<paramref name="missing"/>).</summary>
    public static async Task<ImportReport> OnPageAsync(IFormFile? file, bool dryRun, string missing, Func<Stream, string, Task<ImportReport>> run)
    {
        if (file is null || file.Length == 0)
        {
            return new ImportReport { DryRun = dryRun, Fatal = true, Message = missing };
        }
        await using var stream = file.OpenReadStream();
        return await run(stream, file.FileName);
    }
}

/// <summary>The import form of a page (<c>_ImportForm.cshtml</c>): its element id, what the file holds (a UiText key), the file's name for screen readers.</summary>
public sealed record ImportForm(string Id, string Explanation, string FileLabel, bool Open);
