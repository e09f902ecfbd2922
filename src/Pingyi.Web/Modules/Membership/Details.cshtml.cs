using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Membership;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Membership;

/// <summary>One development record: its steps with their documents and approvers, and the form for the next step (a step too early refused beside its date, with the day it becomes possible).</summary>
public sealed class DetailsModel(MembershipQueries queries, PingyiDbContext db, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public DevelopmentView Record { get; private set; } = null!;

    public bool CanKeep => User.Allows(Policies.MembershipKeepers);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Record = await queries.DetailsAsync(id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostStepAsync(long id, DevelopmentStep step, DateOnly? on, string? document, string? approvedBy, string? contacts, DateOnly? approvedOn,
        int? trainingDays, decimal? trainingHours, string? note, [FromServices] RecordDevelopmentHandler handler, CancellationToken ct) =>
        this.RunAsync(CanKeep, async () =>
        {
            await handler.StepAsync(id, new RecordDevelopmentStep(step, on, document, approvedBy, contacts, approvedOn, trainingDays ?? 0, trainingHours ?? 0, note), ct);
            return localizer["已登记：{0}", localizer[MembershipText.Step(step)]];
        }, new { id }, async () =>
        {
            db.ChangeTracker.Clear();
            return await OnGetAsync(id, ct);
        });
}
