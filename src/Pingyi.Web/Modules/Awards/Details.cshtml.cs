using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Awards;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Awards;

/// <summary>
/// An award: the nominating form (an organization of the caller's subtree, or a member of it by name), the nominations with
/// their review, objections and reasons, and the conferring side's steps — 公示, 批准, 发布 — with the decision to download.
/// </summary>
public sealed class DetailsModel(AwardQueries queries, PingyiDbContext db, Scope scope, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public AwardDetails? Details { get; private set; }

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public string? Message { get; private set; }

    public bool CanNominate => User.Allows(Policies.Nominators) && Details?.Award.Stage == AwardStage.Nominating;

    public bool Runs => User.Allows(Policies.Awarders) && Details?.Runs == true;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Details = await queries.DetailsAsync(id, ct);
        if (CanNominate)
        {
            var conferring = await db.Organizations.Where(o => o.Id == Details.Award.OrganizationId).Select(o => o.Path).FirstAsync(ct);
            Organizations = await OrganizationChoices.TreeAsync((await scope.OrganizationsAsync(ct)).Where(o => o.Status == Core.Organizations.OrganizationStatus.Active
                && o.Path.StartsWith(conferring) && (Details.Award.Subject == AwardSubject.Person || o.Id != Details.Award.OrganizationId)), ct);
        }
        Message ??= TempData["Message"] as string;
        return Page();
    }

    public Task<IActionResult> OnPostNominateAsync(long id, long organizationId, string? personName, string? deeds, [FromServices] NominateHandler nominate, CancellationToken ct) =>
        this.RunAsync(User.Allows(Policies.Nominators), async () =>
        {
            var award = await queries.DetailsAsync(id, ct);
            var person = award.Award.Subject == AwardSubject.Person
                ? await People.MemberByName.FindAsync(db, scope, organizationId, personName, "personName", ct) ?? throw RuleViolation.Invalid("请填写被提名党员的姓名", "personName")
                : (long?)null;
            var nomination = await nominate.HandleAsync(id, new Nominate(person is null ? organizationId : null, person, deeds ?? ""), ct);
            return localizer["已提名{0}，等待组织部门审核。", nomination.Nominee];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostStepAsync(long id, long nominationId, NominationAction step, string? reason, [FromServices] ActOnNominationHandler act, CancellationToken ct) =>
        this.RunAsync(User.Allows(Policies.Nominators) || User.Allows(Policies.Awarders), async () =>
        {
            var nomination = await act.HandleAsync(nominationId, step, reason, ct);
            return localizer["{0}：{1}。", localizer[AwardWorkflow.Chinese(step)], nomination.Nominee];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostObjectionAsync(long id, long nominationId, string? text, DateOnly? receivedOn, [FromServices] ObjectionsHandler objections,
        CancellationToken ct) =>
        this.RunAsync(User.Allows(Policies.Awarders), async () =>
        {
            await objections.RecordAsync(nominationId, new RecordObjection(text ?? "", receivedOn), ct);
            return localizer["异议已登记，请核实后处理；处理完毕前不能批准。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostResolveAsync(long id, long objectionId, bool upheld, string? finding, [FromServices] ObjectionsHandler objections, CancellationToken ct) =>
        this.RunAsync(User.Allows(Policies.Awarders), async () =>
        {
            var nomination = await objections.ResolveAsync(objectionId, new ResolveObjection(upheld, finding ?? ""), ct);
            return upheld ? localizer["异议属实，已撤销对{0}的提名。", nomination.Nominee] : localizer["异议不属实，{0}保留在公示名单上。", nomination.Nominee];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostChangeAsync(long id, string? name, int? quota, EligibilityRules[]? rules, [FromServices] ChangeAwardHandler change, CancellationToken ct) =>
        this.RunAsync(User.Allows(Policies.Awarders), async () =>
        {
            await change.ChangeAsync(id, new ChangeAward(name ?? "", quota ?? 0, (rules ?? []).Aggregate(EligibilityRules.None, (all, r) => all | r)), ct);
            return localizer["表彰项目已修改。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public async Task<IActionResult> OnPostRemoveAsync(long id, [FromServices] ChangeAwardHandler change, CancellationToken ct)
    {
        if (!User.Allows(Policies.Awarders))
        {
            return Forbid();
        }
        var year = (await queries.DetailsAsync(id, ct)).Award.Year;
        try
        {
            await change.RemoveAsync(id, ct);
        }
        catch (RuleViolation refusal)
        {
            Refuse(refusal);
            return await OnGetAsync(id, ct);
        }
        TempData["Message"] = localizer["表彰项目已删除。"].Value;
        return RedirectToPage("Index", new { year });
    }

    public Task<IActionResult> OnPostPublicityAsync(long id, int? workingDays, [FromServices] RunAwardHandler run, CancellationToken ct) =>
        this.RunAsync(User.Allows(Policies.Awarders), async () =>
        {
            var award = (await run.StartPublicityAsync(id, new StartPublicity(workingDays), ct)).Award;
            return localizer["名单已公示，公示期至{0}。", ChinaTime.Date(award.PublicityUntil)];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostApproveAsync(long id, [FromServices] RunAwardHandler run, CancellationToken ct) =>
        this.RunAsync(User.Allows(Policies.Awarders), async () =>
        {
            await run.ApproveAsync(id, ct);
            return localizer["名单已批准，可以发布表彰。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostPublishAsync(long id, [FromServices] RunAwardHandler run, CancellationToken ct) =>
        this.RunAsync(User.Allows(Policies.Awarders), async () =>
        {
            await run.PublishAsync(id, ct);
            return localizer["表彰已发布，表彰决定已编号，可下载。"];
        }, new { id }, () => OnGetAsync(id, ct));
}
