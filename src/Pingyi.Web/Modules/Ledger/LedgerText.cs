
namespace Pingyi.Web.Modules.Ledger;

public static class LedgerText
{
    public static string Source(LedgerSource source) => source switch
    {
        LedgerSource.MeetingOpinion => "评议意见",
        LedgerSource.RectificationNotice => "整改通知书",
        LedgerSource.Supervision => "督查",
        LedgerSource.Petition => "信访",
        LedgerSource.Conversion => "后进整顿转化",
        LedgerSource.ProjectDelay => "项目延期",
        LedgerSource.TenMost => "村级“十最”",
        LedgerSource.DelegateProposal => "党代表提案",
        _ => "手工录入",
    };
}
