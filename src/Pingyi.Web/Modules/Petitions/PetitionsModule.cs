using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>
/// Petitions (阳光信访) under the 信访工作条例 (2022): public and staff intake, routing within 15 days, handling within 60 with one
/// extension, written opinions in Word, the 复查/复核 chain, the clocks job, the petitioner's tracking and rating, statistics.
/// </summary>
public sealed class PetitionsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<PetitionAccess>();
        builder.Services.AddScoped<PetitionQueries>();
        builder.Services.AddScoped<FilePetitionHandler>();
        builder.Services.AddScoped<RoutePetitionHandler>();
        builder.Services.AddScoped<HandlePetitionHandler>();
        builder.Services.AddScoped<PetitionTracking>();
        builder.Services.AddScoped<HandlingOpinion>();
        builder.Services.AddScoped<Receptions>();
        builder.Services.Configure<PetitionOptions>(builder.Configuration.GetSection("Petitions"));
        builder.Services.AddIntervalJob<PetitionClocks>(builder.Configuration);
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapPetitionsApi();
}
