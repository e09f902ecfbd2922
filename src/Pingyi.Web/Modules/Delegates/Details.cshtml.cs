using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Delegates;

/// <summary>One duty: what the delegate raised, the unit's answer (form while unanswered), the delegate's follow-up, and — for a proposal — the ledger item it raised or the form raising one.</summary>
public sealed class DetailsModel(DelegatesQueries queries, PingyiDbContext db, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public DutyView Duty { get; private set; } = null!;

    public bool CanAct => User.Allows(Policies.Editors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Duty = await queries.DetailsAsync(id, ct);
        return Page();
    }

    private Task<IActionResult> Run(long id, Func<Task> action, string done, CancellationToken ct) =>
        this.RunAsync(CanAct, async () =>
        {
            await action();
            return localizer[done].Value;
        }, new { id }, async () =>
        {
            db.ChangeTracker.Clear();
            return await OnGetAsync(id, ct);
        });

    public Task<IActionResult> OnPostAnswerAsync(long id, DateOnly? answeredOn, string? answer, [FromServices] DelegateDutiesHandler handler, CancellationToken ct) =>
        Run(id, () => handler.AnswerAsync(id, new AnswerDuty(answeredOn, answer), ct), "已登记答复", ct);

    public Task<IActionResult> OnPostFollowUpAsync(long id, bool? satisfied, string? followUp, [FromServices] DelegateDutiesHandler handler, CancellationToken ct) =>
        Run(id, () => handler.FollowUpAsync(id, new FollowUpDuty(satisfied, followUp), ct), "已登记跟踪落实情况", ct);

    public Task<IActionResult> OnPostLedgerAsync(long id, DateOnly? deadline, string? measures, [FromServices] DelegateDutiesHandler handler, CancellationToken ct) =>
        Run(id, () => handler.RaiseAsync(id, new RaiseLedgerItem(deadline, measures), ct), "已交办为整改事项", ct);
}
