using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules;

/// <summary>The home page: the user's workbench (what waits for them) and the figures of their scope.</summary>
public sealed class HomeModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder) => builder.Services.AddScoped<Workbench>();
}
