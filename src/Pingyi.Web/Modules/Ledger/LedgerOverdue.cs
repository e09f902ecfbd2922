using System.Linq.Expressions;
using Pingyi.Core.Ledger;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Ledger;

/// <summary>
/// The overdue rule as one query expression — <see cref="LedgerWorkflow.IsOverdue"/> (open, and the
/// deadline is before the given China date) in a form the database evaluates. Used by the ledger's
/// filters and views, the dashboard and the escalation job.
/// </summary>
public static class LedgerOverdue
{
    public static Expression<Func<LedgerItem, bool>> On(DateOnly day) =>
        i => i.State != LedgerState.ClosedOut && i.Deadline != null && i.Deadline < day;

    /// <summary>Whether an item closed out at <paramref name="closedOutAt"/> (UTC; null while open) was still open at <paramref name="atUtc"/>.</summary>
    public static bool OpenAt(DateTime atUtc, DateTime? closedOutAt) => closedOutAt is not { } closed || closed >= atUtc;

    /// <summary>
    /// The same rule looking back, for bulletins and year-end reports: whether the item was overdue as of the end of a
    /// past China day — still open then, and due before it.
    /// </summary>
    public static bool AsOf(DateOnly day, DateTime? closedOutAt, DateOnly? deadline) =>
        LedgerWorkflow.IsOverdue(OpenAt(ChinaTime.EndOfDayUtc(day), closedOutAt) ? LedgerState.ToRectify : LedgerState.ClosedOut, deadline, day);

    /// <summary>A projection with the overdue flag filled in from <see cref="On"/>: <c>Project((i, overdue) => new { …, overdue }, today)</c>.</summary>
    public static Expression<Func<LedgerItem, TResult>> Project<TResult>(Expression<Func<LedgerItem, bool, TResult>> shape, DateOnly day)
    {
        var item = shape.Parameters[0];
        var rule = On(day);
        var overdue = new Replace(rule.Parameters[0], item).Visit(rule.Body)!;
        return Expression.Lambda<Func<LedgerItem, TResult>>(new Replace(shape.Parameters[1], overdue).Visit(shape.Body)!, item);
    }

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
