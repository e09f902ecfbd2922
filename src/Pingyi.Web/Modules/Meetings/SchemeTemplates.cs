using Pingyi.Core.Evaluation;
using Pingyi.Core.Organizations;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>
/// Ready-made schemes for the usual bodies (SPEC §1, seeds 001 and 002): a county meeting on the township
/// secretaries — the county committee's standing members, the "two representatives and one member" and the
/// organization department's quantified assessment — and a township meeting on the village secretaries — the
/// township committee's members, the village's party representatives and the public's representatives.
/// </summary>
public static class SchemeTemplates
{
    public sealed record Template(string Key, string Name, SchemeRules Rules);

    public static readonly Template County = new("county", "县委书记听取乡镇党委书记抓基层党建工作述职评议方案", new SchemeRules
    {
        Groups =
        [
            new("committee", "县委常委", 40, BallotParts.Grade, 3),
            new("delegates", "两代表一委员", 30, BallotParts.Grade, 5),
            new("department", "组织部量化考核", 30, BallotParts.Indicators, 1),
        ],
        Indicators =
        [
            new("i1", "基层组织建设", 30), new("i2", "党员队伍建设", 25), new("i3", "阵地和制度建设", 20), new("i4", "党建责任落实", 25),
        ],
        TalkBottomCount = 1,
    });

    public static readonly Template Township = new("township", "乡镇党委听取村党组织书记抓基层党建工作述职评议方案", new SchemeRules
    {
        Groups =
        [
            new("leaders", "乡镇党委班子成员", 40, BallotParts.Grade, 3),
            new("members", "村党员代表", 30, BallotParts.Grade, 5),
            new("public", "群众代表", 30, BallotParts.Grade, 5),
        ],
        TalkBottomCount = 1,
    });

    /// <summary>
    /// 三评 of public commitments (seed 004): mutual evaluation by the members of the branch, evaluation by the public, and
    /// the organization's assessment on an indicator sheet; no talks follow (the stars are the consequence).
    /// </summary>
    public static readonly Template Commitments = new("commitments", "公开承诺“三评”方案", new SchemeRules
    {
        Groups =
        [
            new("members", "党员互评", 30, BallotParts.Grade, 3),
            new("public", "群众测评", 30, BallotParts.Grade, 3),
            new("organization", "组织考评", 40, BallotParts.Indicators, 1),
        ],
        Indicators =
        [
            new("i1", "承诺事项明确可考", 20), new("i2", "践诺措施有力", 30), new("i3", "践诺成效明显", 30), new("i4", "群众认可满意", 20),
        ],
        TalkBottomCount = 0,
    });

    /// <summary>
    /// A competitive round of cadre selection voted on phones (三, seed 000): every eligible voter grades every candidate as in a
    /// democratic evaluation (优秀 / 称职 / 基本称职 / 不称职 on the buttons, the usual points); no ballot is trimmed (a vote is a vote), one ballot gives a result, and no talks follow — the round's cut is the consequence.
    /// </summary>
    public static readonly Template SelectionRound = new("selection", "干部选任差额票决方案", new SchemeRules
    {
        Groups = [new("voters", "投票人", 100, BallotParts.Grade, 1)],
        GradeLabels = ["优秀", "称职", "基本称职", "不称职"],
        OpinionPrompt = "对该人选的意见建议",
        OpinionCategories = ["对人选的意见"],
        Kind = MeetingKind.Vote,
        Trim = 0,
        TalkBottomCount = 0,
    });

    /// <summary>
    /// A meeting of leading cadres recommending for a post (领导干部会议推荐, seed 000): every voter marks each cadre put before it 推荐 or
    /// 不推荐 on the phone; a 推荐 counts 100 points, so a composite is the share recommending; nothing trimmed, no talks follow — the
    /// nominations are the consequence.
    /// </summary>
    public static readonly Template LeadersRecommendation = new("recommendation", "领导干部会议推荐方案", new SchemeRules
    {
        Groups = [new("voters", "参会领导干部", 100, BallotParts.Grade, 1)],
        GradeLabels = ["推荐", "不推荐"],
        GradePoints = new(100, 0, 0, 0),
        OpinionPrompt = "对推荐人选的意见建议",
        OpinionCategories = ["对人选的意见"],
        Kind = MeetingKind.Vote,
        Trim = 0,
        TalkBottomCount = 0,
    });

    /// <summary>
    /// Reverse evaluation of a cadre (反向测评, seed 003): the six sources each a group filling in the five dimensions 德 能 勤 绩 廉
    /// (20 points each); nothing trimmed, a source counts from three answers (the smallest shown group); no talks follow.
    /// </summary>
    public static readonly Template ReverseEvaluation = new("reverse", "干部反向测评方案", new SchemeRules
    {
        Groups = [.. Core.Selection.ReverseEvaluation.Sources.Select((s, i) => new RaterGroupRule(s.Key, s.Name, i < 4 ? 17 : 16, BallotParts.Indicators,
            Core.Selection.ReverseEvaluation.SmallestShownGroup))],
        Indicators = [.. Core.Selection.ReverseEvaluation.Dimensions.Select(d => new Indicator(d.Key, d.Name, Core.Selection.ReverseEvaluation.DimensionPoints))],
        Trim = 0,
        Kind = MeetingKind.Survey,
        TalkBottomCount = 0,
    });

