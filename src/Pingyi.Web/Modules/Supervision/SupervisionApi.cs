using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Supervision;

public static class SupervisionApi
{
    public sealed record CompleteTask(string? Note);

    public sealed record DailyReportSaved(DateOnly Date);

    public static IEndpointRouteBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/v1/supervision/visits").WithTags("Supervision").WithRefusals().RequireAuthorization();
        visits.MapGet("/", async Task<Ok<IReadOnlyList<VisitView>>> (SupervisionService s, int? year, int? month, CancellationToken ct) =>
            TypedResults.Ok(await s.ListVisitsAsync(year, month, ct))).WithSummary("Supervision visits to organizations in the caller's scope, optionally of one month");
        visits.MapPost("/", async Task<Ok<IReadOnlyList<VisitView>>> (SupervisionService s, PlanVisits plan, CancellationToken ct) => TypedResults.Ok(await s.PlanAsync(plan, ct)))
            .WithSummary("Plan visits: each organization gets `count` visits (default 1) every `intervalMonths` months (default monthly) from `firstOn`");
        visits.MapPost("/{id:long}/record", async Task<Ok<VisitView>> (SupervisionService s, long id, RecordVisit record, CancellationToken ct) => TypedResults.Ok(await s.RecordAsync(id, record, ct)))
            .WithSummary("Record a visit as made; each finding becomes a ledger item (source: supervision) of the visited organization");

        var daily = app.MapGroup("/api/v1/daily-reports").WithTags("Supervision").WithRefusals().RequireAuthorization();
        daily.MapPost("/", async Task<Ok<DailyReportSaved>> (SupervisionService s, SubmitDailyReport r, CancellationToken ct) => TypedResults.Ok(new DailyReportSaved(await s.SubmitDailyAsync(r, ct))))
            .WithSummary("The signed-in cadre's daily report (每日一报) for today or one of the two days before; a second one the same day replaces the first");
        daily.MapGet("/calendar", async Task<Ok<DailyCalendar>> (SupervisionService s, int year, int month, long? organizationId, CancellationToken ct) =>
            TypedResults.Ok(await s.CalendarAsync(year, month, organizationId, ct))).WithSummary("Who has and has not reported, by day of the month, for an organization's accounts");

        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Supervision").WithRefusals().RequireAuthorization();
        tasks.MapGet("/", async Task<Ok<IReadOnlyList<TaskView>>> (SupervisionService s, CancellationToken ct) => TypedResults.Ok(await s.ListTasksAsync(ct)))
            .WithSummary("Tasks assigned by or to organizations in the caller's scope, with completion rates");
        tasks.MapPost("/", async Task<Created<TaskView>> (SupervisionService s, CreateTask t, CancellationToken ct) =>
        {
            var task = await s.CreateTaskAsync(t, ct);
            return TypedResults.Created($"/api/v1/tasks/{task.Id}", task);
        }).WithSummary("Assign a task to organizations");
        tasks.MapPost("/{id:long}/organizations/{organizationId:long}/complete", async Task<Ok<TaskView>> (SupervisionService s, long id, long organizationId, CompleteTask? c, CancellationToken ct) =>
            TypedResults.Ok(await s.CompleteAsync(id, organizationId, c?.Note, ct))).WithSummary("An assigned organization reports its part done");

        return app;
    }
}
