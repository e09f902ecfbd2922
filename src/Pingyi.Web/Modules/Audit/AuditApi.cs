using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Audit;

public static class AuditApi
{

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audit").WithTags("Audit").WithRefusals().RequireAuthorization(Policies.AuditReaders);
        api.MapGet("/", List).WithSummary("The audit trail within the caller's scope, newest first, filtered by entity, user, action and China dates");
        api.MapGet("/export", Export).WithSummary("The filtered trail as .xlsx or .csv");
        api.MapGet("/verify", Verify).WithSummary("Check the hash chain over every entry: {valid, entries, firstBrokenId}")
            .RequireAuthorization(p => p.RequireRole(Roles.SystemAdministrator, Roles.DisciplineInspection));
        return app;
    }

    public sealed record VerifyResult(bool Valid, long Entries, long? FirstBrokenId);

    private static async Task<Ok<VerifyResult>> Verify(PingyiDbContext db, CancellationToken ct)
    {
        var result = await AuditChain.VerifyAsync(db, ct);
        return TypedResults.Ok(new VerifyResult(result.Valid, result.Entries, result.FirstBrokenId));
    }

    private static async Task<Ok<Paged<AuditRow>>> List(AuditQueries queries, string? entityType, string? entityId, string? user, string? action,
        DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(new AuditFilter(entityType, entityId, user, action, from, to, page, pageSize), ct));

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Export(AuditQueries queries, AuditLog audit, PingyiDbContext db, Scope scope,
        string? format, string? entityType, string? entityId, string? user, string? action, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var tableFormat = ImportsApi.ParseFormat(format);
        if (tableFormat is null)
        {
            return TypedResults.Problem("格式应为 xlsx 或 csv", statusCode: 400);
        }
        var filter = new AuditFilter(entityType, entityId, user, action, from, to, null, null);
        var query = await queries.FilteredAsync(filter, ct);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        var rows = 0;
        using (var writer = new TableWriter(file, tableFormat.Value, "审计记录", ["序号", "时间（北京时间）", "用户", "操作", "对象类型", "对象编号", "内容", "请求编号", "地址"],
            [10, 20, 14, 22, 14, 12, 60, 30, 16]))
        {
            await foreach (var a in query.OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
            {
                writer.WriteRow([a.Id.ToString(CultureInfo.InvariantCulture), ChinaTime.ToChina(a.OccurredAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    a.UserName, a.Action, a.EntityType, a.EntityId, a.Data, a.RequestId, a.RemoteAddress]);
                rows++;
            }
        }
        audit.Record("export.audit", "Export", null, await scope.PathAsync(ct), new { rows, filter = new { entityType, entityId, user, action, from, to } });
        await db.SaveChangesAsync(ct);
        file.Position = 0;
        return TypedResults.File(file, Exports.ContentType(tableFormat.Value), "审计记录" + Exports.Extension(tableFormat.Value));
    }
}
