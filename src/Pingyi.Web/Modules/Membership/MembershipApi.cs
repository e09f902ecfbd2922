using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Core.Membership;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Membership;

public static class MembershipApi
{
    public static IEndpointRouteBuilder MapMembershipApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/membership").WithTags("Membership").WithRefusals().RequireAuthorization(Policies.StatisticsReaders);
        api.MapGet("/", async (MembershipQueries queries, DevelopmentStage? stage, string? q, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(new DevelopmentFilter(stage, q, page, pageSize), ct)))
            .WithSummary("Development records (发展党员) in scope by stage, then branch and application date");
        api.MapGet("/pipeline", async (MembershipQueries q, TimeProvider clock, int? year, CancellationToken ct) =>
                TypedResults.Ok(await q.PipelineAsync(year ?? ChinaTime.Today(clock).Year, ct)))
            .WithSummary("Records at each stage now, and the year's admissions and confirmations");
        api.MapPost("/", async Task<Created<DevelopmentView>> (RecordDevelopmentHandler h, MembershipQueries q, StartDevelopment r, CancellationToken ct) =>
        {
            var record = await h.StartAsync(r, ct);
            return TypedResults.Created($"/api/v1/membership/{record.Id}", await q.DetailsAsync(record.Id, ct));
        }).WithSummary("A written application of a person on record who is not a member: personId, appliedOn, document, approvedBy, groups").RequireAuthorization(Policies.MembershipKeepers);
        api.MapGet("/{id:long}", async (MembershipQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.DetailsAsync(id, ct)))
            .WithSummary("A record with its steps and the steps it can take next, each from the first day the rules allow");
        api.MapPost("/{id:long}/steps", async (RecordDevelopmentHandler h, MembershipQueries q, long id, RecordDevelopmentStep r, CancellationToken ct) =>
        {
            await h.StepAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("A step: step (Talk, Activist, Candidate, Review, Training, Admit, Confirm), on, document, approvedBy; contacts for Activist; trainingDays or trainingHours; approvedOn for Admit. Too early: 422 with the rule and the first possible day")
            .RequireAuthorization(Policies.MembershipKeepers);
        return app;
    }
}
