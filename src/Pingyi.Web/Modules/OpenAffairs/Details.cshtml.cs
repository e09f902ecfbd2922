using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.OpenAffairs;

/// <summary>One village decision: the procedure with the steps taken (minutes, votes, where published) and the form for the next step (refused beside its field: out of order, too early, without a quorum).</summary>
public sealed class DetailsModel(OpenAffairsQueries queries, PingyiDbContext db, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public DecisionView Decision { get; private set; } = null!;

    public bool CanKeep => User.Allows(Policies.OpenAffairsKeepers);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Decision = await queries.DetailsAsync(id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostStepAsync(long id, int step, DateOnly? on, string? minutes, int? entitled, int? present, int? @for, int? against, int? abstain,
        string? place, string? result, [FromServices] DecideVillageMatterHandler handler, CancellationToken ct) =>
        this.RunAsync(CanKeep, async () =>
        {
            var decision = await handler.StepAsync(id, new RecordDecisionStep(step, on, minutes, entitled, present, @for, against, abstain, place, result), ct);
            var taken = decision.Steps.OrderBy(s => s.Index).Last();
            return taken.Passed == false ? localizer["已登记：{0}，表决未通过，决策终止", taken.Name].Value : localizer["已登记：{0}", taken.Name].Value;
        }, new { id }, async () =>
        {
            db.ChangeTracker.Clear();
            return await OnGetAsync(id, ct);
        });
}
