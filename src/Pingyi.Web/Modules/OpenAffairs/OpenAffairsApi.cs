using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.OpenAffairs;

public static class OpenAffairsApi
{
    public static IEndpointRouteBuilder MapOpenAffairsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/open-affairs").WithTags("OpenAffairs").WithRefusals().RequireAuthorization(Policies.StatisticsReaders);
        api.MapGet("/decisions", async (OpenAffairsQueries q, DecisionState? state, string? search, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await q.ListAsync(new DecisionFilter(state, search, page, pageSize), ct)))
            .WithSummary("Village decisions (四议两公开) in scope, the latest proposal first; state InProgress, NotPassed or Completed");
        api.MapGet("/decisions/summary", async (OpenAffairsQueries q, TimeProvider clock, int? year, CancellationToken ct) =>
                TypedResults.Ok(await q.SummaryAsync(year ?? ChinaTime.Today(clock).Year, ct))).WithSummary("The year's decisions of the scope and of each organization under it: proposed, in progress, not passed, completed, resolution published");
        api.MapGet("/decisions/{id:long}", async (OpenAffairsQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.DetailsAsync(id, ct)))
            .WithSummary("A decision with its procedure, the steps taken (minutes, votes, where published) and the next step");
        api.MapPost("/decisions", async Task<Created<DecisionView>> (DecideVillageMatterHandler h, OpenAffairsQueries q, ProposeDecision r, CancellationToken ct) =>
        {
            var decision = await h.ProposeAsync(r, ct);
            return TypedResults.Created($"/api/v1/open-affairs/decisions/{decision.Id}", await q.DetailsAsync(decision.Id, ct));
        }).WithSummary("The branch's proposal of a major matter, the first step: organizationId (a village or community), title, matter, powerId, on, minutes")
            .RequireAuthorization(Policies.OpenAffairsKeepers);
        api.MapPost("/decisions/{id:long}/steps", async (DecideVillageMatterHandler h, OpenAffairsQueries q, long id, RecordDecisionStep r, CancellationToken ct) =>
        {
            await h.StepAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("The next step by its 0-based position: on, minutes; entitled, present, for, against, abstain for a meeting that votes; place for a publication; result for the last. Out of order, dated before the step before or without a quorum: 422 with the rule")
            .RequireAuthorization(Policies.OpenAffairsKeepers);
        api.MapGet("/powers", async (OpenAffairsQueries q, bool? retired, CancellationToken ct) => TypedResults.Ok(await q.PowersAsync(retired == true, ct)))
            .WithSummary("The county's micro-power list (小微权力清单), retired=true to include retired powers");
        api.MapPost("/powers", async Task<Created<MicroPower>> (SaveMicroPowerHandler h, SaveMicroPower r, CancellationToken ct) =>
        {
            var power = await h.HandleAsync(r with { Id = null }, ct);
            return TypedResults.Created($"/api/v1/open-affairs/powers/{power.Id}", power);
        }).WithSummary("Add a power: number, name, category, procedure, basis, needsDecision").RequireAuthorization(Policies.PowerListKeepers);
        api.MapPut("/powers/{id:long}", async (SaveMicroPowerHandler h, long id, SaveMicroPower r, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(r with { Id = id }, ct)))
            .WithSummary("Change or retire a power: the same fields and retired").RequireAuthorization(Policies.PowerListKeepers);
        api.MapGet("/ratings", async (OpenAffairsQueries q, CancellationToken ct) => TypedResults.Ok(await q.RatingsAsync(ct)))
            .WithSummary("Openness ratings (公开效果评议) of villages in scope with their rates once published");
        api.MapPost("/ratings", async Task<Created<OpennessRating>> (StartOpennessRatingHandler h, StartOpennessRating r, CancellationToken ct) =>
        {
            var rating = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/open-affairs/ratings/{rating.Id}", rating);
        }).WithSummary("A village's yearly openness rating as a survey meeting: organizationId, year, heldOn, respondents; codes come from the meeting")
            .RequireAuthorization(Policies.OpenAffairsKeepers);
        return app;
    }
}
