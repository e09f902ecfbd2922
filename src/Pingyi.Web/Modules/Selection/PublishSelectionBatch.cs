using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Selection;

/// <summary>
/// Publishes a draft batch (职位空缺预告): from then on it is on the public page and its Word notice can go to the newspaper and
/// the website; a window already over is refused; once only; audited.
/// </summary>
public sealed class PublishSelectionBatchHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, SelectionAccess access)
{
    public async Task HandleAsync(long id, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "干部选任只由组织部门办理");
        var (batch, path) = await access.BatchAsync(id, ct);
        if (batch.PublishedAt is { } published)
        {
            throw new RuleViolation($"“{batch.Title}”已于{ChinaTime.DateTimeText(published)}发布");
        }
        if (batch.NominationUntil < ChinaTime.Today(clock))
        {
            throw new RuleViolation($"提名截止日期（{ChinaTime.Date(batch.NominationUntil)}）已过：请修改后再发布");
        }
        batch.PublishedAt = clock.GetUtcNow().UtcDateTime;
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record("selection.publish", nameof(SelectionBatch), batch.Id, path, new { batch.Title, posts = batch.Posts.Count });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
