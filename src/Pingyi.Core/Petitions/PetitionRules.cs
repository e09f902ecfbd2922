using Pingyi.Core.Calendar;

namespace Pingyi.Core.Petitions;

/// <summary>The three kinds of petition the 信访工作条例 (2022) handles differently.</summary>
public enum PetitionKind
{
    /// <summary>建议意见类 (§29): suggestions and opinions, studied and answered.</summary>
    Suggestion = 0,

    /// <summary>检举控告类 (§30): accusations against cadres, handled by the discipline body; the accuser's material never reaches the accused.</summary>
    Accusation = 1,

    /// <summary>申诉求决类 (§31): claims and requests, answered with a handling opinion (§32).</summary>
    Claim = 2,
}

/// <summary>How a petition came in (§17): online, a visit, a letter, a phone call.</summary>
public enum PetitionChannel
{
    Online = 0,
    Visit = 1,
    Letter = 2,
    Phone = 3,
}

/// <summary>Where a case stands.</summary>
public enum PetitionStatus
{
    /// <summary>Registered at the unit holding it, to be routed within 15 days (§22, §23).</summary>
    Registered = 0,

    /// <summary>Accepted by the unit within its remit, to be answered within 60 days of acceptance (§34).</summary>
    Accepted = 1,

    /// <summary>Answered in writing (处理意见书, 复查意见书 or 复核意见书); a review may still be asked for (§35, §36).</summary>
    Answered = 2,

    /// <summary>A review (复查, level 1) or a recheck (复核, level 2) is before the unit above, to be answered within 30 days.</summary>
    InReview = 3,

    /// <summary>Closed without an answer on the merits: not accepted, withdrawn, or settled by mediation (§33).</summary>
    Closed = 4,
}

/// <summary>A handling opinion (§32).</summary>
public enum PetitionOpinion
{
    /// <summary>予以支持: the request is founded in fact and law.</summary>
    Support = 0,

    /// <summary>解释说明: the request is reasonable but has no legal basis; explained.</summary>
    Explain = 1,

    /// <summary>不予支持: the request lacks a basis in fact or law.</summary>
    NotSupport = 2,
}

/// <summary>How a case closed without an answer.</summary>
public enum PetitionClosing
{
    None = 0,

    /// <summary>不予受理: not within the remit (the petitioner told where to go, §23), already being handled below (§19), or final after 复核 (§36).</summary>
    NotAccepted = 1,

    /// <summary>撤回: the petitioner withdrew.</summary>
    Withdrawn = 2,

    /// <summary>调解、和解 (§33): settled by an agreement; counted as resolved.</summary>
    Settled = 3,
}

/// <summary>Why a case is not accepted.</summary>
public enum NotAcceptedGround
{
    /// <summary>Not within this unit's or its system's remit: the petitioner is told where to go (§23).</summary>
    OutOfRemit = 0,

    /// <summary>The same matter is being handled below within its time limit (§19).</summary>
    BeingHandled = 1,

    /// <summary>The same request on the same facts after a 复核 opinion (§36).</summary>
    FinalAfterRecheck = 2,
}

/// <summary>The petitioner's rating of the handling (§21: query and evaluate online).</summary>
public enum PetitionRating
{
    Satisfied = 0,
    FairlySatisfied = 1,
    Dissatisfied = 2,
}

/// <summary>How a case is routed to another unit (§22, §23).</summary>
public enum PetitionRouting
{
    /// <summary>交办: handed down with a time limit and a report of the result required.</summary>
    Assign = 0,

    /// <summary>转送: sent to the competent unit.</summary>
    Transfer = 1,
}

/// <summary>
/// The time limits of the 信访工作条例 (2022), counted as Chinese law counts periods: calendar days unless the article says
/// working days; the day of the event is not counted (Civil Code §201); a period whose last day is a day off ends on the next
/// working day (Civil Code §203) — <see cref="WorkCalendar.PeriodEnd"/>.
/// </summary>
public static class PetitionPeriods
{
    /// <summary>§22, §23: registered cases are routed (accepted, assigned, transferred or refused) within 15 days of receipt.</summary>
    public const int RoutingDays = 15;

    /// <summary>§23: a unit that received a case not within its remit may object within 5 working days of receipt.</summary>
    public const int ObjectionWorkingDays = 5;

    /// <summary>§34: resolved within 60 days of acceptance.</summary>
    public const int HandlingDays = 60;

