using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Training;

public static class TrainingApi
{
    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/training").WithTags("Training").WithRefusals().RequireAuthorization();
        api.MapGet("/courses", async (TrainingQueries q, int year, CancellationToken ct) => TypedResults.Ok(await q.CoursesAsync(year, ct)))
            .WithSummary("The year's courses and study activities in scope with their attendee counts");
        api.MapPost("/courses", async Task<Created<CourseView>> (CreateCourseHandler h, TrainingQueries q, CreateCourse r, CancellationToken ct) =>
        {
            var course = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/training/courses/{course.Id}", (await q.CourseAsync(course.Id, ct)).Course);
        }).WithSummary("Register a course: title, kind, organizationId, startOn, endOn, place, teachers, hours").RequireAuthorization(Policies.Editors);
        api.MapGet("/courses/{id:long}", async (TrainingQueries q, long id, CancellationToken ct) =>
        {
            var (course, attendees) = await q.CourseAsync(id, ct);
            return TypedResults.Ok(new CourseDetails(course, attendees));
        }).WithSummary("A course with its attendees");
        api.MapPost("/courses/{id:long}/attendance", ImportAttendance)
            .WithSummary("Import a sign-in sheet (.xlsx or .csv, multipart field 'file': 姓名, 公民身份号码, 学时); all rows or none, dryRun=true checks only; errors give row, column and reason")
            .RequireAuthorization(Policies.Editors);
        api.MapGet("/coverage/{year:int}", async (TrainingQueries q, int year, CancellationToken ct) => TypedResults.Ok(await q.CoverageAsync(year, ct)))
            .WithSummary("The year's coverage per township and in total, level by level — branch secretaries, committees' leading cadres, young cadres, members — with the targets (Training:Targets) and hours");
        return app;
    }

    private static async Task<Results<Ok<Imports.ImportReport>, UnprocessableEntity<Imports.ImportReport>, ProblemHttpResult>> ImportAttendance(
        IFormFile? file, long id, bool? dryRun, AttendanceImport import, CancellationToken ct) =>
        await Imports.ImportEndpoint.RunAsync(file, "签到表", (stream, name) => import.RunAsync(id, stream, name, dryRun ?? false, ct));
}

/// <summary>A course with its attendees.</summary>
public sealed record CourseDetails(CourseView Course, IReadOnlyList<AttendeeView> Attendees);
