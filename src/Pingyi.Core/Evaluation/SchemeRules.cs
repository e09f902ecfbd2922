using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pingyi.Core.Evaluation;

/// <summary>The four result grades of a duty-report evaluation, best first; "good", "fairlyGood", "average", "poor" in JSON.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<Grade>))]
public enum Grade
{
    Good = 0,
    FairlyGood = 1,
    Average = 2,
    Poor = 3,
}

/// <summary>Which parts of the ballot form a rater group fills in.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<BallotParts>))]
public enum BallotParts
{
    Grade = 1,
    Indicators = 2,
    Both = 3,
}

public sealed record Indicator(string Key, string Name, decimal MaxPoints);

/// <summary>
/// What a meeting is for. A 述职评议 (evaluation) has consequences when published: talks and rectification notices for the
/// last-placed, every opinion an item of the rectification ledger, the numbered report and feedback sheets. A vote (a selection
/// round, a recommendation) or a survey (satisfaction, reverse evaluation) uses the same codes, ballots and recount, and its
/// result is the consequence — its module takes it from there.
/// </summary>
public enum MeetingKind
{
    Evaluation = 0,
    Vote = 1,
    Survey = 2,
}

public sealed record RaterGroupRule(string Key, string Name, decimal Weight, BallotParts Parts = BallotParts.Grade, int MinimumBallots = 3);

public sealed record GradePoints(decimal Good = 100, decimal FairlyGood = 80, decimal Average = 60, decimal Poor = 40)
{
    public decimal For(Grade grade) => grade switch
    {
        Grade.Good => Good,
        Grade.FairlyGood => FairlyGood,
        Grade.Average => Average,
        _ => Poor,
    };
}

/// <summary>Lowest composite of each grade; below <see cref="Average"/> is 较差.</summary>
public sealed record GradeThresholds(decimal Good = 90, decimal FairlyGood = 80, decimal Average = 70)
{
    public Grade For(decimal composite) =>
        composite >= Good ? Grade.Good : composite >= FairlyGood ? Grade.FairlyGood : composite >= Average ? Grade.Average : Grade.Poor;
}

/// <summary>Optional caps on a grade as a share of the reporters with a result (0.3 = at most 30%).</summary>
public sealed record GradeQuotas(decimal? Good = null, decimal? FairlyGood = null, decimal? Average = null)
{
    public decimal? For(Grade grade) => grade switch
    {
        Grade.Good => Good,
        Grade.FairlyGood => FairlyGood,
        Grade.Average => Average,
        _ => null,
    };
}

/// <summary>
/// The rules of a scheme (评议方案). Every default is the one of the product specification; a scheme
/// overrides what it needs.
/// </summary>
public sealed record SchemeRules
{
    public static readonly IReadOnlyList<string> DefaultOpinionCategories = ["思想建设", "组织建设", "作风建设", "制度建设", "发展与服务"];

    public required IReadOnlyList<RaterGroupRule> Groups { get; init; }

    public IReadOnlyList<Indicator> Indicators { get; init; } = [];

    public GradePoints GradePoints { get; init; } = new();

    /// <summary>q: the share of the grade in a ballot that has both parts.</summary>
    public decimal GradeShare { get; init; } = 0.5m;

    /// <summary>k: how many of the highest and of the lowest ballot scores a group drops.</summary>
    public int Trim { get; init; } = 1;

    public GradeThresholds Thresholds { get; init; } = new();

    public GradeQuotas Quotas { get; init; } = new();

    public decimal UpwardWeight { get; init; } = 50;

    public decimal DownwardWeight { get; init; } = 50;

    /// <summary>How many of the last-positioned reporters get a talk and a rectification notice.</summary>
    public int TalkBottomCount { get; init; } = 1;

    public IReadOnlyList<string> OpinionCategories { get; init; } = DefaultOpinionCategories;

