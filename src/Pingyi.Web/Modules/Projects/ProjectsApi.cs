using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Projects;

public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/projects").WithTags("Projects").WithRefusals().RequireAuthorization();
        api.MapGet("/", async (ProjectQueries q, long? leader, CancellationToken ct) => TypedResults.Ok(await q.ListAsync(leader, ct)))
            .WithSummary("County-leader projects in scope (optionally of one leader) with each milestone's standing, days late, delay item and accountability");
        api.MapPost("/", async Task<Created<ProjectView>> (CreateProjectHandler h, ProjectQueries q, CreateProject r, CancellationToken ct) =>
        {
            var project = await h.HandleAsync(r, ct);
            return TypedResults.Created($"/api/v1/projects/{project.Id}", await q.GetAsync(project.Id, ct));
        }).WithSummary("Register a project: name, organizationId, leaderPersonId (the responsible county leader), contacts, projectBranchId, startOn, milestones (name, dueOn)")
            .RequireAuthorization(Policies.ProjectKeepers);
        api.MapGet("/{id:long}", async (ProjectQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.GetAsync(id, ct)))
            .WithSummary("A project with its milestones");
        api.MapGet("/{id:long}/reports", async (ProjectQueries q, long id, CancellationToken ct) => TypedResults.Ok(await q.ReportsAsync(id, ct)))
            .WithSummary("A project's progress reports, the latest first");
        api.MapPost("/{id:long}/reports", async (ReportProjectProgressHandler h, ProjectQueries q, long id, ReportProjectProgress r, CancellationToken ct) =>
        {
            await h.HandleAsync(id, r, ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).WithSummary("Report progress (text); with milestoneId and done, the milestone is completed today").RequireAuthorization(Policies.ProjectKeepers);
        return app;
    }
}
