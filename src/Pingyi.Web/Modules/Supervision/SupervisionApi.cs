using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Supervision;

public static class SupervisionApi
{
    public sealed record DailyReportSaved(DateOnly Date);

    public static IEndpointRouteBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/v1/supervision/visits").WithTags("Supervision").WithRefusals().RequireAuthorization();
        visits.MapGet("/", async Task<Ok<IReadOnlyList<VisitView>>> (SupervisionQueries q, int? year, int? month, CancellationToken ct) =>
            TypedResults.Ok(await q.ListVisitsAsync(year, month, ct))).WithSummary("Supervision visits to organizations in the caller's scope, optionally of one month");
        visits.MapPost("/", async Task<Ok<IReadOnlyList<VisitView>>> (PlanVisitsHandler handler, PlanVisits plan, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(plan, ct)))
            .WithSummary("Plan visits: each organization gets `count` visits (default 1) every `intervalMonths` months (default monthly) from `firstOn`");
        visits.MapPost("/{id:long}/record", async Task<Ok<VisitView>> (RecordVisitHandler handler, long id, RecordVisit record, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, record, ct)))
            .WithSummary("Record a visit as made; each finding becomes a ledger item (source: supervision) of the visited organization");

        var daily = app.MapGroup("/api/v1/daily-reports").WithTags("Supervision").WithRefusals().RequireAuthorization();
        daily.MapPost("/", async Task<Ok<DailyReportSaved>> (SubmitDailyReportHandler handler, SubmitDailyReport r, CancellationToken ct) => TypedResults.Ok(new DailyReportSaved(await handler.HandleAsync(r, ct))))
            .WithSummary("The signed-in cadre's daily report (每日一报) for today or one of the two days before; a second one the same day replaces the first");
        daily.MapGet("/calendar", async Task<Ok<DailyCalendar>> (SupervisionQueries q, int year, int month, long? organizationId, CancellationToken ct) =>
            TypedResults.Ok(await q.CalendarAsync(year, month, organizationId, ct))).WithSummary("Who has and has not reported, by day of the month, for an organization's accounts");

        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Supervision").WithRefusals().RequireAuthorization();
        tasks.MapGet("/", async Task<Ok<IReadOnlyList<TaskView>>> (SupervisionQueries q, CancellationToken ct) => TypedResults.Ok(await q.ListTasksAsync(ct)))
            .WithSummary("Tasks assigned by or to organizations in the caller's scope, with completion rates");
        tasks.MapPost("/", async Task<Created<TaskView>> (CreateTaskHandler handler, CreateTask t, CancellationToken ct) =>
        {
            var task = await handler.HandleAsync(t, ct);
            return TypedResults.Created($"/api/v1/tasks/{task.Id}", task);
        }).WithSummary("Assign a task to organizations");
        tasks.MapPost("/{id:long}/organizations/{organizationId:long}/complete", async Task<Ok<TaskView>> (CompleteTaskHandler handler, long id, long organizationId, CompleteTask? c, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, organizationId, c ?? new CompleteTask(null), ct))).WithSummary("An assigned organization reports its part done");

        return app;
    }
}
