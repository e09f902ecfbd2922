using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Pairing;

/// <summary>One pairing: the plan, the help and activities with their evidence, both sides' grades and commitments year by year, the forms recording an activity and ending it.</summary>
public sealed class DetailsModel(PairingQueries queries, PingyiDbContext db, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public PairingView Pairing { get; private set; } = null!;

    public bool CanRecord => User.Allows(Policies.BranchWorkers);

    public bool CanEnd => User.Allows(Policies.Editors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Pairing = await queries.DetailsAsync(id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostActivityAsync(long id, DateOnly? on, PairingHelp help, string? description, decimal? amount, string? evidence, IFormFile? file,
        [FromServices] PairBranchesHandler handler, CancellationToken ct) =>
        this.RunAsync(CanRecord, async () =>
        {
            await handler.RecordAsync(id, new RecordPairingActivity(on, help, description, help == PairingHelp.Funding ? amount : null, evidence), file, ct);
            return localizer["已登记：{0}", localizer[PairingText.Help(help)]].Value;
        }, new { id }, async () =>
        {
            db.ChangeTracker.Clear();
            return await OnGetAsync(id, ct);
        });

    public Task<IActionResult> OnPostEndAsync(long id, DateOnly? endOn, [FromServices] PairBranchesHandler handler, CancellationToken ct) =>
        this.RunAsync(CanEnd, async () =>
        {
            await handler.EndAsync(id, endOn, ct);
            return localizer["结对已结束"].Value;
        }, new { id }, async () =>
        {
            db.ChangeTracker.Clear();
            return await OnGetAsync(id, ct);
        });
}
