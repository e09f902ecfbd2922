using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>The schemes in the caller's scope, with the ready-made templates to start from.</summary>
public sealed class SchemesModel(MeetingQueries queries) : PageModel
{
    public IReadOnlyList<SchemeSummary> Schemes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Schemes = await queries.SchemesAsync(ct);
}
