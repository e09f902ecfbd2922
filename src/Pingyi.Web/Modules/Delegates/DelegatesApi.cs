using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Delegates;

public static class DelegatesApi
{
    public static IEndpointRouteBuilder MapDelegatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/delegates").WithTags("Delegates").WithRefusals().RequireAuthorization(Policies.StatisticsReaders);
        api.MapGet("/duties", async (DelegatesQueries q, DutyKind? kind, bool? answered, string? search, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await q.ListAsync(new DutyFilter(kind, answered, search, page, pageSize), ct)))
            .WithSummary("Delegates' inspections, inquiries and proposals seen from the delegate's organization or the answering unit; answered=false for those waiting");
        api.MapGet("/summary", async (DelegatesQueries q, TimeProvider clock, int? year, CancellationToken ct) =>
                TypedResults.Ok(await q.SummaryAsync(year ?? ChinaTime.Today(clock).Year, ct)))
            .WithSummary("The year's duties by kind (answered, delegate satisfied, raised as ledger items) and committee meetings attended by members");
        api.MapGet("/duties/{id:long}", async (DelegatesQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.DetailsAsync(id, ct)));
        api.MapPost("/duties", async Task<Created<DutyView>> (DelegateDutiesHandler h, DelegatesQueries q, RecordDuty r, CancellationToken ct) =>
        {
            var duty = await h.RecordAsync(r, ct);
            return TypedResults.Created($"/api/v1/delegates/duties/{duty.Id}", await q.DetailsAsync(duty.Id, ct));
        }).WithSummary("Record a duty: kind (Inspection, Inquiry, Proposal), personId (a party congress delegate), addressedOrganizationId, on, subject, content")
            .RequireAuthorization(Policies.Editors);
        api.MapPost("/duties/{id:long}/answer", async (DelegateDutiesHandler h, DelegatesQueries q, long id, AnswerDuty r, CancellationToken ct) =>
        {
            await h.AnswerAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("The answering unit's reply, once: answeredOn, answer").RequireAuthorization(Policies.Editors);
        api.MapPost("/duties/{id:long}/follow-up", async (DelegateDutiesHandler h, DelegatesQueries q, long id, FollowUpDuty r, CancellationToken ct) =>
        {
            await h.FollowUpAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("The delegate's verdict after the answer: satisfied, followUp").RequireAuthorization(Policies.Editors);
        api.MapPost("/duties/{id:long}/ledger", async (DelegateDutiesHandler h, DelegatesQueries q, long id, RaiseLedgerItem r, CancellationToken ct) =>
        {
            await h.RaiseAsync(id, r, ct);
            return TypedResults.Ok(await q.DetailsAsync(id, ct));
        }).WithSummary("Make a proposal a rectification item of the answering unit: deadline, measures").RequireAuthorization(Policies.Editors);
        api.MapGet("/observations", async (DelegatesQueries q, int? page, int? pageSize, CancellationToken ct) => TypedResults.Ok(await q.ObservationsAsync(page, pageSize, ct)))
            .WithSummary("Committee meetings attended by members (党员旁听) in scope, the latest first");
        api.MapPost("/observations", async (DelegateDutiesHandler h, RecordObservation r, CancellationToken ct) =>
        {
            var o = await h.ObserveAsync(r, ct);
            return TypedResults.Created($"/api/v1/delegates/observations/{o.Id}", new ObservationView(o.Id, string.Empty, o.On, o.Meeting, o.Observers, o.ObserverNames, o.Matters, o.Opinions));
        }).WithSummary("Record a committee meeting attended by members: organizationId, on, meeting, observers, observerNames, matters, opinions")
            .RequireAuthorization(Policies.BranchWorkers);
        return app;
    }
}
