using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Venues;

/// <summary>Villages' activity venues (阵地): area, operating funds and the five centres against the standard, those below it, the year's standardization against the target.</summary>
public sealed class VenuesModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.Configure<VenueOptions>(builder.Configuration.GetSection("Venues"));
        builder.Services.AddScoped<SaveVenueHandler>();
        builder.Services.AddScoped<VenueQueries>();
        builder.Services.AddScoped<VenueImport>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapVenuesApi();
}
