using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Statistics;

public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/statistics").WithTags("Statistics").WithRefusals().RequireAuthorization(Policies.StatisticsReaders);
        api.MapGet("/", async (StatisticsQueries q, long? organizationId, int? year, CancellationToken ct) => TypedResults.Ok(await q.BoardAsync(organizationId, year, ct)))
            .WithSummary("The statistics board of an organization in scope (default: the caller's own) for a year: every figure for it and for each organization directly below it, the shares against their targets");
        api.MapGet("/map", async (StatisticsMap map, long? organizationId, CancellationToken ct) => TypedResults.Text(await map.GeoJsonAsync(organizationId, ct), "application/geo+json"))
            .WithSummary("The map of the organizations directly below one in scope as GeoJSON (the county's own file when supplied, otherwise a generated tile map), each feature named as the organization");
        api.MapGet("/{key}", async (StatisticsQueries q, string key, long? organizationId, int? year, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await q.ListAsync(key, organizationId, year, page, pageSize, ct)))
            .WithSummary("The records behind one figure (e.g. mem.all, grade.advanced, ledger.overdue): as many as the board's number");
        api.MapGet("/{key}/export", async (StatisticsQueries q, string key, long? organizationId, int? year, CancellationToken ct) =>
        {
            var (content, name) = await q.ExportAsync(key, organizationId, year, ct);
            return TypedResults.File(content, Imports.Exports.ContentType(Imports.TableFormat.Xlsx), name);
        }).WithSummary("The records behind one figure as an Excel workbook");
        return app;
    }
}
