using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Notifications;

/// <summary>In-platform notifications per account with unread counts; other modules send them through <see cref="Notifier"/>.</summary>
public sealed class NotificationsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder) => builder.Services.AddScoped<Notifier>();

    public override void Map(IEndpointRouteBuilder app) => app.MapNotificationsApi();
}
