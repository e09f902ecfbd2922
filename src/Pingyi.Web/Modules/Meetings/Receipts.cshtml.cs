using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// The public list of a meeting's receipts (回执清单), for a rater's phone: type the receipt and see that the ballot is
/// counted, or read the whole list. No account: a receipt names nobody.
/// </summary>
[AllowAnonymous]
[Infrastructure.CrowdTraffic]
public sealed class ReceiptsModel(MeetingQueries queries) : PageModel
{
    public ReceiptList List { get; private set; } = new(string.Empty, false, []);

    public long Id { get; private set; }

    /// <summary>The receipt the rater typed, trimmed and in capitals; null when nothing was asked.</summary>
    public string? Asked { get; private set; }

    public bool Found { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? r, CancellationToken ct)
    {
        var list = await queries.ReceiptListAsync(id, ct);
        if (list is null)
        {
            return NotFound();
        }
        (Id, List) = (id, list);
        Asked = string.IsNullOrWhiteSpace(r) ? null : new string([.. r.Where(char.IsLetterOrDigit)]).ToUpperInvariant();
        Found = Asked is not null && list.Receipts.Contains(Asked, StringComparer.OrdinalIgnoreCase);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
