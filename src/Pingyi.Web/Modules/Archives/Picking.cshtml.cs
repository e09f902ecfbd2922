using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Core.Grading;
using Pingyi.Core.Organizations;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Archives;

/// <summary>点将台: the year's village secretaries (or townships' leading cadres) best first, filtered by total, their organization's grade, years in post and field.</summary>
[Authorize(Policy = Policies.ArchiveReaders)]
public sealed class PickingModel(ArchiveQueries queries, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true)] public decimal? MinScore { get; set; }

    [BindProperty(SupportsGet = true)] public OrganizationGrade? Grade { get; set; }

    [BindProperty(SupportsGet = true)] public int? MinYearsInPost { get; set; }

    [BindProperty(SupportsGet = true)] public OrganizationCategory? Field { get; set; }

    [BindProperty(SupportsGet = true)] public int? MaxAge { get; set; }

    /// <summary>Village secretaries or the townships' leading cadres.</summary>
    [BindProperty(SupportsGet = true)] public Core.Archives.ArchiveKind Kind { get; set; }

    public IReadOnlyList<PickingLine> Lines { get; private set; } = [];

    public int ThisYear { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        ThisYear = today.Year;
        if (!ArchiveText.OfPeople(Kind))
        {
            Kind = Core.Archives.ArchiveKind.VillageSecretary;
        }
        Year ??= await queries.LatestYearAsync(Kind, ct) ?? ThisYear;
        Lines = await queries.PickingAsync(new PickingFilter(Year.Value, MinScore, Grade, MinYearsInPost, Field, MaxAge: MaxAge, Kind: Kind), today, ct);
        return Page();
    }
}
