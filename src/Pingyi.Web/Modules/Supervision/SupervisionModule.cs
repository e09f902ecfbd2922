using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Supervision;

/// <summary>Supervision visits (their findings become ledger items), daily reports, tasks.</summary>
public sealed class SupervisionModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder) => builder.Services.AddScoped<SupervisionService>();

    public override void Map(IEndpointRouteBuilder app) => app.MapSupervisionApi();
}
