using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.People;

/// <summary>Members, cadres, representatives and residents; ID and phone numbers protected at rest and masked.</summary>
public sealed class PeopleModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PeopleQueries>();
        builder.Services.AddScoped<PersonChanges>();
        builder.Services.AddScoped<CreatePersonHandler>();
        builder.Services.AddScoped<UpdatePersonHandler>();
        builder.Services.AddScoped<TransferPersonHandler>();
        builder.Services.AddScoped<AssignPositionHandler>();
        builder.Services.AddScoped<EndPositionHandler>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapPeopleApi();
}
