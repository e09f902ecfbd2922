using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Organizations;

/// <summary>The organization tree: create, rename, move, merge, dissolve; history kept forever.</summary>
public sealed class OrganizationsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrganizationChanges>();
        builder.Services.AddScoped<CreateOrganizationHandler>();
        builder.Services.AddScoped<RenameOrganizationHandler>();
        builder.Services.AddScoped<MoveOrganizationHandler>();
        builder.Services.AddScoped<MergeOrganizationHandler>();
        builder.Services.AddScoped<DissolveOrganizationHandler>();
        builder.Services.AddScoped<OrganizationQueries>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapOrganizationsApi();
}
