using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Venues;

public static class VenuesApi
{
    public static IEndpointRouteBuilder MapVenuesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/venues").WithTags("Venues").WithRefusals().RequireAuthorization(Policies.StatisticsReaders);
        api.MapGet("/", async (VenueQueries q, bool? below, string? search, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await q.ListAsync(new VenueFilter(below, search, page, pageSize), ct)))
            .WithSummary("Villages and communities in scope with their venues (阵地) and shortfalls; below=true for those short of the standard or not registered");
        api.MapGet("/summary", async (VenueQueries q, CancellationToken ct) => TypedResults.Ok(await q.SummaryAsync(ct)))
            .WithSummary("Villages, registered venues, meeting and below the standard, brought to standard this year against the target, per organization below");
        api.MapGet("/{organizationId:long}", async (VenueQueries q, long organizationId, CancellationToken ct) => TypedResults.Ok(await q.VillageAsync(organizationId, ct)))
            .WithSummary("One village's venue and its shortfalls");
        api.MapPut("/{organizationId:long}", async (SaveVenueHandler h, VenueQueries q, long organizationId, SaveVenue r, CancellationToken ct) =>
        {
            await h.HandleAsync(r with { OrganizationId = organizationId }, ct);
            return TypedResults.Ok(await q.VillageAsync(organizationId, ct));
        }).WithSummary("Register or change a village's venue: area (m²), operatingFunds (yuan a year), centres (Office, Activity, Education, Service, Culture, comma-separated), standardizedOn, note")
            .RequireAuthorization(Policies.Editors);
        api.MapRegisterSheet<VenueImport>("村级活动场所登记表.xlsx", "venue register (every village, blank when not registered)", VenueSheet.WriteAsync,
            "组织编码, 村（社区）党组织, 面积（平方米）, 运转经费（元）, the five centres 是/否, 标准化建设完成日期, 备注");
        return app;
    }
}
