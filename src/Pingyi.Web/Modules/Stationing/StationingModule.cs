using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Stationing;

/// <summary>
/// Stationed cadres (驻村干部, seed 001): stays in villages, the log of deeds (好事实事) and work with evidence, monthly check-ins,
/// the village's evaluation; read by the cadre's archive.
/// </summary>
public sealed class StationingModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<StationingAccess>();
        builder.Services.AddScoped<StationingQueries>();
        builder.Services.AddScoped<StationCadreHandler>();
        builder.Services.AddScoped<EndStationHandler>();
        builder.Services.AddScoped<RecordStationEntryHandler>();
        builder.Services.AddScoped<CheckInStationHandler>();
        builder.Services.AddScoped<EvaluateStationHandler>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapStationingApi();
}
