using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Accounts;

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
        api.MapGet("/export", async (PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
        {
            var file = new MemoryStream();
            await VenueSheet.WriteAsync(file, db, scope, audit, clock, ct);
            file.Position = 0;
            return TypedResults.File(file, Imports.Exports.ContentType(Imports.TableFormat.Xlsx), "村级活动场所登记表.xlsx");
        }).WithSummary("Every village in scope with its venue, in the import's layout (.xlsx): fill in and import back");
        api.MapPost("/import", (IFormFile? file, bool? dryRun, VenueImport import, CancellationToken ct) =>
                Imports.ImportEndpoint.RunAsync(file, "活动场所登记表", (stream, name) => import.RunAsync(stream, name, dryRun ?? false, ct)))
            .WithSummary("Import the venue register from the export's layout (.xlsx or .csv, multipart field 'file'); each row through the form's rules; all rows or none, dryRun=true checks only; errors give row, column and reason")
            .RequireAuthorization(Policies.Editors);
        return app;
    }
}
