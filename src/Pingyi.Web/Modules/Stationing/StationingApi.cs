using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Stationing;

public static class StationingApi
{
    public static IEndpointRouteBuilder MapStationingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/stationing").WithTags("Stationing").WithRefusals().RequireAuthorization();
        api.MapGet("/", async (StationingQueries queries, bool? current, long? under, string? q, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(new StationFilter(current ?? true, under, q, page, pageSize), ct)))
            .WithSummary("Stationed cadres in scope (current only unless current=false; under a subtree; q searches the cadre's and the village's names), with deeds, check-ins due and missed, the last rating");
        api.MapGet("/summary", async (StationingQueries q, int year, CancellationToken ct) => TypedResults.Ok(await q.SummaryAsync(year, ct)))
            .WithSummary("Per township and in total: cadres stationed now, villages with one, the year's deeds and villagers helped, check-ins missed");
        api.MapPost("/", async Task<Created<StationDetails>> (StationCadreHandler h, StationingQueries q, StationCadre r, CancellationToken ct) =>
        {
            var stay = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/stationing/{stay.Id}", await q.DetailsAsync(stay.Id, ct));
        }).WithSummary("Station a cadre: personId, villageOrganizationId (a village or community organization), sentByOrganizationId, role, startOn")
            .RequireAuthorization(Policies.Editors);
        api.MapGet("/{id:long}", async (StationingQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.DetailsAsync(id, ct)))
            .WithSummary("A stay with its deeds and work log, check-ins and missed months, the village's evaluations");
        api.MapPost("/{id:long}/end", async (EndStationHandler h, StationingQueries q, long id, EndStation r, CancellationToken ct) =>
        {
            await h.HandleAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("End a stay on endOn").RequireAuthorization(Policies.Editors);
        api.MapPost("/{id:long}/entries", async (RecordStationEntryHandler h, StationingQueries q, long id, RecordStationEntry r, CancellationToken ct) =>
        {
            await h.HandleAsync(id, r, null, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("Log a deed (kind Deed, 好事实事) or a day's work (WorkLog): on, text, beneficiaries").RequireAuthorization(Policies.Editors);
        api.MapPost("/{id:long}/entries/files", async (RecordStationEntryHandler h, StationingQueries q, long id, [FromForm] StationEntryKind kind, [FromForm] DateOnly? on,
                [FromForm] string? text, [FromForm] int? beneficiaries, IFormFile? file, CancellationToken ct) =>
            {
                await h.HandleAsync(id, new RecordStationEntry(kind, on, text, beneficiaries), file, ct);
                return TypedResults.Ok(await q.DetailsAsync(id, ct));
            }).WithSummary("The same with one evidence file: multipart form kind, on, text, beneficiaries, file (photo, PDF, Office; ≤ 20 MB)")
            .RequireAuthorization(Policies.Editors);
        api.MapGet("/{id:long}/entries/{entryId:long}/evidence", async (StationingQueries q, FileStore files, long id, long entryId, CancellationToken ct) =>
        {
            var (content, name) = await q.OpenEvidenceAsync(id, entryId, files, ct);
            return Results.File(content, FileStore.ContentTypeOf(name), name);
        }).WithSummary("An entry's evidence file");
        api.MapPost("/{id:long}/check-ins", async (CheckInStationHandler h, StationingQueries q, long id, CheckInStation r, CancellationToken ct) =>
        {
            await h.HandleAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("Monthly check-in: month (a day of it), daysInVillage, note; once a month").RequireAuthorization(Policies.Editors);
        api.MapPost("/{id:long}/evaluations", async (EvaluateStationHandler h, StationingQueries q, long id, EvaluateStation r, CancellationToken ct) =>
        {
            await h.HandleAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("The village's evaluation of a year: heldOn and the counts satisfied, basicallySatisfied, dissatisfied; the rating follows").RequireAuthorization(Policies.Editors);
        return app;
    }
}
