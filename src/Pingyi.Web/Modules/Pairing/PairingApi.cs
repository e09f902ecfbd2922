using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Imports;

namespace Pingyi.Web.Modules.Pairing;

public static class PairingApi
{
    public static IEndpointRouteBuilder MapPairingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/pairings").WithTags("Pairing").WithRefusals().RequireAuthorization(Policies.StatisticsReaders);
        api.MapGet("/", async (PairingQueries q, bool? active, string? search, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await q.ListAsync(new PairingFilter(active, search, page, pageSize), ct)))
            .WithSummary("Pairings (结对共建) where either side is in scope; active=true for those not ended");
        api.MapGet("/summary", async (PairingQueries q, TimeProvider clock, int? year, CancellationToken ct) =>
                TypedResults.Ok(await q.SummaryAsync(year ?? ChinaTime.Today(clock).Year, ct)))
            .WithSummary("The year's pairings of the scope's villages per organization below, activities and funding, activities by kind of help");
        api.MapGet("/{id:long}", async (PairingQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.DetailsAsync(id, ct)))
            .WithSummary("A pairing with its activities and both sides' grades and commitments per year since the year before it started");
        api.MapPost("/", async Task<Created<PairingView>> (PairBranchesHandler h, PairingQueries q, PairBranches r, CancellationToken ct) =>
        {
            var pairing = await h.PairAsync(r, ct);
            return TypedResults.Created($"/api/v1/pairings/{pairing.Id}", await q.DetailsAsync(pairing.Id, ct));
        }).WithSummary("Pair a village (community) branch in scope with a helping branch: unitOrganizationId or partner (outside the county), villageOrganizationId, startOn, plan")
            .RequireAuthorization(Policies.Editors);
        api.MapPost("/{id:long}/end", async (PairBranchesHandler h, PairingQueries q, long id, EndPairing r, CancellationToken ct) =>
        {
            await h.EndAsync(id, r.EndOn, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("End a pairing: endOn, not before its last activity").RequireAuthorization(Policies.Editors);
        api.MapPost("/{id:long}/activities", async (PairBranchesHandler h, PairingQueries q, long id, RecordPairingActivity r, CancellationToken ct) =>
        {
            await h.RecordAsync(id, r, null, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("Help given or a joint activity: on, help (Training, Information, ProjectApplication, Funding, JointActivity), description, amount (yuan, funding only), evidence")
            .RequireAuthorization(Policies.BranchWorkers);
        api.MapPost("/{id:long}/activities/files", async (PairBranchesHandler h, PairingQueries q, long id, [FromForm] DateOnly? on, [FromForm] PairingHelp help,
                [FromForm] string? description, [FromForm] decimal? amount, [FromForm] string? evidence, IFormFile? file, CancellationToken ct) =>
            {
                await h.RecordAsync(id, new RecordPairingActivity(on, help, description, amount, evidence), file, ct);
                return TypedResults.Ok(await q.DetailsAsync(id, ct));
            }).WithSummary("The same with one evidence file (签到表、照片、批复; photo, PDF, Office; ≤ 20 MB): multipart form on, help, description, amount, evidence (optional with a file), file")
            .RequireAuthorization(Policies.BranchWorkers);
        api.MapGet("/{id:long}/activities/{activityId:long}/evidence", async (PairingQueries q, FileStore files, long id, long activityId, CancellationToken ct) =>
        {
            var (content, name) = await q.OpenEvidenceAsync(id, activityId, files, ct);
            return Results.File(content, FileStore.ContentTypeOf(name), name);
        }).WithSummary("An activity's evidence file");
        api.MapRegisterSheet<PairingImport>("结对共建名单.xlsx", "pairing list", PairingSheet.WriteAsync, "受帮扶村（社区）党组织, 帮扶党组织, 县外结对党组织, 开始日期, 帮扶计划");
        return app;
    }
}

public sealed record EndPairing(DateOnly? EndOn);
