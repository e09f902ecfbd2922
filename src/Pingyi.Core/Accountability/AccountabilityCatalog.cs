namespace Pingyi.Core.Accountability;

/// <summary>An accountability measure (问责措施) and how many months its effect (影响期) lasts; 0: no effect period.</summary>
public sealed record Measure(string Name, int EffectMonths);

/// <summary>
/// The defined situations of "有错无为、不在状态" and the accountability measures (seed 003: 22 situations, 10 measures). The seed
/// gives the counts, not the wording: the default lists below are drafted after the usual provincial and county implementing
/// opinions and are meant to be replaced by the county's own document (a new version of the lists; version 0 is this default).
/// The effect periods follow the usual rules: 诫勉 six months (提醒函询诫勉实施细则), 责令辞职 and 免职 one year, 降职 two years
/// (党政领导干部选拔任用工作条例 §61 and 问责条例).
/// </summary>
public static class AccountabilityCatalog
{
    public const int MostItems = 100;

    public const int ItemMax = 200;

    public const int MostEffectMonths = 60;

    public static readonly IReadOnlyList<string> DefaultSituations =
    [
        "对上级决策部署不传达、不贯彻，或者贯彻落实打折扣、搞变通的",
        "对职责范围内的工作推诿扯皮、敷衍塞责、久拖不办的",
        "安于现状、不思进取，年度目标任务无正当理由未完成的",
        "遇到矛盾问题绕着走，回避推责、不敢担当的",
        "对群众合理诉求不理不睬、冷硬横推的",
        "工作时间擅离职守、脱岗离岗，或者从事与工作无关活动的",
        "无故缺席会议、活动或者迟到早退，经提醒仍不改正的",
        "对重点工作、重大项目推进不力，造成进度严重滞后的",
        "面对突发事件和急难险重任务临阵退缩、处置不力的",
        "对歪风邪气不敢批评、不敢斗争，当“老好人”的",
        "对分管领域的风险隐患失察失管，造成不良影响的",
        "违反民主集中制原则，个人或者少数人决定重大事项的",
        "不学习、不钻研业务，履职能力明显不适应岗位要求的",
        "决策失误或者工作方法简单粗暴，造成损失或者不良影响的",
        "对上级交办事项办理质量差、多次返工的",
        "违规办理审批事项，或者吃拿卡要、故意刁难服务对象的",
        "搞形式主义、官僚主义，层层加码、文山会海的",
        "弄虚作假，虚报瞒报工作情况和数据的",
        "违反工作纪律，泄露工作秘密的",
        "在述职评议、实绩考核中排名靠后且整改不到位的",
        "对信访事项推诿敷衍，造成越级上访或者群体性事件的",
        "其他有错无为、不在状态需要问责的情形",
    ];

    public static readonly IReadOnlyList<Measure> DefaultMeasures =
    [
        new("批评教育", 0),
        new("责令作出书面检查", 0),
        new("通报批评", 6),
        new("诫勉", 6),
        new("取消当年评优评先资格", 12),
        new("停职检查", 6),
        new("调整岗位", 12),
        new("责令辞职", 12),
        new("免职", 12),
        new("降职", 24),
    ];

    /// <summary>
    /// The last day of a measure's effect decided on <paramref name="decidedOn"/>: the day of the decision is not counted (Civil
    /// Code §201), so a period of months ends on the same day of the last month, or on that month's last day when it has no such
    /// day (§202); null when the measure has no effect period.
    /// </summary>
    public static DateOnly? EffectUntil(DateOnly decidedOn, int effectMonths) => effectMonths <= 0 ? null : decidedOn.AddMonths(effectMonths);

    /// <summary>Every reason a version of the lists cannot be used, each with its field; empty when it can.</summary>
    public static IReadOnlyList<(string Field, string Message)> Check(IReadOnlyList<string> situations, IReadOnlyList<Measure> measures)
    {
        var errors = new List<(string, string)>();
        if (situations.Count is 0 or > MostItems)
        {
            errors.Add(("situations", $"请列出问责情形（1 到 {MostItems} 项）"));
        }
        if (measures.Count is 0 or > MostItems)
        {
            errors.Add(("measures", $"请列出问责措施（1 到 {MostItems} 项）"));
        }
        for (var i = 0; i < situations.Count; i++)
        {
            if (situations[i].Trim().Length is 0 or > ItemMax)
            {
                errors.Add(($"situations[{i}]", $"第 {i + 1} 种情形不能为空，且不超过{ItemMax}字"));
            }
        }
        for (var i = 0; i < measures.Count; i++)
        {
            if (measures[i].Name.Trim().Length is 0 or > ItemMax)
            {
                errors.Add(($"measures[{i}]", $"第 {i + 1} 种措施不能为空，且不超过{ItemMax}字"));
            }
            if (measures[i].EffectMonths is < 0 or > MostEffectMonths)
            {
                errors.Add(($"measures[{i}]", $"第 {i + 1} 种措施的影响期应为 0 到 {MostEffectMonths} 个月"));
            }
        }
        foreach (var twice in situations.Select(s => s.Trim()).GroupBy(s => s).Where(g => g.Count() > 1))
        {
            errors.Add(("situations", $"情形“{twice.Key}”重复"));
        }
        foreach (var twice in measures.Select(m => m.Name.Trim()).GroupBy(s => s).Where(g => g.Count() > 1))
        {
            errors.Add(("measures", $"措施“{twice.Key}”重复"));
        }
        return errors;
    }
}
