using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Imports;

/// <summary>Excel/CSV import and export of rosters and organizations in one column layout.</summary>
public sealed class ImportsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<RosterImport>();
        builder.Services.AddScoped<OrganizationImport>();
        builder.Services.AddScoped<Exports>();
        builder.Services.AddSingleton<ImportProgressRegistry>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapImportsApi();
}
