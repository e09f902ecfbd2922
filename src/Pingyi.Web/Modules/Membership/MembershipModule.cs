using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Membership;

/// <summary>Member development (发展党员): applications through the five stages, each step dated with its document and approver, checked by Core <c>DevelopmentRules</c>.</summary>
public sealed class MembershipModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.Configure<MembershipOptions>(builder.Configuration.GetSection("Membership"));
        builder.Services.AddScoped<RecordDevelopmentHandler>();
        builder.Services.AddScoped<MembershipQueries>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapMembershipApi();
}
