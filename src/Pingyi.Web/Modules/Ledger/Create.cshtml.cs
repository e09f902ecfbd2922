using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Supervision;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Ledger;

/// <summary>Adds a ledger item by hand.</summary>
public sealed class CreateModel(CreateLedgerItemHandler create, Scope scope, IOptions<LedgerOptions> options,
    Microsoft.Extensions.Localization.IStringLocalizer<UiText> localizer, Calendar.WorkCalendars calendars) : FormPageModel
{
    public IReadOnlyList<string> Categories => options.Value.Categories;

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        // A responsible unit is an organization that can act: never a party group (党小组).
        Organizations = await OrganizationChoices.TreeAsync(organizations.Where(o => o.Status == Core.Organizations.OrganizationStatus.Active
            && o.Level != Core.Organizations.OrganizationLevel.PartyGroup), ct);
    }

    public async Task<IActionResult> OnPostAsync(string? category, string? description, long responsibleOrganizationId, string? responsiblePersonName,
        DateOnly? deadline, string? measures, CancellationToken ct)
    {
        try
        {
            var item = await create.HandleAsync(new CreateLedgerItem(category ?? string.Empty, description ?? string.Empty, responsibleOrganizationId,
                responsiblePersonName, null, deadline, measures, LedgerSource.Manual), ct);
            if (deadline is { } asked && item.Deadline != asked)
            {
                var official = (await calendars.CurrentAsync(ct)).IsOfficial(asked.Year);
                TempData["Message"] = localizer["已登记。时限{0}不是工作日，顺延至{1}。", ChinaTime.Date(asked), ChinaTime.Date(item.Deadline)].Value
                    + (official ? "" : localizer["（{0}年放假安排尚未载入，暂按法定节假日和周末计算。）", asked.Year].Value);
            }
            return Redirect($"/Ledger/Details/{item.Id}");
        }
        catch (RuleViolation e)
        {
            Refuse(e);
            await OnGetAsync(ct);
            return Page();
        }
    }
}
