using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>The public commitments board (承诺公示), per county or township and year: no login, phone first.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.PublicCache.Policy)]
public sealed class PublicModel(PublicCommitments board, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Under { get; set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public IReadOnlyList<Organizations.OrganizationChoice> Areas { get; private set; } = [];

    public CommitmentCounts Counts { get; private set; } = new(0, 0, 0, 0, 0, null);

    public Paged<PublicCommitment> Results { get; private set; } = new([], 1, 30, 0);

    public int ThisYear { get; private set; }

    /// <summary>The year's 十佳 in the area, organizations' first.</summary>
    public IReadOnlyList<(CommitmentOwner Owner, string Organization, string? PersonName, string Title)> TopTen { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Year ??= ThisYear;
        Areas = await board.AreasAsync(ct);
        (Counts, Results) = await board.ForAsync(Under, Year.Value, PageNumber, ct);
        TopTen = await board.TopTenAsync(Under, Year.Value, ct);
    }
}
