using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.OpenAffairs;

/// <summary>The county's micro-power list (小微权力清单): every power with its procedure and how many decisions used it; the organization department adds, rewords and retires.</summary>
public sealed class PowersModel(OpenAffairsQueries queries, PingyiDbContext db, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? Edit { get; set; }

    public IReadOnlyList<PowerRow> Powers { get; private set; } = [];

    public PowerRow? Editing { get; private set; }

    public bool CanKeep => User.Allows(Policies.PowerListKeepers);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Powers = await queries.PowersAsync(CanKeep, ct);
        Editing = Powers.FirstOrDefault(p => p.Id == Edit);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(long? id, int? number, string? name, string? category, string? procedure, string? basis, bool needsDecision, bool retired,
        [FromServices] SaveMicroPowerHandler handler, CancellationToken ct) =>
        this.RunAsync(CanKeep, async () =>
        {
            var power = await handler.HandleAsync(new SaveMicroPower(id, number ?? 0, name, category, procedure, basis, needsDecision, retired), ct);
            return localizer["已保存：{0}", power.Name].Value;
        }, new { }, async () =>
        {
            db.ChangeTracker.Clear();
            Edit = id;
            return await OnGetAsync(ct);
        });
}
