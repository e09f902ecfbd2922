using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// The rater's phone page. It is static: the code comes from the address after "#" (never sent to
/// the server) or is typed in, and travels only in the X-Rater-Code header of the API calls.
/// </summary>
[AllowAnonymous]
[Infrastructure.CrowdTraffic]
public sealed class BallotModel : PageModel
{
    public void OnGet() => Response.Headers.CacheControl = "no-store";
}
