using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Organizations;


namespace Pingyi.Web.Modules.Ledger;

/// <summary>A township's year-end report on its ledger (年终专题汇报): the year's figures and the text it writes.</summary>
public sealed class YearEndModel(YearEndQueries reports, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? OrganizationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public YearEndView? View { get; private set; }

    public IReadOnlyList<OrganizationChoice> Choices { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Year ??= ChinaTime.Today(clock).Year;
        var organizations = await scope.OrganizationsAsync(ct);
        var own = scope.OrganizationId ?? 0;
        Choices = await organizations.Where(o => o.Id == own || o.ParentId == own).OrderBy(o => o.Path)
            .Select(o => new OrganizationChoice(o.Id, o.Name)).ToListAsync(ct);
        try
        {
            View = await reports.GetAsync(OrganizationId ?? own, Year.Value, ct);
        }
        catch (RuleViolation e) when (e.StatusCode == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (RuleViolation e)
        {
            Error = e.Message;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? text, [FromServices] SaveYearEndReportHandler save, CancellationToken ct)
    {
        try
        {
            await save.HandleAsync(OrganizationId ?? scope.OrganizationId ?? 0, Year ?? ChinaTime.Today(clock).Year, text, ct);
            Message = localizer["汇报已保存。"];
        }
        catch (RuleViolation e) when (e.StatusCode != StatusCodes.Status404NotFound)
        {
            Error = e.Message;
        }
        return await OnGetAsync(ct);
    }
}
