using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Archives;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Archives;

/// <summary>
/// 实绩台账: the ranking of a kind for a year or a quarter, per township and across the county, the quarters held with their
/// meetings and versions; for keepers the form that starts a quarter and the year's rule of a host.
/// </summary>
[Authorize(Policy = Policies.ArchiveReaders)]
public sealed class IndexModel(ArchiveQueries queries, PingyiDbContext db, Scope scope, TimeProvider clock, IStringLocalizer<UiText> localizer) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public ArchiveKind Kind { get; set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true)] public int? Quarter { get; set; }

    [BindProperty(SupportsGet = true)] public long? Host { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public const int PageSize = 100;

    /// <summary>The lines of this page of the ranking (a province's ranking has a hundred thousand).</summary>
    public IReadOnlyList<RankingLine> Shown { get; private set; } = [];

    public int Pages { get; private set; } = 1;

    public ArchiveRanking? Ranking { get; private set; }

    public string? Message { get; private set; }

    public int ThisYear { get; private set; }

    public bool CanKeep => User.Allows(Policies.ArchiveKeepers);

    /// <summary>Who can hold the kind's quarters in scope: townships for 一考双评, the county for 季度讲评.</summary>
    public IReadOnlyList<OrganizationChoice> Hosts { get; private set; } = [];

    /// <summary>Schemes in scope, for a quarter under another version of the indicator set.</summary>
    public IReadOnlyList<(long Id, string Name)> Schemes { get; private set; } = [];

    /// <summary>The year's rule of the chosen host, or the default.</summary>
    public ArchiveRules Rules { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        Year ??= await queries.LatestYearAsync(Kind, ct) ?? ThisYear;
        Message ??= TempData["Message"] as string;
        Ranking = await queries.RankingAsync(Kind, Year.Value, Quarter, Host, ct);
        Pages = Math.Max(1, (Ranking.Lines.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber ?? 1, 1, Pages);
        Shown = [.. Ranking.Lines.Skip((PageNumber.Value - 1) * PageSize).Take(PageSize)];
        var level = ArchiveText.HostLevel(Kind);
        Hosts = await OrganizationChoices.TreeAsync((await scope.OrganizationsAsync(ct)).Where(o => o.Level == level && o.Status == OrganizationStatus.Active), ct);
        if (CanKeep)
        {
            var organizations = await scope.OrganizationsAsync(ct);
            Schemes = [.. (await db.Schemes.Where(s => organizations.Any(o => o.Id == s.OrganizationId)).OrderByDescending(s => s.Id).Take(200)
                .Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name))];
        }
        if (Host is { } host)
        {
            Rules = await db.ArchivePlans.Where(p => p.HostOrganizationId == host && p.Kind == Kind && p.Year == Year)
                .Select(p => new ArchiveRules(p.Combination, p.Missing)).FirstOrDefaultAsync(ct) ?? new ArchiveRules();
        }
        return Page();
    }

    public Task<IActionResult> OnPostStartAsync(ArchiveKind kind, long hostOrganizationId, int year, int quarter, DateOnly? heldOn, long? schemeId,
        [FromServices] StartQuarterHandler start, CancellationToken ct) =>
        this.RunAsync(CanKeep, async () =>
        {
            var started = await start.HandleAsync(new StartQuarter(hostOrganizationId, kind, year, quarter, heldOn, schemeId), ct);
            TempData["QuarterMeeting"] = started.MeetingId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return started.WithoutSecretary.Count == 0
                ? localizer["季度考评会已创建：{0} 名考评对象。请在评议会页面生成评议码（群众测评码可指定只评本村书记），结果发布后自动归档。", started.Reporters]
                : localizer["季度考评会已创建：{0} 名考评对象；{1} 没有在任书记，未列入。", started.Reporters, string.Join("、", started.WithoutSecretary)];
        }, new { kind, year }, () => { Kind = kind; Year = year; return OnGetAsync(ct); });

    public Task<IActionResult> OnPostPlanAsync(ArchiveKind kind, long hostOrganizationId, int year, YearCombination combination, MissingQuarter missing,
        [FromServices] SaveArchivePlanHandler save, CancellationToken ct) =>
        this.RunAsync(CanKeep, async () =>
        {
            await save.HandleAsync(new SaveArchivePlan(hostOrganizationId, kind, year, combination, missing), ct);
            return localizer["年度考核办法已保存：全年成绩为{0}，{1}。", localizer[ArchiveText.Combination(combination)], localizer[ArchiveText.Missing(missing)]];
        }, new { kind, year, host = hostOrganizationId }, () => { Kind = kind; Year = year; Host = hostOrganizationId; return OnGetAsync(ct); });
}
