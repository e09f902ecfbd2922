using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Delegates;

/// <summary>Congress delegates' duties (视察、质询、提案) with answers and follow-up, a proposal raising a ledger item; members attending committee meetings (党员旁听).</summary>
public sealed class DelegatesModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DelegateDutiesHandler>();
        builder.Services.AddScoped<DelegatesQueries>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapDelegatesApi();
}
