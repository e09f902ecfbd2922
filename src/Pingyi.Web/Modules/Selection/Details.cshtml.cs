using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Organizations;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Selection;

/// <summary>A batch: publish it, and for each post the nominations with their form, the rounds with the forms that plan and close them.</summary>
[Authorize(Policy = Policies.Selectors)]
public sealed class DetailsModel(SelectionQueries queries, PingyiDbContext db, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public BatchDetails Batch { get; private set; } = null!;

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    /// <summary>Leading cadres in post who can recommend personally.</summary>
    public IReadOnlyList<(long Id, string Label)> Cadres { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>The post whose form was refused (its postId field), so that only that post's form shows the mistakes.</summary>
    public long? RefusedPost => Request.HasFormContentType && long.TryParse(Request.Form["postId"], out var id) ? id : null;

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message ??= TempData["Message"] as string;
        Today = ChinaTime.Today(clock);
        Batch = await queries.DetailsAsync(id, ct);
        var organizations = await scope.OrganizationsAsync(ct);
        Organizations = await OrganizationChoices.TreeAsync(organizations.Where(o => o.Status == OrganizationStatus.Active), ct);
        Cadres = [.. (await db.CadrePositions.Where(p => p.TermEnd == null && organizations.Any(o => o.Id == p.OrganizationId)
                    && p.Organization!.Level != OrganizationLevel.Branch && p.Organization.Level != OrganizationLevel.GeneralBranch)
                .OrderBy(p => p.Organization!.Path).ThenBy(p => p.Title).Take(500)
                .Select(p => new { p.PersonId, p.Person!.Name, Organization = p.Organization!.Name, p.Title }).ToListAsync(ct))
            .DistinctBy(p => p.PersonId).Select(p => (p.PersonId, $"{p.Name}（{p.Organization}{People.PositionTitles.Chinese(p.Title)}）"))];
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(long id, [FromServices] PublishSelectionBatchHandler publish, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            await publish.HandleAsync(id, ct);
            return localizer["职位空缺预告已发布：公开页面可以看到，可下载 Word 预告送报纸和网站。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostNominateAsync(long id, long postId, long organizationId, string? personName, NominationChannel channel, string? evidence,
        long? nominatorPersonId, string? coSigners, [FromServices] NominateHandler nominate, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            var person = await People.MemberByName.FindAsync(db, scope, organizationId, personName, "personName", ct) ?? throw RuleViolation.Invalid("请填写被提名人的姓名", "personName");
            // One co-signer a line: 姓名 and 身份证号码, separated by a comma or a space.
            var signers = (coSigners ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split([',', '，', ' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(p => new NewCoSigner(p.ElementAtOrDefault(0), p.ElementAtOrDefault(1))).ToList();
            await nominate.HandleAsync(new Nominate(postId, person, channel, evidence, nominatorPersonId, signers), ct);
            return localizer["已记录{0}的提名（{1}）。", personName!.Trim(), localizer[SelectionRules.Chinese(channel)]];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostRecommendAsync(long id, long postId, string? candidates, DateOnly? heldOn, int? recommendationVoters,
        [FromServices] StartMeetingRecommendationHandler start, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            var people = await CandidatesAsync(candidates, ct);
            await start.HandleAsync(postId, new StartMeetingRecommendation(people, heldOn, recommendationVoters), ct);
            return localizer["领导干部会议推荐已安排：{0} 名人选，在评议会议中发放投票码、手机投票；公布结果后得票过半数的自动列为提名人选。", people.Count];
        }, new { id }, () => OnGetAsync(id, ct));

    /// <summary>
    /// The cadres put before a recommendation meeting, one a line — 姓名, or 姓名，党组织 when the name is not unique — among the members of
    /// the caller's subtree; of namesakes a cadre in post is meant, and if still more than one the line asks for the organization.
    /// </summary>
    private async Task<List<long>> CandidatesAsync(string? lines, CancellationToken ct)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var ids = new List<long>();
        var errors = new FieldErrors();
        var list = (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        errors.Check(list.Length > 0, "personIds", "请填写提交会议推荐的人选，每行一人");
        for (var i = 0; i < list.Length; i++)
        {
            var parts = list[i].Split([',', '，', ' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var name = parts[0];
            var organization = parts.ElementAtOrDefault(1);
            var matches = await db.People.Where(p => p.Name == name && p.MemberStatus != Core.People.MemberStatus.None && organizations.Any(o => o.Id == p.OrganizationId)
                    && (organization == null || p.Organization!.Name.Contains(organization)))
                .Select(p => new { p.Id, InPost = db.CadrePositions.Any(c => c.PersonId == p.Id && c.TermEnd == null) }).Take(20).ToListAsync(ct);
            if (matches.Count > 1 && matches.Count(m => m.InPost) == 1)
            {
                matches = [.. matches.Where(m => m.InPost)];
            }
            errors.Check(matches.Count > 0, "personIds", $"第 {i + 1} 行：管理范围内没有名为“{name}”{(organization is null ? "" : $"（{organization}）")}的党员")
                .Check(matches.Count < 2, "personIds", $"第 {i + 1} 行：有 {matches.Count} 名党员叫“{name}”，请写成“姓名，党组织名称”");
            if (matches.Count == 1)
            {
                ids.Add(matches[0].Id);
            }
        }
        errors.ThrowIfAny();
        return ids;
    }

    public Task<IActionResult> OnPostPlanAsync(long id, long postId, RoundMethod method, int advancing, TieRule tieRule, DateOnly? heldOn, int? voters,
        [FromServices] PlanRoundHandler plan, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            var round = await plan.HandleAsync(postId, new PlanRound(method, advancing, tieRule, heldOn, voters), ct);
            return round.Runoff ? localizer["第 {0} 轮加试已安排：{1} 人争 {2} 个晋级名额。", round.Number, round.Entries.Count, round.Advancing]
                : localizer["第 {0} 轮已安排：{1} 人参加，{2} 人晋级。", round.Number, round.Entries.Count, round.Advancing];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostAppointAsync(long id, long nominationId, [FromServices] AppointHandler appoint, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            await appoint.HandleAsync(nominationId, ct);
            return localizer["任用决定已记录。"];
        }, new { id }, () => OnGetAsync(id, ct));

    public Task<IActionResult> OnPostCloseAsync(long id, long roundId, int? voters, long[] nominationId, decimal?[] score, [FromServices] CloseRoundHandler close, CancellationToken ct) =>
        this.RunAsync(true, async () =>
        {
            var outcome = await close.HandleAsync(roundId, new CloseRound(voters, [.. nominationId.Select((n, i) => new CandidateResult(n, i < score.Length ? score[i] : null))]), ct);
            return outcome.Settled ? localizer["本轮已结束：{0} 人晋级，{1} 人淘汰。", outcome.Advancing.Count, outcome.Eliminated.Count]
                : localizer["本轮已结束：{0} 人同分，须加试决定剩余名额。", outcome.Runoff.Count];
        }, new { id }, () => OnGetAsync(id, ct));
}
