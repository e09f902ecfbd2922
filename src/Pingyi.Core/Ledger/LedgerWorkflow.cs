namespace Pingyi.Core.Ledger;

/// <summary>待整改 → 整改中 → 已整改待验收 → 已销号. Overdue (逾期) is not a state: it is an open item past its deadline.</summary>
public enum LedgerState
{
    ToRectify,
    InProgress,
    AwaitingVerification,
    ClosedOut,
}

public enum LedgerAction
{
    /// <summary>The responsible organization starts work (or reports progress on an item not yet started).</summary>
    Start,
    /// <summary>The responsible organization reports the item rectified, for verification.</summary>
    Submit,
    /// <summary>The supervisor verifies and closes the item out (销号).</summary>
    CloseOut,
    /// <summary>The supervisor sends the item back, with a reason.</summary>
    SendBack,
}

/// <summary>The rules of a ledger item's lifecycle; pure, so every transition can be tested exhaustively.</summary>
public static class LedgerWorkflow
{
    public static LedgerState? Next(LedgerState state, LedgerAction action) => (state, action) switch
    {
        (LedgerState.ToRectify, LedgerAction.Start) => LedgerState.InProgress,
        (LedgerState.InProgress, LedgerAction.Submit) => LedgerState.AwaitingVerification,
        (LedgerState.AwaitingVerification, LedgerAction.CloseOut) => LedgerState.ClosedOut,
        (LedgerState.AwaitingVerification, LedgerAction.SendBack) => LedgerState.InProgress,
        _ => null,
    };

    /// <summary>Why the action is refused in this state, in Chinese; null when it is allowed.</summary>
    public static string? Refusal(LedgerState state, LedgerAction action, string? reason)
    {
        if (Next(state, action) is null)
        {
            return $"“{Chinese(state)}”的事项不能{Chinese(action)}";
        }
        return action == LedgerAction.SendBack && string.IsNullOrWhiteSpace(reason) ? "退回须说明理由" : null;
    }

    /// <summary>An open item whose deadline has passed (China date).</summary>
    public static bool IsOverdue(LedgerState state, DateOnly? deadline, DateOnly today) =>
        state != LedgerState.ClosedOut && deadline is { } d && d < today;

    /// <summary>A deadline can move only for an open item, later than the current one, with a reason.</summary>
    public static string? ExtensionRefusal(LedgerState state, DateOnly? current, DateOnly proposed, string? reason) =>
        state == LedgerState.ClosedOut ? "已销号的事项不能延期"
        : string.IsNullOrWhiteSpace(reason) ? "延期须说明理由"
        : current is { } c && proposed <= c ? "新的整改时限须晚于原时限"
        : null;

    public static string Chinese(LedgerState state) => state switch
    {
        LedgerState.ToRectify => "待整改",
        LedgerState.InProgress => "整改中",
        LedgerState.AwaitingVerification => "已整改待验收",
        _ => "已销号",
    };

    public static string Chinese(LedgerAction action) => action switch
    {
        LedgerAction.Start => "开始整改",
        LedgerAction.Submit => "提交验收",
        LedgerAction.CloseOut => "销号",
        _ => "退回",
    };
}
