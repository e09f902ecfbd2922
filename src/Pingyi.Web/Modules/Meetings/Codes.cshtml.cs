using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Microsoft.Extensions.Caching.Memory;
using QRCoder;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>Generates codes and shows them once as an A4 sheet of QR codes (or one at a time on screen).</summary>
[Authorize(Policy = Policies.Editors)]
public sealed class CodesModel(GenerateCodesHandler generate, MeetingQueries queries, PublicLinks links, IMemoryCache seen,
    Microsoft.Extensions.Localization.IStringLocalizer<UiText> localizer) : PageModel
{
    public IReadOnlyList<GeneratedCode> Codes { get; private set; } = [];

    public string Title { get; private set; } = string.Empty;

    public string? Error { get; private set; }

    /// <summary>Whether phones can open the codes' address (<c>Platform:PublicBaseUrl</c>), and the address itself.</summary>
    public PublicAddressState AddressState => links.State;

    public string Address => links.Base.ToString();

    public IActionResult OnGet(long id) => Redirect($"/Meetings/Details/{id}");

    /// <param name="batch">The form's one-time token: a refreshed page or a second click sends the same one and makes no second batch.</param>
    public async Task<IActionResult> OnPostAsync(long id, string? groupKey, int count, bool rehearsal, string? batch, long? reporterId, CancellationToken ct)
    {
        try
        {
            Title = (await queries.ConsoleAsync(id, ct)).Title;
            if (!string.IsNullOrEmpty(batch) && !FirstTime(id, batch))
            {
                Error = localizer["这批评议码已经生成过（页面被刷新或重复提交），没有再生成。评议码只显示一次：遗失的请在会议页作废后重新生成。"];
                Response.Headers.CacheControl = "no-store";
                return Page();
            }
            Codes = await generate.HandleAsync(id, new GenerateCodes(groupKey, count, rehearsal, reporterId), ct);
        }
        catch (RuleViolation e)
        {
            Error = e.Message;
        }
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private static readonly Lock Batches = new();

    /// <summary>Whether this form token is new (and now remembered for twelve hours), checked and noted at once.</summary>
    private bool FirstTime(long id, string batch)
    {
        lock (Batches)
        {
            if (seen.TryGetValue(("code-batch", id, batch), out _))
            {
                return false;
            }
            seen.Set(("code-batch", id, batch), true, TimeSpan.FromHours(12));
            return true;
        }
    }

    /// <summary>The QR code opens the ballot page with the code after "#": a fragment never reaches the server or its logs.</summary>
    public string Link(string code) => links.To($"/b#{code}");

    public string Qr(string code)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Link(code), QRCodeGenerator.ECCLevel.M);
        return Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