    /// <summary>
    /// The yearly survey of satisfaction with appointments (seed 000): respondents answer 满意, 基本满意, 不满意 or 不了解 on their
    /// phones with one-time codes (the four grades, renamed); no talks follow.
    /// </summary>
    public static readonly Template SatisfactionSurvey = new("satisfaction", "干部选拔任用工作满意度测评方案", new SchemeRules
    {
        Groups = [new("respondents", "测评人", 100, BallotParts.Grade, 1)],
        GradeLabels = ["满意", "基本满意", "不满意", "不了解"],
        OpinionPrompt = "对干部选拔任用工作的意见建议",
        Kind = MeetingKind.Survey,
        OpinionCategories = ["意见建议"],
        Trim = 0,
        TalkBottomCount = 0,
    });

    /// <summary>公开效果评议 (seed 004): members and residents of a village rate the openness of its party and village affairs with codes; a survey.</summary>
    public static readonly Template OpennessSurvey = new("openness", "党务村务公开效果评议方案", new SchemeRules
    {
        Groups = [new("respondents", "党员群众", 100, BallotParts.Grade, 1)],
        GradeLabels = ["满意", "基本满意", "不满意", "不了解"],
        OpinionPrompt = "对党务村务公开的意见建议",
        Kind = MeetingKind.Survey,
        OpinionCategories = ["意见建议"],
        Trim = 0,
        TalkBottomCount = 0,
    });

    /// <summary>十佳 of public commitments: representatives vote on the nominees (three stars or more); no talks follow.</summary>
    public static readonly Template TopTen = new("topten", "“十佳”承诺评选方案", new SchemeRules
    {
        Groups = [new("voters", "评选代表", 100, BallotParts.Grade, 3)],
        TalkBottomCount = 0,
    });

    /// <summary>
    /// 任期承诺回头看 (seed 004): secretaries report on their term commitments before member and public representatives, who
    /// grade them on their phones; the last-placed get a talk, as in a 述职评议.
    /// </summary>
    public static readonly Template LookBack = new("lookback", "任期承诺“回头看”评议方案", new SchemeRules
    {
        Groups =
        [
            new("members", "党员代表", 50, BallotParts.Grade, 3),
            new("public", "群众代表", 50, BallotParts.Grade, 3),
        ],
        TalkBottomCount = 1,
    });

    /// <summary>
    /// 月评 of grading (seed 004): member and public representatives grade each grassroots organization of a township on
    /// their phones each month; the published scores are the organizations' monthly inputs. No talks follow.
    /// </summary>
    public static readonly Template MonthlyGrading = new("monthly-grading", "基层党组织月评方案", new SchemeRules
    {
        Groups =
        [
            new("members", "党员代表", 50, BallotParts.Grade, 3),
            new("public", "群众代表", 50, BallotParts.Grade, 3),
        ],
        TalkBottomCount = 0,
    });

    /// <summary>
    /// 一考双评 of village secretaries (seed 000), one quarter: the township committee examines each secretary's performance
    /// on an indicator sheet, the township's leaders grade them, and the people of each village grade their own secretary
    /// with codes made for that secretary alone. No talks follow: the quarter's score goes into the archive.
    /// </summary>
    public static readonly Template VillageSecretaryQuarter = new("village-secretary-quarter", "村党组织书记“一考双评”季度方案", new SchemeRules
    {
        Groups =
        [
            new("examination", "乡镇党委实绩考核", 50, BallotParts.Indicators, 1),
            new("leaders", "乡镇领导干部测评", 25, BallotParts.Grade, 3),
            new("villagers", "本村群众测评", 25, BallotParts.Grade, 3),
        ],
        Indicators =
        [
            new("i1", "基层组织建设", 25), new("i2", "发展集体经济", 25), new("i3", "为民办事服务", 25), new("i4", "村务公开和廉洁自律", 25),
        ],
        TalkBottomCount = 0,
    });

    /// <summary>
    /// 季度讲评 of township leadership teams (seed 001, 双考双评): the county's assessment on an indicator sheet, and grades by the
    /// county's leaders and by representatives; the scores rank the townships across the county.
    /// </summary>
    public static readonly Template TownshipTeamQuarter = new("township-team-quarter", "乡镇领导班子季度实绩讲评方案", new SchemeRules
    {
        Groups =
        [
            new("assessment", "县委组织部实绩考核", 50, BallotParts.Indicators, 1),
            new("leaders", "县级领导测评", 30, BallotParts.Grade, 3),
            new("delegates", "两代表一委员测评", 20, BallotParts.Grade, 3),
        ],
        Indicators =
        [
            new("i1", "经济发展", 30), new("i2", "党的建设", 25), new("i3", "民生和社会事业", 25), new("i4", "安全稳定", 20),
        ],
        TalkBottomCount = 0,
    });

    /// <summary>
    /// 季度讲评 of a township's leading cadres one by one (seed 001, 乡科级领导干部): the county's assessment of each on an indicator
    /// sheet, grades by the other members of the township team and by village cadres and residents' representatives.
    /// </summary>
    public static readonly Template SectionCadreQuarter = new("section-cadre-quarter", "乡镇领导干部季度实绩讲评方案", new SchemeRules
    {
        Groups =
        [
            new("assessment", "县委组织部实绩考核", 50, BallotParts.Indicators, 1),
            new("team", "乡镇班子成员互评", 25, BallotParts.Grade, 3),
            new("villages", "村（社区）干部和群众代表测评", 25, BallotParts.Grade, 3),
        ],
        Indicators =
        [
            new("i1", "履职尽责", 30), new("i2", "分管工作实绩", 30), new("i3", "联系服务群众", 20), new("i4", "廉洁自律", 20),
        ],
        TalkBottomCount = 0,
    });

    public static IReadOnlyList<Template> All => [County, Township];

    /// <summary>The template for a meeting hosted at <paramref name="level"/>: the county's above townships, the township's below.</summary>
    public static Template For(OrganizationLevel level) => level.IsCountyOrAbove() || level is OrganizationLevel.WorkingCommittee ? County : Township;
}
