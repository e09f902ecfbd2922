using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Requests;

/// <summary>A service team: its members by place (one leader, the three core places, X), its households (masked; one revealed on request, audited), visits recorded.</summary>
[Authorize(Policy = Policies.RequestStaff)]
public sealed class TeamDetailsModel(ServiceTeamWork work, Scope scope, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public TeamDetails Team { get; private set; } = null!;

    public IReadOnlyList<OrganizationChoice> Villages { get; private set; } = [];

    public RevealedHousehold? Revealed { get; private set; }

    public long? RevealedId { get; private set; }

    public bool CanEdit => User.Allows(Policies.Editors);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Team = await work.DetailsAsync(id, ct);
        if (CanEdit)
        {
            var holder = await scope.OrganizationAsync(Team.OrganizationId, ct);
            Villages = await OrganizationChoices.TreeAsync(VillageOrganizations.Active(await scope.OrganizationsAsync(ct)).Where(o => o.Path.StartsWith(holder.Path)), ct);
        }
        return Page();
    }

    public Task<IActionResult> OnPostMemberAsync(long id, string? name, TeamRole role, string? unit, CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            var member = await work.AddMemberAsync(id, new AddTeamMember(name, role, unit), ct);
            return localizer["已添加{0}：{1}。", localizer[ServiceTeamWork.RoleName(member.Role)], member.Name];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostRemoveAsync(long id, long memberId, CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            await work.RemoveMemberAsync(id, memberId, ct);
            return localizer["已移出团队。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostHouseholdAsync(long id, long organizationId, string? headName, string? phone, string? address, int? size, string? reason, DateOnly? pairedOn,
        CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            await work.PairAsync(id, new PairHousehold(organizationId, headName, phone, address, size, reason, pairedOn), ct);
            return localizer["已结对帮扶一户。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostEndAsync(long id, long householdId, DateOnly? on, string? reason, CancellationToken ct) =>
        this.RunAsync(CanEdit, async () =>
        {
            await work.EndAsync(householdId, new EndHousehold(on, reason), ct);
            return localizer["已结束这一户的结对帮扶。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostVisitAsync(long id, long householdId, DateOnly? on, string? visitors, string? notes, HelpKind help, decimal? amount, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            await work.VisitAsync(householdId, new RecordVisit(on, visitors, notes, help, amount), ct);
            return localizer["已记录走访。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public async Task<IActionResult> OnPostRevealAsync(long id, long householdId, CancellationToken ct)
    {
        try
        {
            Revealed = await work.RevealAsync(householdId, ct);
            RevealedId = householdId;
        }
        catch (RuleViolation e)
        {
            Refuse(e);
        }
        return await OnGetAsync(id, ct);
    }
}
