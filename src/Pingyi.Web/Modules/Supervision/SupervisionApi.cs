using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Supervision;

public static class SupervisionApi
{
    public sealed record CompleteTask(string? Note);

    public sealed record PublishBulletin(int Year, int Month);

    public sealed record YearEndText(string Text);

    public sealed record DailyReportSaved(DateOnly Date);

    public static IEndpointRouteBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/v1/supervision/visits").WithTags("Supervision").RequireAuthorization();
        visits.MapGet("/", async Task<Ok<IReadOnlyList<VisitView>>> (SupervisionService s, int? year, int? month, CancellationToken ct) =>
            TypedResults.Ok(await s.ListVisitsAsync(year, month, ct))).WithSummary("Supervision visits to organizations in the caller's scope, optionally of one month");
        visits.MapPost("/", async Task<Ok<IReadOnlyList<VisitView>>> (SupervisionService s, PlanVisits plan, CancellationToken ct) => TypedResults.Ok(await s.PlanAsync(plan, ct)))
            .WithSummary("Plan visits: each organization gets `count` visits (default 1) every `intervalMonths` months (default monthly) from `firstOn`");
        visits.MapPost("/{id:long}/record", async Task<Ok<VisitView>> (SupervisionService s, long id, RecordVisit record, CancellationToken ct) => TypedResults.Ok(await s.RecordAsync(id, record, ct)))
            .WithSummary("Record a visit as made; each finding becomes a ledger item (source: supervision) of the visited organization");

        var daily = app.MapGroup("/api/v1/daily-reports").WithTags("Supervision").RequireAuthorization();
        daily.MapPost("/", async Task<Ok<DailyReportSaved>> (SupervisionService s, SubmitDailyReport r, CancellationToken ct) => TypedResults.Ok(new DailyReportSaved(await s.SubmitDailyAsync(r, ct))))
            .WithSummary("The signed-in cadre's daily report (每日一报) for today or one of the two days before; a second one the same day replaces the first");
        daily.MapGet("/calendar", async Task<Ok<DailyCalendar>> (SupervisionService s, int year, int month, long? organizationId, CancellationToken ct) =>
            TypedResults.Ok(await s.CalendarAsync(year, month, organizationId, ct))).WithSummary("Who has and has not reported, by day of the month, for an organization's accounts");

        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Supervision").RequireAuthorization();
        tasks.MapGet("/", async Task<Ok<IReadOnlyList<TaskView>>> (SupervisionService s, CancellationToken ct) => TypedResults.Ok(await s.ListTasksAsync(ct)))
            .WithSummary("Tasks assigned by or to organizations in the caller's scope, with completion rates");
        tasks.MapPost("/", async Task<Created<TaskView>> (SupervisionService s, CreateTask t, CancellationToken ct) =>
        {
            var task = await s.CreateTaskAsync(t, ct);
            return TypedResults.Created($"/api/v1/tasks/{task.Id}", task);
        }).WithSummary("Assign a task to organizations");
        tasks.MapPost("/{id:long}/organizations/{organizationId:long}/complete", async Task<Ok<TaskView>> (SupervisionService s, long id, long organizationId, CompleteTask? c, CancellationToken ct) =>
            TypedResults.Ok(await s.CompleteAsync(id, organizationId, c?.Note, ct))).WithSummary("An assigned organization reports its part done");

        var bulletins = app.MapGroup("/api/v1/bulletins").WithTags("Bulletins").RequireAuthorization();
        bulletins.MapGet("/", async Task<Ok<IReadOnlyList<BulletinSummary>>> (BulletinService b, CancellationToken ct) => TypedResults.Ok(await b.ListAsync(ct)))
            .WithSummary("Published bulletins of organizations in the caller's scope");
        bulletins.MapGet("/preview", async Task<Ok<BulletinData>> (BulletinService b, int year, int month, long? root, CancellationToken ct) => TypedResults.Ok(await b.ComputeAsync(year, month, root, ct)))
            .WithSummary("The month's figures for an organization's subtree, computed now and not stored");
        bulletins.MapPost("/", async Task<Ok<BulletinSummary>> (BulletinService b, PublishBulletin p, CancellationToken ct) => TypedResults.Ok(await b.PublishAsync(p.Year, p.Month, ct)))
            .WithSummary("Publish the month's bulletin of the caller's organization (again: replaces the figures); it appears on the public board");
        bulletins.MapGet("/{id:long}", async Task<Ok<BulletinData>> (BulletinService b, long id, CancellationToken ct) => TypedResults.Ok((await b.GetAsync(id, ct)).Data))
            .WithSummary("A published bulletin with its overdue items named");
        bulletins.MapGet("/{id:long}/document", async (BulletinService b, long id, CancellationToken ct) =>
        {
            var (summary, data) = await b.GetAsync(id, ct);
            return Results.File(BulletinService.Document(summary, data), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", summary.Title + ".docx");
        }).WithSummary("The bulletin as a Word document");

        var yearEnd = app.MapGroup("/api/v1/year-end").WithTags("Bulletins").RequireAuthorization();
        yearEnd.MapGet("/{organizationId:long}/{year:int}", async Task<Ok<YearEndView>> (YearEndReports r, long organizationId, int year, CancellationToken ct) =>
            TypedResults.Ok(await r.GetAsync(organizationId, year, ct))).WithSummary("A township's ledger year with its report text");
        yearEnd.MapPut("/{organizationId:long}/{year:int}", async Task<Ok<YearEndView>> (YearEndReports r, long organizationId, int year, YearEndText t, CancellationToken ct) =>
            TypedResults.Ok(await r.SaveAsync(organizationId, year, t.Text, ct))).WithSummary("The township writes its year-end report on the ledger");
        yearEnd.MapGet("/{organizationId:long}/{year:int}/document", async (YearEndReports r, long organizationId, int year, CancellationToken ct) =>
        {
            var view = await r.GetAsync(organizationId, year, ct);
            return Results.File(YearEndReports.Document(view), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{view.Organization}{year}年整改专题汇报.docx");
        }).WithSummary("The year-end report as a Word document");

        var open = app.MapGroup("/api/public/bulletins").WithTags("Public").AllowAnonymous();
        open.MapGet("/", async Task<Ok<List<BulletinSummary>>> (BulletinService b, CancellationToken ct) => TypedResults.Ok(await b.PublishedAsync(ct)))
            .WithSummary("Every published bulletin (no login)");
        open.MapGet("/{id:long}", async Task<Results<Ok<PublicBoard>, NotFound>> (BulletinService b, long id, CancellationToken ct) =>
            await b.PublicAsync(id, ct) is { } board ? TypedResults.Ok(board) : TypedResults.NotFound())
            .WithSummary("A bulletin's public figures: ranking, trend, categories; no items, no people (no login)");
        return app;
    }
}
