namespace Pingyi.Web.Modules.Accountability;

/// <summary>The Chinese names of the module's kinds (one source; pages localize them).</summary>
public static class AccountabilityText
{
    public static string Kind(CadreNoteKind kind) => kind switch
    {
        CadreNoteKind.ReminderTalk => "提醒谈话",
        CadreNoteKind.Clarification => "澄清正名",
        _ => "宽容失误",
    };

    public static string Method(AnalysisMethod method) => method switch
    {
        AnalysisMethod.Letter => "函询意见",
        AnalysisMethod.Interview => "个别访谈",
        AnalysisMethod.Visit => "实地走访",
        AnalysisMethod.Review => "调阅资料",
        _ => "谈心谈话",
    };

    /// <summary>What a record of the method counts.</summary>
    public static string Unit(AnalysisMethod method) => method switch
    {
        AnalysisMethod.Letter => "个单位",
        AnalysisMethod.Interview => "人",
        AnalysisMethod.Visit => "个村（社区）",
        AnalysisMethod.Review => "份",
        _ => "人",
    };

    public static string Category(JudgementCategory category) => category switch
    {
        JudgementCategory.First => "一类（优秀，可提拔重用）",
        JudgementCategory.Second => "二类（较好，可交流使用）",
        JudgementCategory.Third => "三类（称职，宜保留）",
        JudgementCategory.Fourth => "四类（基本称职，需提醒帮助）",
        _ => "五类（不称职，应调整）",
    };

    public static string Decision(CadreDecision decision) => decision switch
    {
        CadreDecision.Promote => "提",
        CadreDecision.Exchange => "转",
        _ => "留",
    };
}
