using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Requests;

/// <summary>
/// 群众诉求网上反映 (no account, phone-first): the kind of matter, the township, where, what, up to three photos, a name and phone if
/// the resident wants an answer by phone; on success the tracking code with its link, shown once. A refused form keeps what was
/// typed and names each mistake.
/// </summary>
[AllowAnonymous]
public sealed class PublicModel(RequestServices services, PublicLinks links) : FormPageModel
{
    public IReadOnlyList<ServiceType> Services => services.All;

    public IReadOnlyList<(long Id, string Name)> Townships { get; private set; } = [];

    public FiledRequest? Filed { get; private set; }

    public string? TrackingLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Townships = await services.TownshipsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? serviceCode, long? township, string? address, string? description, string? name, string? phone,
        double? lat, [FromForm(Name = "long")] double? longitude, List<IFormFile>? photos, [FromServices] FileRequestHandler file, CancellationToken ct)
    {
        try
        {
            var attributes = new Dictionary<string, string[]> { [RequestServices.TownshipAttribute] = township is { } t ? [t.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [] };
            Filed = await file.HandleAsync(new FileRequest(serviceCode, description, address, lat, longitude, attributes, name, phone, null, RequestSource.PublicPage), photos, ct);
            TrackingLink = links.To("/Public/Requests/Track") + "#" + Filed.TrackingCode;
        }
        catch (RuleViolation e)
        {
            Refuse(e);
        }
        return await OnGetAsync(ct);
    }
}
