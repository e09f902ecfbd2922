using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>
/// 网上信访 (no account, phone-first): the township or county unit addressed, the kind, name, address and phone, the request with
/// its facts and reasons (§19), photos or documents; on success the case number, the limit and the tracking code with its link,
/// shown once. A refused form keeps what was typed and names each mistake.
/// </summary>
[AllowAnonymous]
public sealed class PublicModel(PingyiDbContext db, PublicLinks links) : FormPageModel
{
    public IReadOnlyList<OrganizationChoice> Units { get; private set; } = [];

    public FiledPetition? Filed { get; private set; }

    public string? TrackingLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Units = await OrganizationChoices.TreeAsync(PetitionAccess.ReceivingUnits(db), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long organizationId, PetitionKind kind, string? name, string? address, string? phone, string? request, string? facts,
        string? accusedName, long? accusedOrganizationId, List<IFormFile>? files, [FromServices] FilePetitionHandler file, CancellationToken ct)
    {
        try
        {
            Filed = await file.HandleAsync(new FilePetition(organizationId, kind, PetitionChannel.Online, name, address, phone, request, facts,
                AccusedName: accusedName, AccusedOrganizationId: kind == PetitionKind.Accusation ? accusedOrganizationId : null), files, true, ct);
            TrackingLink = links.To("/Public/Petitions/Track") + "#" + Filed.TrackingCode;
        }
        catch (RuleViolation e)
        {
            Refuse(e);
        }
        return await OnGetAsync(ct);
    }
}
