using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Projects;

/// <summary>
/// Projects with responsible county leaders (县级领导包靠项目, 项目过程管理问责): milestones, progress, delays raising ledger items
/// and, past a threshold, accountability records of the leader, shown in the leader's archive.
/// </summary>
public sealed class ProjectsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProjectAccess>();
        builder.Services.AddScoped<ProjectQueries>();
        builder.Services.AddScoped<CreateProjectHandler>();
        builder.Services.AddScoped<ReportProjectProgressHandler>();
        builder.Services.Configure<ProjectOptions>(builder.Configuration.GetSection("Projects"));
        builder.Services.AddIntervalJob<ProjectDelays>(builder.Configuration);
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapProjectsApi();
}