    /// <summary>
    /// What the grades are called on the ballot, best first, when not 好 较好 一般 较差 — a survey asks 满意 基本满意 不满意
    /// 不了解, a recommendation 推荐 不推荐; two to four names, and only the first that many grades can be chosen; null: the
    /// usual four.
    /// </summary>
    public IReadOnlyList<string>? GradeLabels { get; init; }

    /// <summary>What the meeting is for; only an evaluation has the consequences of a 述职评议.</summary>
    public MeetingKind Kind { get; init; } = MeetingKind.Evaluation;

    /// <summary>What the opinion box on the phone asks for, when not the opinions on a reporter's party-building work; null: that.</summary>
    public string? OpinionPrompt { get; init; }

    public const int OpinionPromptMax = 40;

    /// <summary>The grades a ballot may carry: the first <see cref="GradeLabels"/>.Count, or all four.</summary>
    public bool Offers(Grade grade) => Enum.IsDefined(grade) && (GradeLabels is not { } labels || (int)grade < labels.Count);

    public decimal PossibleIndicatorPoints => Indicators.Sum(i => i.MaxPoints);

    /// <summary>Every reason the rules cannot be used, in Chinese; empty when they can.</summary>
    public IReadOnlyList<string> Validate() => [.. ValidateFields().Select(e => e.Message)];

