using Pingyi.Core.Ledger;
using Pingyi.Web.Modules.Ledger;

namespace Pingyi.Web.Tests.Ledger;

public sealed class OverdueRuleTests
{
    /// <summary>The query expression says what the workflow rule says, for every state and deadline around the day.</summary>
    [Fact]
    public void QueryExpression_AgreesWithTheWorkflowRule()
    {
        var day = new DateOnly(2026, 11, 30);
        var rule = LedgerOverdue.On(day).Compile();
        var shaped = LedgerOverdue.Project((i, overdue) => new KeyValuePair<long, bool>(i.Id, overdue), day).Compile();
        var checkedCases = 0;
        foreach (var state in Enum.GetValues<LedgerState>())
        {
            foreach (var deadline in new DateOnly?[] { null, day.AddDays(-30), day.AddDays(-1), day, day.AddDays(1) })
            {
                var item = new LedgerItem { Id = 7, State = state, Deadline = deadline, Category = "c", Description = "d" };
                var expected = LedgerWorkflow.IsOverdue(state, deadline, day);
                Assert.Equal(expected, rule(item));
                Assert.Equal(new KeyValuePair<long, bool>(7, expected), shaped(item));
                checkedCases++;
            }
        }
        Assert.Equal(Enum.GetValues<LedgerState>().Length * 5, checkedCases);
        Assert.True(rule(new LedgerItem { State = LedgerState.InProgress, Deadline = day.AddDays(-1), Category = "c", Description = "d" }));
    }

    /// <summary>Looking back (bulletins, year-end reports): an item closed out after a day's end was still overdue that day.</summary>
    [Fact]
    public void AsOf_ADay_CountsWhatWasStillOpenAtItsEnd()
    {
        var day = new DateOnly(2026, 10, 31);
        var endOfDay = new DateTime(2026, 10, 31, 16, 0, 0, DateTimeKind.Utc); // midnight in China
        var due = day.AddDays(-1);

        Assert.True(LedgerOverdue.AsOf(day, null, due));
        Assert.True(LedgerOverdue.AsOf(day, endOfDay, due));
        Assert.True(LedgerOverdue.AsOf(day, endOfDay.AddDays(20), due));
        Assert.False(LedgerOverdue.AsOf(day, endOfDay.AddTicks(-1), due));
        Assert.False(LedgerOverdue.AsOf(day, null, day));
        Assert.False(LedgerOverdue.AsOf(day, null, null));
    }
}
