using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Notifications;

public sealed class IndexModel(Notifier notifier) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public Paged<NotificationView>? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Results = await notifier.ListAsync(Unread, PageNumber, 30, ct);

    /// <summary>Opens a notification: marks it read and goes to the page it is about.</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct)
    {
        await notifier.MarkReadAsync(id, ct);
        var link = (await notifier.ListAsync(false, 1, Paging.MaxPageSize, ct)).Items.FirstOrDefault(n => n.Id == id)?.Link;
        return LocalRedirect(link is { Length: > 0 } && Url.IsLocalUrl(link) ? link : "/Notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await notifier.MarkReadAsync(null, ct);
        return RedirectToPage();
    }
}
