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
}
