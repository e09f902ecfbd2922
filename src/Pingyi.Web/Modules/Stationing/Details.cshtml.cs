using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Stationing;

/// <summary>A stay: the log of deeds and work with evidence, the monthly check-ins and the months missed, the village's evaluations, and their forms.</summary>
public sealed class DetailsModel(StationingQueries queries, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public StationDetails Stay { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public bool CanEdit => User.Allows(Policies.Editors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Today = ChinaTime.Today(clock);
        Stay = await queries.DetailsAsync(id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostEntryAsync(long id, StationEntryKind kind, DateOnly? on, string? text, int? beneficiaries, IFormFile? file,
        [FromServices] RecordStationEntryHandler record, CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            await record.HandleAsync(id, new RecordStationEntry(kind, on, text, beneficiaries), file, ct);
            return kind == StationEntryKind.Deed ? localizer["好事实事已记录。"] : localizer["工作日志已记录。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostCheckInAsync(long id, string? month, int? daysInVillage, string? note, [FromServices] CheckInStationHandler checkIn, CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            // <input type="month"> posts "2026-11".
            DateOnly? first = DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
            await checkIn.HandleAsync(id, new CheckInStation(first, daysInVillage, note), ct);
            return localizer["{0}年{1}月的报到已登记。", first!.Value.Year, first.Value.Month];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostEvaluateAsync(long id, int year, DateOnly? heldOn, int? satisfied, int? basicallySatisfied, int? dissatisfied, string? note,
        [FromServices] EvaluateStationHandler evaluate, CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            var e = await evaluate.HandleAsync(id, new EvaluateStation(year, heldOn, satisfied, basicallySatisfied, dissatisfied, note), ct);
            return localizer["{0}年度群众评议已登记：{1}。", e.Year, localizer[Core.Stationing.StationRules.Chinese(e.Rating)]];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostEndAsync(long id, DateOnly? endOn, [FromServices] EndStationHandler end, CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            await end.HandleAsync(id, new EndStation(endOn), ct);
            return localizer["驻村已结束。"];
        }, new { id }, () => OnGetAsync(id, ct));
}