    /// <summary>§34: extendable once, with the unit head's approval, by at most 30 days; the reason told to the petitioner.</summary>
    public const int MostExtensionDays = 30;

    /// <summary>§35, §36: a review (复查) or a recheck (复核) is asked for within 30 days of the written reply.</summary>
    public const int ReviewRequestDays = 30;

    /// <summary>§35, §36: the review or recheck is answered within 30 days of the request (hearing time not counted, §36).</summary>
    public const int ReviewAnswerDays = 30;

    /// <summary>The highest review level: 0 the first answer, 1 复查, 2 复核.</summary>
    public const int FinalLevel = 2;

    public static DateOnly RoutingDue(WorkCalendar calendar, DateOnly received) => calendar.PeriodEnd(received, RoutingDays);

    public static DateOnly ObjectionDue(WorkCalendar calendar, DateOnly received) => calendar.AddWorkingDays(received, ObjectionWorkingDays);

    /// <summary>The handling period from acceptance, with the extension days added to the 60 (one period of 60 + extension days).</summary>
    public static DateOnly HandlingDue(WorkCalendar calendar, DateOnly accepted, int extensionDays = 0) => calendar.PeriodEnd(accepted, HandlingDays + extensionDays);

    public static DateOnly ReviewRequestUntil(WorkCalendar calendar, DateOnly replied) => calendar.PeriodEnd(replied, ReviewRequestDays);

    /// <summary>The review's or recheck's answer is due 30 days after the request, plus the days of a hearing (§36).</summary>
    public static DateOnly ReviewDue(WorkCalendar calendar, DateOnly requested, int hearingDays = 0) => calendar.PeriodEnd(requested, ReviewAnswerDays + hearingDays);

    /// <summary>
    /// Resolved (化解): answered with support or an explanation, or settled by agreement. Not resolved: 不予支持, withdrawn, not
    /// accepted. Open cases are neither.
    /// </summary>
    public static bool? Resolved(PetitionStatus status, PetitionOpinion? opinion, PetitionClosing closing) => status switch
    {
        PetitionStatus.Answered => opinion is PetitionOpinion.Support or PetitionOpinion.Explain,
        PetitionStatus.Closed => closing == PetitionClosing.Settled,
        _ => null,
    };

    /// <summary>The name of the written answer at each level: 处理意见书 (§32), 复查意见书 (§35), 复核意见书 (§36).</summary>
    public static string ReplyName(int level) => level switch
    {
        0 => "处理意见书",
        1 => "复查意见书",
        _ => "复核意见书",
    };
}

/// <summary>Which action a case allows in each status, with the refusal when it does not.</summary>
public enum PetitionAction
{
    Accept,
    Route,
    NotAccept,
    Object,
    Extend,
    Answer,
    Settle,
    Withdraw,
    RequestReview,
    Rate,
}

public static class PetitionWorkflow
{
    /// <summary>Null when <paramref name="action"/> is allowed in <paramref name="status"/>; otherwise why not.</summary>
    public static string? Refusal(PetitionStatus status, PetitionAction action, int level = 0) => action switch
    {
        PetitionAction.Accept or PetitionAction.Route or PetitionAction.NotAccept or PetitionAction.Object =>
            status == PetitionStatus.Registered ? null : "该信访事项已处理，不能再受理、交办、转送或提出异议",
        PetitionAction.Extend or PetitionAction.Settle => status == PetitionStatus.Accepted ? null : "只有已受理、正在办理的信访事项才能延期或调解结案",
        PetitionAction.Answer => status is PetitionStatus.Accepted or PetitionStatus.InReview ? null : "只有正在办理或复查、复核中的信访事项才能出具意见",
        PetitionAction.Withdraw => status is PetitionStatus.Registered or PetitionStatus.Accepted or PetitionStatus.InReview ? null : "该信访事项已办结，不能撤回",
        PetitionAction.RequestReview => status != PetitionStatus.Answered ? "只有已书面答复的信访事项才能请求复查或复核"
            : level >= PetitionPeriods.FinalLevel ? "复核意见为最终意见，同一事实和理由不再受理（信访工作条例第三十六条）" : null,
        PetitionAction.Rate => status is PetitionStatus.Answered or PetitionStatus.Closed ? null : "信访事项办结后才能评价",
        _ => "未知操作",
    };
}
