using Pingyi.Core.Ledger;
using static Pingyi.Core.Ledger.LedgerAction;
using static Pingyi.Core.Ledger.LedgerState;

namespace Pingyi.Core.Tests.Ledger;

public sealed class LedgerWorkflowTests
{
    private static readonly Dictionary<(LedgerState, LedgerAction), LedgerState> Allowed = new()
    {
        [(ToRectify, Start)] = InProgress,
        [(InProgress, Submit)] = AwaitingVerification,
        [(AwaitingVerification, CloseOut)] = ClosedOut,
        [(AwaitingVerification, SendBack)] = InProgress,
    };

    [Fact]
    public void EveryStateAndAction_IsAllowedExactlyAsTheLifecycleSays()
    {
        foreach (var state in Enum.GetValues<LedgerState>())
        {
            foreach (var action in Enum.GetValues<LedgerAction>())
            {
                var expected = Allowed.TryGetValue((state, action), out var next) ? next : (LedgerState?)null;
                Assert.Equal(expected, LedgerWorkflow.Next(state, action));
                Assert.Equal(expected is null, LedgerWorkflow.Refusal(state, action, "理由") is not null);
            }
        }
    }

    [Fact]
    public void Refusal_SaysWhyInChinese()
    {
        Assert.Equal("“已销号”的事项不能退回", LedgerWorkflow.Refusal(ClosedOut, SendBack, "理由"));
        Assert.Equal("退回须说明理由", LedgerWorkflow.Refusal(AwaitingVerification, SendBack, " "));
    }

    [Theory]
    [InlineData(ToRectify, "2026-11-21", "2026-11-22", true)]
    [InlineData(InProgress, "2026-11-22", "2026-11-22", false)]
    [InlineData(ClosedOut, "2026-01-01", "2026-11-22", false)]
    [InlineData(AwaitingVerification, null, "2026-11-22", false)]
    public void Overdue_IsAnOpenItemPastItsDeadline(LedgerState state, string? deadline, string today, bool overdue) =>
        Assert.Equal(overdue, LedgerWorkflow.IsOverdue(state, deadline is null ? null : DateOnly.Parse(deadline), DateOnly.Parse(today)));

    [Fact]
    public void Extension_NeedsAReasonALaterDateAndAnOpenItem()
    {
        var current = new DateOnly(2026, 12, 31);
        Assert.Null(LedgerWorkflow.ExtensionRefusal(InProgress, current, current.AddDays(30), "冬季无法施工"));
        Assert.Equal("延期须说明理由", LedgerWorkflow.ExtensionRefusal(InProgress, current, current.AddDays(30), ""));
        Assert.Equal("新的整改时限须晚于原时限", LedgerWorkflow.ExtensionRefusal(InProgress, current, current, "理由"));
        Assert.Equal("已销号的事项不能延期", LedgerWorkflow.ExtensionRefusal(ClosedOut, current, current.AddDays(1), "理由"));
    }
}
