using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Core.Organizations;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Organizations;

public sealed class IndexModel(OrganizationQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganizationLevel? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganizationCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganizationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public OrganizationNode? Tree { get; private set; }

    public Paged<OrganizationSummary>? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Q) || Level is not null || Category is not null || Status is not null)
        {
            Results = await queries.ListAsync(new OrganizationFilter(Q, Level, Category, null, Status, PageNumber, 50), ct);
            return;
        }
        Tree = await queries.TreeAsync(null, 1, includeInactive: false, ct);
    }

    /// <summary>The children of one node, for the tree's lazy expansion.</summary>
    public async Task<IActionResult> OnGetChildrenAsync(long id, CancellationToken ct)
    {
        var node = await queries.TreeAsync(id, 1, includeInactive: false, ct);
        return node is null ? NotFound() : Partial("_Nodes", node.Children ?? []);
    }
}
