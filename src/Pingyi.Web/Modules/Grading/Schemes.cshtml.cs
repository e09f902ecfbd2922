using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pingyi.Core.Grading;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Grading;

/// <summary>The versions of the grading scheme, and a new version written from the latest (standards, weights, lines, shares).</summary>
public sealed class SchemesModel(GradingQueries queries, IStringLocalizer<UiText> localizer) : FormPageModel
{
    public IReadOnlyList<GradingSchemeView> Schemes { get; private set; } = [];

    public string? Message { get; private set; }

    public bool CanWrite => User.Allows(Policies.Graders);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Schemes = await queries.SchemesAsync(ct);
        Message ??= TempData["Message"] as string;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string? name, string? note, [FromServices] SaveGradingSchemeHandler save, CancellationToken ct) =>
        this.RunAsync(CanWrite, async () =>
        {
            var form = Request.Form;
            decimal Number(string field, decimal fallback) =>
                decimal.TryParse(form[field], NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : string.IsNullOrWhiteSpace(form[field]) ? fallback : -1;
            decimal? Share(string field) => string.IsNullOrWhiteSpace(form[field]) ? null : Number(field, 0) / 100;
            var standards = new List<GradingStandard>();
            for (var i = 0; i < 20; i++)
            {
                var standardName = form[$"standards[{i}].name"].ToString().Trim();
                if (standardName.Length == 0 && string.IsNullOrWhiteSpace(form[$"standards[{i}].maxPoints"]))
                {
                    continue;
                }
                standards.Add(new GradingStandard(string.IsNullOrWhiteSpace(form[$"standards[{i}].key"]) ? $"s{i + 1}" : form[$"standards[{i}].key"].ToString().Trim(),
                    standardName, Number($"standards[{i}].maxPoints", 0)));
            }
            var rules = new GradingRules
            {
                Standards = standards,
                MonthlyWeight = Number("monthlyWeight", 0), QuarterlyWeight = Number("quarterlyWeight", 0), AnnualWeight = Number("annualWeight", 0),
                MinimumMonths = (int)Number("minimumMonths", 0), MinimumQuarters = (int)Number("minimumQuarters", 0),
                AdvancedThreshold = Number("advancedThreshold", 0), AverageThreshold = Number("averageThreshold", 0),
                AdvancedMaxShare = Share("advancedMaxShare"), LaggingMinShare = Share("laggingMinShare"), ExemplaryShare = Share("exemplaryShare"),
            };
            var saved = await save.HandleAsync(new SaveGradingScheme(name ?? "", note, rules), ct);
            return localizer["定级方案第 {0} 版已保存，此后定级使用这一版。", saved.Version];
        }, new { }, () => OnGetAsync(ct));
}
