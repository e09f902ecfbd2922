using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// Creates, copies and edits a scheme (评议方案): rater groups, indicators, grade points, thresholds, quotas, trimming,
/// talks and opinion categories. A refused form keeps what was typed and shows every message beside its field.
/// </summary>
[Authorize(Policy = Policies.Editors)]
public sealed class SchemeModel(PingyiDbContext db, Scope scope, MeetingAccess access, IStringLocalizer<UiText> localizer) : PageModel
{
    /// <summary>Rows offered beyond the scheme's own, left blank to add a group or an indicator.</summary>
    public const int SpareGroups = 2, SpareIndicators = 3;

    public long? Id { get; private set; }

    /// <summary>A published meeting used the scheme: it can only be copied.</summary>
    public bool Locked { get; private set; }

    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    [BindProperty] public SchemeForm Form { get; set; } = new();

    public string? Error(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    public async Task<IActionResult> OnGetAsync(long? id, long? copy, string? template, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var scheme = await access.SchemeAsync(existing, ct);
            Form = SchemeForm.From(scheme.Name, scheme.OrganizationId, RulesJson.Read(scheme.Rules));
            Id = existing;
            Locked = await db.Meetings.AnyAsync(m => m.SchemeId == existing && m.PublishedAt != null, ct);
        }
        else if (copy is { } source)
        {
            var scheme = await access.SchemeAsync(source, ct);
            Form = SchemeForm.From(localizer["{0}（副本）", scheme.Name], scheme.OrganizationId, RulesJson.Read(scheme.Rules));
        }
        else
        {
            var t = SchemeTemplates.All.FirstOrDefault(t => t.Key == template) ?? SchemeTemplates.Township;
            Form = SchemeForm.From(t.Name, await OwnerForAsync(t, ct), t.Rules);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, [FromServices] CreateSchemeHandler create, [FromServices] UpdateSchemeHandler update, CancellationToken ct)
    {
        try
        {
            var rules = Form.ToRules(Errors);
            if (Errors.Count == 0)
            {
                var saved = id is { } existing
                    ? await update.HandleAsync(existing, new UpdateScheme(Form.Name ?? string.Empty, rules!), ct)
                    : await create.HandleAsync(new CreateScheme(Form.Name ?? string.Empty, Form.OrganizationId, rules!), ct);
                TempData["Message"] = localizer["评议方案“{0}”已保存。", saved.Name].Value;
                return Redirect("/Meetings/Schemes");
            }
        }
        catch (RuleViolation e) when (e.StatusCode != StatusCodes.Status404NotFound)
        {
            foreach (var (field, message) in e.Errors.Count > 0 ? e.Errors : [("", e.Message)])
            {
                Errors[field] = Errors.TryGetValue(field, out var before) ? before + " " + message : message;
            }
        }
        Id = id;
        Locked = id is { } used && await db.Meetings.AnyAsync(m => m.SchemeId == used && m.PublishedAt != null, ct);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>
    /// The organization a new scheme from a template belongs to: the caller's own when the template is for its level,
    /// else the first organization of that level in the caller's tree (a county clerk making a township's scheme).
    /// </summary>
    private async Task<long> OwnerForAsync(SchemeTemplates.Template template, CancellationToken ct)
    {
        var committees = await (await scope.OrganizationsAsync(ct)).Committees()
            .Select(o => new { o.Id, o.ParentId, o.SortOrder, o.Name, o.Level }).Take(1000).ToListAsync(ct);
        var fitting = TreeOrder.Sort(committees, o => o.Id, o => o.ParentId, o => o.SortOrder, o => o.Name)
            .Select(x => x.Item).Where(o => SchemeTemplates.For(o.Level) == template).ToList();
        return fitting.FirstOrDefault(o => o.Id == scope.OrganizationId)?.Id ?? fitting.FirstOrDefault()?.Id ?? scope.OrganizationId ?? 0;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        Organizations = await OrganizationChoices.TreeAsync(organizations.Committees(), ct, 1000);
        while (Form.Groups.Count < Form.Groups.Count(g => !g.Blank) + SpareGroups)
        {
            Form.Groups.Add(new());
        }
        while (Form.Indicators.Count < Form.Indicators.Count(i => !i.Blank) + SpareIndicators)
        {
            Form.Indicators.Add(new());
        }
    }
}

/// <summary>The scheme as the form holds it: text as typed, so a refused form shows it again.</summary>
public sealed class SchemeForm
{
    public string? Name { get; set; }

    public long OrganizationId { get; set; }

    public List<GroupRow> Groups { get; set; } = [];

    public List<IndicatorRow> Indicators { get; set; } = [];

    public string? PointsGood { get; set; }
    public string? PointsFairlyGood { get; set; }
    public string? PointsAverage { get; set; }
    public string? PointsPoor { get; set; }
    public string? ThresholdGood { get; set; }
    public string? ThresholdFairlyGood { get; set; }
    public string? ThresholdAverage { get; set; }
    public string? QuotaGood { get; set; }
    public string? QuotaFairlyGood { get; set; }
    public string? QuotaAverage { get; set; }
    public string? GradeShare { get; set; }
    public string? Trim { get; set; }
    public string? TalkBottomCount { get; set; }
    public string? OpinionCategories { get; set; }
    public string? UpwardWeight { get; set; }
    public string? DownwardWeight { get; set; }

    public sealed class GroupRow
    {
        public string? Key { get; set; }
        public string? Name { get; set; }
        public string? Weight { get; set; }
        public string? MinimumBallots { get; set; }
        public BallotParts Parts { get; set; } = BallotParts.Grade;

        public bool Blank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Weight);
    }

    public sealed class IndicatorRow
    {
        public string? Key { get; set; }
        public string? Name { get; set; }
        public string? MaxPoints { get; set; }

        public bool Blank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(MaxPoints);
    }

    public static SchemeForm From(string name, long organizationId, SchemeRules r) => new()
    {
        Name = name,
        OrganizationId = organizationId,
        Groups = [.. r.Groups.Select(g => new GroupRow { Key = g.Key, Name = g.Name, Weight = Text(g.Weight), MinimumBallots = Text(g.MinimumBallots), Parts = g.Parts })],
        Indicators = [.. r.Indicators.Select(i => new IndicatorRow { Key = i.Key, Name = i.Name, MaxPoints = Text(i.MaxPoints) })],
        PointsGood = Text(r.GradePoints.Good), PointsFairlyGood = Text(r.GradePoints.FairlyGood), PointsAverage = Text(r.GradePoints.Average), PointsPoor = Text(r.GradePoints.Poor),
        ThresholdGood = Text(r.Thresholds.Good), ThresholdFairlyGood = Text(r.Thresholds.FairlyGood), ThresholdAverage = Text(r.Thresholds.Average),
        QuotaGood = Percent(r.Quotas.Good), QuotaFairlyGood = Percent(r.Quotas.FairlyGood), QuotaAverage = Percent(r.Quotas.Average),
        GradeShare = Text(r.GradeShare), Trim = Text(r.Trim), TalkBottomCount = Text(r.TalkBottomCount),
        OpinionCategories = string.Join("\n", r.OpinionCategories), UpwardWeight = Text(r.UpwardWeight), DownwardWeight = Text(r.DownwardWeight),
    };

    /// <summary>The rules, or null with a message per field that is not a number.</summary>
    public SchemeRules? ToRules(Dictionary<string, string> errors)
    {
        decimal Number(string? text, string field, decimal fallback, string what)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }
            if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            errors[field] = $"{what}“{text}”不是数字";
            return fallback;
        }
        decimal? Share(string? text, string field) => string.IsNullOrWhiteSpace(text) ? null : Number(text.Trim().TrimEnd('%', '％'), field, 0, "等次比例上限") / 100m;
        var groups = Groups.Select((g, i) => (g, i)).Where(x => !x.g.Blank).Select(x => new RaterGroupRule(
            string.IsNullOrWhiteSpace(x.g.Key) ? $"g{x.i + 1}" : x.g.Key.Trim(), (x.g.Name ?? string.Empty).Trim(),
            Number(x.g.Weight, $"groups[{x.i}].weight", 0, $"评议组第 {x.i + 1} 行的权重"), x.g.Parts, (int)Number(x.g.MinimumBallots, $"groups[{x.i}].minimumBallots", 3, $"评议组第 {x.i + 1} 行的最少有效票"))).ToList();
        var indicators = Indicators.Select((r, i) => (r, i)).Where(x => !x.r.Blank).Select(x => new Indicator(
            string.IsNullOrWhiteSpace(x.r.Key) ? $"i{x.i + 1}" : x.r.Key.Trim(), (x.r.Name ?? string.Empty).Trim(), Number(x.r.MaxPoints, $"indicators[{x.i}].maxPoints", 0, $"指标第 {x.i + 1} 行的满分"))).ToList();
        var defaults = new SchemeRules { Groups = [] };
        var rules = new SchemeRules
        {
            Groups = groups,
            Indicators = indicators,
            GradePoints = new GradePoints(Number(PointsGood, "gradePoints", 100, "等次分值"), Number(PointsFairlyGood, "gradePoints", 80, "等次分值"), Number(PointsAverage, "gradePoints", 60, "等次分值"), Number(PointsPoor, "gradePoints", 40, "等次分值")),
            Thresholds = new GradeThresholds(Number(ThresholdGood, "thresholds", 90, "等次分数线"), Number(ThresholdFairlyGood, "thresholds", 80, "等次分数线"), Number(ThresholdAverage, "thresholds", 70, "等次分数线")),
            Quotas = new GradeQuotas(Share(QuotaGood, "quotas"), Share(QuotaFairlyGood, "quotas"), Share(QuotaAverage, "quotas")),
            GradeShare = Number(GradeShare, "gradeShare", defaults.GradeShare, "等次所占比例"),
            Trim = (int)Number(Trim, "trim", defaults.Trim, "去掉最高分、最低分的个数"),
            TalkBottomCount = (int)Number(TalkBottomCount, "talkBottomCount", defaults.TalkBottomCount, "约谈末位人数"),
            UpwardWeight = Number(UpwardWeight, "cycleWeights", defaults.UpwardWeight, "向上述职权重"),
            DownwardWeight = Number(DownwardWeight, "cycleWeights", defaults.DownwardWeight, "向下述职权重"),
            OpinionCategories = [.. (OpinionCategories ?? string.Empty).Split(['\n', '、', ',', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct()],
        };
        if (errors.Count == 0)
        {
            return rules;
        }
        // A value that is not a number is one mistake; the rules' other checks still run on the rest, so the clerk
        // sees every mistake at once rather than one round trip per field.
        foreach (var e in rules.ValidateFields().Where(e => !errors.ContainsKey(e.Field)))
        {
            errors[e.Field] = e.Message;
        }
        return null;
    }

    private static string Text(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Percent(decimal? share) => share is { } s ? (s * 100).ToString("0.##", CultureInfo.InvariantCulture) : null;
}
