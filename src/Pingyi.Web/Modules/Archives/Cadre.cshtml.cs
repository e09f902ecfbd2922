using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Archives;

/// <summary>A cadre's archive page: every source with its date and a link, and the Word record.</summary>
[Authorize(Policy = Policies.ArchiveReaders)]
public sealed class CadreModel(ArchiveQueries queries) : PageModel
{
    public CadreArchive Archive { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Archive = await queries.CadreAsync(id, ct);
        return Page();
    }
}