    /// <summary>
    /// Every reason the rules cannot be used with the field it is about, as a form names it: "groups[0].weight",
    /// "indicators[1].maxPoints", "thresholds", "opinionCategories"…
    /// </summary>
    public IReadOnlyList<RuleError> ValidateFields()
    {
        var errors = new List<RuleError>();
        if (Groups is null || Groups.Count == 0)
        {
            errors.Add(new("groups", "评议方案至少需要一个评议组。"));
            return errors;
        }
        if (Groups.Count > 20)
        {
            errors.Add(new("groups", "评议组不能超过 20 个。"));
        }
        for (var gi = 0; gi < Groups.Count; gi++)
        {
            var g = Groups[gi];
            var name = string.IsNullOrWhiteSpace(g.Name) ? g.Key : g.Name;
            if (string.IsNullOrWhiteSpace(g.Name))
            {
                errors.Add(new($"groups[{gi}].name", $"第 {gi + 1} 个评议组需要名称。"));
            }
            else if (string.IsNullOrWhiteSpace(g.Key))
            {
                errors.Add(new($"groups[{gi}].key", $"评议组“{g.Name}”需要代码（key）。"));
            }
            if (g.Weight <= 0 || g.Weight > 1000 || Places(g.Weight) > 4)
            {
                errors.Add(new($"groups[{gi}].weight", $"评议组“{name}”的权重须大于 0、不超过 1000，最多 4 位小数。"));
            }
            if (g.MinimumBallots is < 1 or > 1000)
            {
                errors.Add(new($"groups[{gi}].minimumBallots", $"评议组“{name}”的最少有效票数须在 1 到 1000 之间。"));
            }
            if (g.Parts is not (BallotParts.Grade or BallotParts.Indicators or BallotParts.Both))
            {
                errors.Add(new($"groups[{gi}].parts", $"评议组“{name}”的测评内容无效。"));
            }
            else if (g.Parts != BallotParts.Grade && Indicators.Count == 0)
            {
                errors.Add(new($"groups[{gi}].parts", $"评议组“{name}”使用量化指标，但方案没有指标。"));
            }
        }
        if (Groups.Select(g => g.Key).Distinct(StringComparer.Ordinal).Count() != Groups.Count)
        {
            errors.Add(new("groups", "评议组代码不能重复。"));
        }
        for (var ii = 0; ii < Indicators.Count; ii++)
        {
            var i = Indicators[ii];
            if (string.IsNullOrWhiteSpace(i.Name))
            {
                errors.Add(new($"indicators[{ii}].name", $"第 {ii + 1} 个指标需要名称。"));
            }
            else if (string.IsNullOrWhiteSpace(i.Key))
            {
                errors.Add(new($"indicators[{ii}].key", $"指标“{i.Name}”需要代码（key）。"));
            }
            if (i.MaxPoints <= 0 || Places(i.MaxPoints) > 2)
            {
                errors.Add(new($"indicators[{ii}].maxPoints", $"指标“{i.Name}”的满分须大于 0，最多 2 位小数。"));
            }
        }
        if (Indicators.Select(i => i.Key).Distinct(StringComparer.Ordinal).Count() != Indicators.Count)
        {
            errors.Add(new("indicators", "指标代码不能重复。"));
        }
        if (Indicators.Count > 0 && PossibleIndicatorPoints > 10_000)
        {
            errors.Add(new("indicators", "指标满分合计不能超过 10000。"));
        }
        foreach (var grade in Enum.GetValues<Grade>())
        {
            var points = GradePoints.For(grade);
            if (points < 0 || points > 1000 || Places(points) > 2)
            {
                errors.Add(new("gradePoints", "等次分值须在 0 到 1000 之间，最多 2 位小数。"));
                break;
            }
        }
        if (GradeShare < 0 || GradeShare > 1 || Places(GradeShare) > 2)
        {
            errors.Add(new("gradeShare", "等次和指标并用时，等次所占比例须在 0 到 1 之间（如 0.5 表示各占一半），最多 2 位小数。"));
        }
        if (Trim is < 0 or > 10)
        {
            errors.Add(new("trim", "去掉最高分、最低分的个数须在 0 到 10 之间。"));
        }
        if (!(Thresholds.Good > Thresholds.FairlyGood && Thresholds.FairlyGood > Thresholds.Average))
        {
            errors.Add(new("thresholds", "等次分数线须依次降低：好 > 较好 > 一般。"));
        }
        foreach (var share in new[] { Quotas.Good, Quotas.FairlyGood, Quotas.Average })
        {
            if (share is { } s && (s <= 0 || s > 1))
            {
                errors.Add(new("quotas", "等次比例上限须大于 0%、不超过 100%。"));
                break;
            }
        }
        if (UpwardWeight < 0 || DownwardWeight < 0 || UpwardWeight + DownwardWeight <= 0)
        {
            errors.Add(new("cycleWeights", "双向评议的权重不能为负，且不能都为 0。"));
        }
        if (TalkBottomCount is < 0 or > 100)
        {
            errors.Add(new("talkBottomCount", "约谈末位人数须在 0 到 100 之间。"));
        }
        if (GradeLabels is { } labels && (labels.Count is < 2 or > 4 || labels.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > 10) || labels.Distinct().Count() != labels.Count))
        {
            errors.Add(new("gradeLabels", "等次名称须是二到四个不同的名称，每个不超过 10 个字。"));
        }
        if (!Enum.IsDefined(Kind))
        {
            errors.Add(new("kind", "会议类型无效。"));
        }
        if (OpinionPrompt is { } prompt && (string.IsNullOrWhiteSpace(prompt) || prompt.Length > OpinionPromptMax))
        {
            errors.Add(new("opinionPrompt", $"意见建议的提示不能为空，且不超过 {OpinionPromptMax} 个字。"));
        }
        if (OpinionCategories is null || OpinionCategories.Count == 0 || OpinionCategories.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(new("opinionCategories", "意见建议至少需要一个类别。"));
        }
        return errors;
    }

    /// <summary>Significant decimal places: 1.50 has one.</summary>
    public static int Places(decimal value)
    {
        var scale = value.Scale;
        while (scale > 0 && value == decimal.Round(value, scale - 1))
        {
            scale--;
        }
        return scale;
    }
}

/// <summary>A reason the rules cannot be used and the field it is about.</summary>
public sealed record RuleError(string Field, string Message);

public sealed class CamelCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase) where T : struct, Enum;
