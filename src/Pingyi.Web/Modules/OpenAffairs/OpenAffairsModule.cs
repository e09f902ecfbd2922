using Microsoft.Extensions.Options;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.OpenAffairs;

/// <summary>Open affairs (党务公开、村务公开): village decisions by 四议两公开, the micro-power list, openness ratings, the public board.</summary>
public sealed class OpenAffairsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenAffairsOptions>().Bind(builder.Configuration.GetSection("OpenAffairs"))
            .Validate(o => o.Problem() is null, "OpenAffairs: the configured decision procedure is not valid").ValidateOnStart();
        builder.Services.AddScoped<DecideVillageMatterHandler>();
        builder.Services.AddScoped<SaveMicroPowerHandler>();
        builder.Services.AddScoped<StartOpennessRatingHandler>();
        builder.Services.AddScoped<OpenAffairsQueries>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapOpenAffairsApi();
}
