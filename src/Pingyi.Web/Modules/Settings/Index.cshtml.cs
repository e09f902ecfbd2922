using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Documents;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Settings;

/// <summary>The county's settings: the public address phones reach, the document issuers and the register of issued documents.</summary>
[Authorize(Policy = Policies.SettingsKeepers)]
public sealed class IndexModel(DocumentQueries documents, PublicLinks links, Scope scope, Calendar.WorkCalendars calendars, TimeProvider clock, IStringLocalizer<UiText> localizer) : PageModel
{
    public PublicAddressState AddressState => links.State;

    public string Address => links.Base.ToString();

    public IReadOnlyList<IssuerView> Issuers { get; private set; } = [];

    public Paged<IssuedView> Issued { get; private set; } = new([], 1, 20, 0);

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public string? Error { get; private set; }

    public IReadOnlyList<(int Year, bool Official, string Source, int DaysOff, int WorkedWeekendDays)> CalendarYears { get; private set; } = [];

    /// <summary>Messages of a refused calendar, by field ("daysOff", "workedWeekendDays", "year").</summary>
    public IReadOnlyList<(string Field, string Message)> CalendarErrors { get; private set; } = [];

    public (int? Year, string? DaysOff, string? WorkedWeekendDays) TypedCalendar { get; private set; }

    /// <summary>What the refused form held, shown again.</summary>
    public (long? OrganizationId, string? Name, string? Prefix) Typed { get; private set; }

    public async Task OnGetAsync(int? page, CancellationToken ct)
    {
        Issuers = await documents.IssuersAsync(ct);
        CalendarYears = await calendars.YearsAsync(ChinaTime.Today(clock).Year, ct);
        Issued = await documents.IssuedAsync(page, 20, ct);
        var organizations = await scope.OrganizationsAsync(ct);
        Organizations = await OrganizationChoices.TreeAsync(organizations.Committees(), ct);
    }

    public async Task<IActionResult> OnPostIssuerAsync(long organizationId, string? name, string? prefix, [FromServices] SetIssuerHandler handler, CancellationToken ct) =>
        await this.RunAsync(true, async () =>
        {
            var set = await handler.HandleAsync(organizationId, new SetIssuer(name ?? string.Empty, prefix ?? string.Empty), ct);
            return localizer["已保存：{0}，发文字号如 {1}〔{2}〕1号。", set.Name, set.Prefix, DateTime.UtcNow.Year];
        }, new { }, async refusal =>
        {
            Error = refusal.Message;
            Typed = (organizationId, name, prefix);
            await OnGetAsync(null, ct);
            return Page();
        });

    public async Task<IActionResult> OnPostCalendarAsync(int year, string? daysOff, string? workedWeekendDays, [FromServices] Calendar.LoadCalendarYearHandler handler, CancellationToken ct)
    {
        try
        {
            await handler.HandleAsync(new Calendar.LoadCalendarYear(year, daysOff ?? string.Empty, workedWeekendDays ?? string.Empty), ct);
            TempData["Message"] = localizer["{0} 年工作日历已载入。", year].Value;
            return RedirectToPage();
        }
        catch (RuleViolation e) when (e.StatusCode == StatusCodes.Status422UnprocessableEntity)
        {
            CalendarErrors = e.Errors.Count > 0 ? e.Errors : [("", e.Message)];
            TypedCalendar = (year, daysOff, workedWeekendDays);
            await OnGetAsync(null, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(long organizationId, [FromServices] RemoveIssuerHandler handler, CancellationToken ct) =>
        await this.RunAsync(true, async () =>
        {
            await handler.HandleAsync(organizationId, ct);
            return localizer["已删除该发文机关，其公文改由上级发文机关署名。"].Value;
        }, new { }, async refusal =>
        {
            Error = refusal.Message;
            await OnGetAsync(null, ct);
            return Page();
        });
}
