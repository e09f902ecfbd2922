using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Coverage;

/// <summary>Coverage of new economic and social organizations (两新覆盖): the registry, how each is covered, instructors, leaders' key links, rates against the target.</summary>
public sealed class CoverageModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.Configure<CoverageOptions>(builder.Configuration.GetSection("Coverage"));
        builder.Services.AddScoped<SaveNewOrganizationHandler>();
        builder.Services.AddScoped<CoverageQueries>();
        builder.Services.AddScoped<CoverageImport>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapCoverageApi();
}
