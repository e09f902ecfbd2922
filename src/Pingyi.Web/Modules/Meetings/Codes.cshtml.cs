using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using QRCoder;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>Generates codes and shows them once as an A4 sheet of QR codes (or one at a time on screen).</summary>
[Authorize(Policy = Policies.Editors)]
public sealed class CodesModel(GenerateCodesHandler generate, MeetingQueries queries, PublicLinks links) : PageModel
{
    public IReadOnlyList<GeneratedCode> Codes { get; private set; } = [];

    public string Title { get; private set; } = string.Empty;

    public string? Error { get; private set; }

    /// <summary>Whether phones can open the codes' address (<c>Platform:PublicBaseUrl</c>), and the address itself.</summary>
    public PublicAddressState AddressState => links.State;

    public string Address => links.Base.ToString();

    public IActionResult OnGet(long id) => Redirect($"/Meetings/Details/{id}");

    public async Task<IActionResult> OnPostAsync(long id, string? groupKey, int count, bool rehearsal, CancellationToken ct)
    {
        try
        {
            Title = (await queries.ConsoleAsync(id, ct)).Title;
            Codes = await generate.HandleAsync(id, new GenerateCodes(groupKey, count, rehearsal), ct);
        }
        catch (RuleViolation e)
        {
            Error = e.Message;
        }
        Response.Headers.CacheControl = "no-store";
        return Page();
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
