using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pingyi.Core.Ledger;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Ledger;

public sealed class IndexModel(LedgerQueries ledger, LedgerImport import, Scope scope, IStringLocalizer<UiText> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public LedgerState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public LedgerSource? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public Paged<LedgerItemView>? Results { get; private set; }

    public Imports.ImportReport? Report { get; private set; }

    [BindProperty(SupportsGet = true)]
    public long? OrganizationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Under { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DueFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DueTo { get; set; }

    /// <summary>The organizations directly below the caller's, to narrow the ledger to one of them.</summary>
    public IReadOnlyList<OrganizationChoice> Below { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Results = await ledger.ListAsync(new LedgerFilter(Q, State, Category, Source, Overdue, OrganizationId, PageNumber, 50, Under, DueFrom, DueTo), ct);
        var own = scope.OrganizationId ?? 0;
        Below = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            (await scope.OrganizationsAsync(ct)).Where(o => o.ParentId == own).OrderBy(o => o.SortOrder).ThenBy(o => o.Id)
                .Select(o => new OrganizationChoice(o.Id, o.Name)), ct);
    }

    public async Task OnPostImportAsync(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        if (file is { Length: > 0 })
        {
            await using var stream = file.OpenReadStream();
            Report = await import.RunAsync(stream, file.FileName, dryRun, ct);
        }
        else
        {
            Report = new Imports.ImportReport { DryRun = dryRun, Fatal = true, Message = localizer["请选择要导入的台账文件（.xlsx 或 .csv）"] };
        }
        await OnGetAsync(ct);
    }
}
