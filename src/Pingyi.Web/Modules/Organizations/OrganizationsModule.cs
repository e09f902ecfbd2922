using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Organizations;

/// <summary>The organization tree: create, rename, move, merge, dissolve; history kept forever.</summary>
public sealed class OrganizationsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrganizationService>();
        builder.Services.AddScoped<OrganizationQueries>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapOrganizationsApi();
}
