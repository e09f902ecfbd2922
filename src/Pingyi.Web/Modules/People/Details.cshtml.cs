using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pingyi.Web.Modules.People;

public sealed class DetailsModel(PeopleQueries queries) : PageModel
{
    public PersonDetails? Details { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Details = await queries.DetailsAsync(id, ct);
        return Details is null ? NotFound() : Page();
    }
}
