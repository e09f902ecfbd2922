using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Requests;

/// <summary>
/// Residents' requests (党建 O2O, 群众诉求): filed from grid groups, in person or by an Open311 client, passed from the township to
/// the branch or unit, noted and closed where the resident sees it; Open311 GeoReport v2 at /open311/v2/ with platform-issued keys.
/// </summary>
public sealed class RequestsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RequestsOptions>(builder.Configuration.GetSection("Requests"));
        builder.Services.AddScoped<RequestServices>();
        builder.Services.AddScoped<FileRequestHandler>();
        builder.Services.AddScoped<ActOnRequestHandler>();
        builder.Services.AddScoped<RequestQueries>();
        builder.Services.AddScoped<TenMostLists>();
        builder.Services.AddScoped<GridGroups>();
        builder.Services.AddScoped<ServiceTeamWork>();
        builder.Services.AddScoped<RequestTracking>();
    }

    public override void Map(IEndpointRouteBuilder app)
    {
        app.MapRequestsApi();
        app.MapOpen311();
    }
}
