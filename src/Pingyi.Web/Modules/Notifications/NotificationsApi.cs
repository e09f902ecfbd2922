using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Notifications;

public static class NotificationsApi
{
    public sealed record UnreadCount(int Unread);

    public sealed record MarkedRead(int Marked);

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notifications").WithTags("Notifications").WithRefusals().RequireAuthorization();
        api.MapGet("/", async Task<Ok<Paged<NotificationView>>> (Notifier n, bool? unread, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await n.ListAsync(unread == true, page, pageSize, ct))).WithSummary("The signed-in account's notifications, newest first");
        api.MapGet("/unread-count", async Task<Ok<UnreadCount>> (Notifier n, CancellationToken ct) => TypedResults.Ok(new UnreadCount(await n.UnreadCountAsync(ct))))
            .WithSummary("How many notifications are unread");
        api.MapPost("/{id:long}/read", async Task<Results<Ok<MarkedRead>, NotFound>> (Notifier n, long id, CancellationToken ct) =>
            await n.MarkReadAsync(id, ct) is var marked and > 0 ? TypedResults.Ok(new MarkedRead(marked)) : TypedResults.NotFound())
            .WithSummary("Mark one notification read (only one's own; unknown or already read: 404)");
        api.MapPost("/read-all", async Task<Ok<MarkedRead>> (Notifier n, CancellationToken ct) => TypedResults.Ok(new MarkedRead(await n.MarkReadAsync(null, ct))))
            .WithSummary("Mark every notification read");
        return app;
    }
}
