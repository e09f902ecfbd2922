using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Pairing;

/// <summary>Urban–rural pairing (结对共建): pairs of branches, the help planned and given, joint activities, both sides' grades and commitments.</summary>
public sealed class PairingModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PairBranchesHandler>();
        builder.Services.AddScoped<PairingQueries>();
        builder.Services.AddScoped<PairingImport>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapPairingApi();
}
