using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

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

    /// <summary>
    /// A register's two endpoints: <c>GET /export</c> writes the sheet (<paramref name="write"/>, an .xlsx named <paramref name="fileName"/>),
    /// <c>POST /import</c> reads it back through <typeparamref name="TImport"/> for the editors (all or nothing, <c>dryRun</c> checks).
    /// </summary>
    public static void MapRegisterSheet<TImport>(this RouteGroupBuilder api, string fileName, string what,
        Func<Stream, PingyiDbContext, Scope, AuditLog, TimeProvider, CancellationToken, Task> write, string layout) where TImport : IRowImport
    {
        api.MapGet("/export", async (PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
        {
            var file = new MemoryStream();
            await write(file, db, scope, audit, clock, ct);
            file.Position = 0;
            return TypedResults.File(file, Exports.ContentType(TableFormat.Xlsx), fileName);
        }).WithSummary($"The {what} of the scope in the import's layout (.xlsx): {layout}");
        api.MapPost("/import", (IFormFile? file, bool? dryRun, HttpContext http, CancellationToken ct) =>
                RunAsync(file, Path.GetFileNameWithoutExtension(fileName), (stream, name) => http.RequestServices.GetRequiredService<TImport>().RunAsync(stream, name, dryRun ?? false, ct)))
            .WithSummary($"Import the {what} from the export's layout (.xlsx or .csv, multipart field 'file'); each row through the form's rules; all rows or none, dryRun=true checks only; errors give row, column and reason")
            .RequireAuthorization(Policies.Editors);
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
