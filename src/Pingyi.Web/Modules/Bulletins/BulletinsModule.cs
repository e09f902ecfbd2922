using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Bulletins;

/// <summary>Monthly bulletins (通报): figures frozen when published, the Word document, the public chart board without login.</summary>
public sealed class BulletinsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder) => builder.Services.AddScoped<BulletinQueries>().AddScoped<PublishBulletinHandler>();

    public override void Map(IEndpointRouteBuilder app) => app.MapBulletinsApi();
}
