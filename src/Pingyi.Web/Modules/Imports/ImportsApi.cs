using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Imports;

public static class ImportsApi
{
    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/v1/imports").WithTags("Imports").WithRefusals()
            .RequireAuthorization(Accounts.Policies.Editors);
        imports.MapPost("/roster", ImportRoster)
            .WithSummary("Import a roster (.xlsx or .csv, multipart field 'file'). All rows or none (partial=true imports the good rows and skips the rest); dryRun=true validates only. The report lists every rejected row with its row, column and reason.");
        imports.MapPost("/organizations", ImportOrganizations)
            .WithSummary("Import organizations matched by code (.xlsx or .csv, multipart field 'file'); dryRun=true validates only; partial=true skips refused rows.");
        imports.MapGet("/progress/{progressId}", Progress).WithSummary("Rows read so far by a running import started with the same progressId");
        app.MapGroup("/api/v1/imports/templates").WithTags("Imports").WithRefusals().RequireAuthorization()
            .MapGet("/{kind}", Template).WithSummary("Download the empty template: kind = roster | organizations, format = xlsx | csv");

        var exports = app.MapGroup("/api/v1/exports").WithTags("Exports").WithRefusals().RequireAuthorization();
        exports.MapGet("/roster", ExportRoster)
            .WithSummary("The roster of the caller's scope or of organizationId's subtree, in the import layout. ID and phone numbers are masked unless unmasked=true and the caller's role allows it.");
        exports.MapGet("/organizations", ExportOrganizations).WithSummary("The organizations of the caller's scope, in the import layout, parents first");
        return app;
    }

    private static async Task<Results<Ok<ImportReport>, UnprocessableEntity<ImportReport>, ProblemHttpResult>> ImportRoster(
        IFormFile? file, bool? dryRun, bool? partial, string? progressId, RosterImport import, ImportProgressRegistry registry, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return TypedResults.Problem(file is null ? "请选择要导入的文件（.xlsx 或 .csv）" : $"文件为空：“{file.FileName}”没有任何内容", statusCode: 400, title: "缺少文件");
        }
        await using var stream = file.OpenReadStream();
        var report = await import.RunAsync(stream, file.FileName, dryRun ?? false, registry.Start(progressId), ct, partial ?? false);
        return report.Blocked ? TypedResults.UnprocessableEntity(report) : TypedResults.Ok(report);
    }

    private static async Task<Results<Ok<ImportReport>, UnprocessableEntity<ImportReport>, ProblemHttpResult>> ImportOrganizations(
        IFormFile? file, bool? dryRun, bool? partial, string? progressId, OrganizationImport import, ImportProgressRegistry registry, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return TypedResults.Problem(file is null ? "请选择要导入的文件（.xlsx 或 .csv）" : $"文件为空：“{file.FileName}”没有任何内容", statusCode: 400, title: "缺少文件");
        }
        await using var stream = file.OpenReadStream();
        var report = await import.RunAsync(stream, file.FileName, dryRun ?? false, registry.Start(progressId), ct, partial ?? false);
        return report.Blocked ? TypedResults.UnprocessableEntity(report) : TypedResults.Ok(report);
    }

    private static Results<Ok<ImportProgress>, NotFound> Progress(string progressId, ImportProgressRegistry registry) =>
        registry.Get(progressId) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    private static Results<FileStreamHttpResult, ProblemHttpResult> Template(string kind, string? format)
    {
        var tableFormat = ParseFormat(format);
        if (tableFormat is null || kind is not ("roster" or "organizations"))
        {
            return TypedResults.Problem("模板类型应为 roster 或 organizations，格式应为 xlsx 或 csv", statusCode: 400);
        }
        var file = TempFile();
        if (kind == "roster")
        {
            Exports.WriteRosterTemplate(file, tableFormat.Value);
        }
        else
        {
            Exports.WriteOrganizationsTemplate(file, tableFormat.Value);
        }
        file.Position = 0;
        var name = (kind == "roster" ? "花名册导入模板" : "组织机构导入模板") + Exports.Extension(tableFormat.Value);
        return TypedResults.File(file, Exports.ContentType(tableFormat.Value), name);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportRoster(
        Exports exports, HttpContext http, string? format, long? organizationId, bool? unmasked, CancellationToken ct)
    {
        var tableFormat = ParseFormat(format);
        if (tableFormat is null)
        {
            return TypedResults.Problem("格式应为 xlsx 或 csv", statusCode: 400);
        }
        var full = unmasked == true;
        if (full && !(http.User.IsInRole(Roles.SystemAdministrator) || http.User.IsInRole(Roles.OrganizationDepartment)))
        {
            return TypedResults.Problem("您的角色不能导出完整的身份证号码和手机号码", statusCode: 403);
        }
        var file = TempFile();
        await exports.WriteRosterAsync(file, tableFormat.Value, organizationId, full, ct);
        file.Position = 0;
        return TypedResults.File(file, Exports.ContentType(tableFormat.Value), "花名册" + Exports.Extension(tableFormat.Value));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportOrganizations(Exports exports, string? format, CancellationToken ct)
    {
        var tableFormat = ParseFormat(format);
        if (tableFormat is null)
        {
            return TypedResults.Problem("格式应为 xlsx 或 csv", statusCode: 400);
        }
        var file = TempFile();
        await exports.WriteOrganizationsAsync(file, tableFormat.Value, ct);
        file.Position = 0;
        return TypedResults.File(file, Exports.ContentType(tableFormat.Value), "组织机构" + Exports.Extension(tableFormat.Value));
    }

    internal static TableFormat? ParseFormat(string? format) => (format ?? "xlsx").ToLowerInvariant() switch
    {
        "xlsx" => TableFormat.Xlsx,
        "csv" => TableFormat.Csv,
        _ => null,
    };

    // Workbooks are written to a temporary file first: the OpenXML writer is synchronous and needs a seekable stream.
    private static FileStream TempFile() =>
        new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
}
