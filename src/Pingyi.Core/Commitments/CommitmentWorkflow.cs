namespace Pingyi.Core.Commitments;

/// <summary>
/// The five steps of a public commitment (五诺): 报诺 (submit) → 定诺 (approve, or send back with changes) → 亮诺
/// (publish) → 践诺 (fulfil: progress on the items while published) → 销诺 (close out as fulfilled, or as not fulfilled —
/// kept distinct, never dropped).
/// </summary>
public enum CommitmentState
{
    /// <summary>Being written, or sent back for changes (起草).</summary>
    Draft,
    /// <summary>Submitted, awaiting the superior's approval (已报诺，待定诺).</summary>
    Submitted,
    /// <summary>Approved by the superior, not yet public (已定诺).</summary>
    Approved,
    /// <summary>Public and being fulfilled (已亮诺，践诺中).</summary>
    Published,
    /// <summary>Closed out as fulfilled, verified by the superior (已兑现).</summary>
    Fulfilled,
    /// <summary>Closed out as not fulfilled, with the reason (未兑现).</summary>
    Unfulfilled,
}

public enum CommitmentAction
{
    /// <summary>The branch or the member submits (报诺).</summary>
    Submit,
    /// <summary>The superior approves (定诺).</summary>
    Approve,
    /// <summary>The superior sends it back with the changes wanted.</summary>
    SendBack,
    /// <summary>The superior publishes it (亮诺).</summary>
    Publish,
    /// <summary>The superior verifies it fulfilled (销诺).</summary>
    CloseFulfilled,
    /// <summary>The superior closes it as not fulfilled, with the reason.</summary>
    CloseUnfulfilled,
}

/// <summary>The rules of a commitment's lifecycle; pure, so every transition is tested.</summary>
public static class CommitmentWorkflow
{
    public static CommitmentState? Next(CommitmentState state, CommitmentAction action) => (state, action) switch
    {
        (CommitmentState.Draft, CommitmentAction.Submit) => CommitmentState.Submitted,
        (CommitmentState.Submitted, CommitmentAction.Approve) => CommitmentState.Approved,
        (CommitmentState.Submitted, CommitmentAction.SendBack) => CommitmentState.Draft,
        (CommitmentState.Approved, CommitmentAction.Publish) => CommitmentState.Published,
        (CommitmentState.Published, CommitmentAction.CloseFulfilled) => CommitmentState.Fulfilled,
        (CommitmentState.Published, CommitmentAction.CloseUnfulfilled) => CommitmentState.Unfulfilled,
        _ => null,
    };

    /// <summary>The superior's steps; the others are the owner's.</summary>
    public static bool BySuperior(CommitmentAction action) => action != CommitmentAction.Submit;

    /// <summary>A send-back and a close-out as not fulfilled need their reason.</summary>
    public static bool NeedsReason(CommitmentAction action) => action is CommitmentAction.SendBack or CommitmentAction.CloseUnfulfilled;

    /// <summary>Why the action is refused in this state, in Chinese; null when it is allowed.</summary>
    public static string? Refusal(CommitmentState state, CommitmentAction action, string? reason)
    {
        if (Next(state, action) is null)
        {
            return $"“{Chinese(state)}”的承诺不能{Chinese(action)}";
        }
        return NeedsReason(action) && string.IsNullOrWhiteSpace(reason) ? $"{Chinese(action)}须说明理由" : null;
    }

    /// <summary>Items can change while the commitment is a draft; progress can be reported while it is published.</summary>
    public static bool Editable(CommitmentState state) => state == CommitmentState.Draft;

    public static bool Fulfilling(CommitmentState state) => state == CommitmentState.Published;

    public static bool Closed(CommitmentState state) => state is CommitmentState.Fulfilled or CommitmentState.Unfulfilled;

    /// <summary>An item of a published commitment whose deadline has passed before it reached 100%.</summary>
    public static bool IsOverdue(CommitmentState state, DateOnly deadline, int progress, DateOnly today) =>
        Fulfilling(state) && progress < 100 && deadline < today;

    public static string Chinese(CommitmentState state) => state switch
    {
        CommitmentState.Draft => "起草中",
        CommitmentState.Submitted => "待定诺",
        CommitmentState.Approved => "已定诺",
        CommitmentState.Published => "践诺中",
        CommitmentState.Fulfilled => "已兑现",
        _ => "未兑现",
    };

    public static string Chinese(CommitmentAction action) => action switch
    {
        CommitmentAction.Submit => "报诺",
        CommitmentAction.Approve => "定诺",
        CommitmentAction.SendBack => "退回修改",
        CommitmentAction.Publish => "亮诺",
        CommitmentAction.CloseFulfilled => "销诺（已兑现）",
        _ => "销诺（未兑现）",
    };
}

/// <summary>How far a commitment has come, from its items.</summary>
public static class CommitmentProgress
{
    /// <summary>
    /// The weighted mean of the items' progress (0–100) when weights are set, the plain mean when none is; rounded to
    /// a whole percent, half away from zero. No items: 0.
    /// </summary>
    public static int Of(IReadOnlyList<(int Progress, decimal? Weight)> items)
    {
        if (items.Count == 0)
        {
            return 0;
        }
        var weighted = items.All(i => i.Weight is not null) && items.Sum(i => i.Weight!.Value) > 0;
        var total = weighted ? items.Sum(i => i.Weight!.Value) : items.Count;
        var sum = items.Sum(i => (weighted ? i.Weight!.Value : 1m) * Math.Clamp(i.Progress, 0, 100));
        return (int)Math.Round(sum / total, MidpointRounding.AwayFromZero);
    }

    /// <summary>Weights are set on every item or on none, and are positive: refused otherwise, with the reason.</summary>
    public static string? WeightRefusal(IReadOnlyList<decimal?> weights) =>
        weights.Any(w => w is not null) && weights.Any(w => w is null) ? "权重要么每项都填，要么都不填"
        : weights.Any(w => w is <= 0 or > 100) ? "权重须在 0 到 100 之间（不含 0）"
        : null;
}
