using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>视频接访: publish a leader's slot, the slots with their bookings, the record of each reception.</summary>
[Authorize(Policy = Policies.PetitionStaff)]
public sealed class ReceptionsModel(Receptions receptions, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public IReadOnlyList<SlotView> Slots { get; private set; } = [];

    public IReadOnlyList<BookingView> Bookings { get; private set; } = [];

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public DateTime Now { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Now = clock.GetUtcNow().UtcDateTime;
        (Slots, Bookings) = await receptions.ListAsync(ct);
        Organizations = await OrganizationChoices.TreeAsync((await scope.OrganizationsAsync(ct)).Committees(), ct);
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(long organizationId, string? leader, DateTime? startsAt, int? minutes, int? capacity, string? link, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            // The form's time is China time.
            var at = startsAt is { } local ? DateTime.SpecifyKind(local - ChinaTime.Offset, DateTimeKind.Utc) : (DateTime?)null;
            var slot = await receptions.PublishAsync(new PublishSlot(organizationId, leader, at, minutes, capacity, link), ct);
            return localizer["已发布接访场次：{0}，{1}。", slot.Leader, ChinaTime.DateTimeText(slot.StartsAt)];
        }, new { }, () => OnGetAsync(ct));

    public Task<IActionResult> OnPostRecordAsync(long bookingId, BookingStatus status, string? attendees, string? notes, string? result, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            await receptions.RecordAsync(bookingId, new RecordReception(status, attendees, notes, result), ct);
            return localizer["已记录接访情况，并记入信访事项。"];
        }, new { }, () => OnGetAsync(ct));
}
