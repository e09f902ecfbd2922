using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Selection;

/// <summary>
/// The appointment decision: a candidate who came through the county committee plenary's round (the third, settled), within the
/// post's places, with an integrity review passed and signed by both the party secretary and the discipline secretary —
/// refused with the missing step named otherwise. Audited.
/// </summary>
public sealed class AppointHandler(PingyiDbContext db, Scope scope, AuditLog audit, SelectionAccess access)
{
    public async Task HandleAsync(long nominationId, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "干部选任只由组织部门办理");
        var nomination = await db.Nominations.Include(n => n.Person).FirstOrDefaultAsync(n => n.Id == nominationId, ct)
            ?? throw RuleViolation.NotFound($"提名 {nominationId} 不存在");
        var (post, batch, path) = await access.PostAsync(nomination.PostId, ct);
        if (nomination.State != NominationState.Standing)
        {
            throw new RuleViolation($"{nomination.Person!.Name}{(nomination.State == NominationState.Appointed ? "已经任用" : "不在选")}");
        }
        var final = await db.SelectionRounds.Where(r => r.PostId == post.Id && r.Number == 3 && !r.Runoff).Select(r => (RoundState?)r.State).FirstOrDefaultAsync(ct);
        if (final != RoundState.Closed)
        {
            throw new RuleViolation("县委全委会差额票决（第 3 轮）结束后才能作出任用决定");
        }
        if (await db.Nominations.CountAsync(n => n.PostId == post.Id && n.State == NominationState.Appointed, ct) >= post.Places)
        {
            throw new RuleViolation($"{post.Title}的 {post.Places} 个职数已经任满");
        }
        var review = await db.IntegrityReviews.FirstOrDefaultAsync(r => r.NominationId == nomination.Id, ct);
        var missing = review is null ? "纪检监察机关尚未作出任前廉政审查结论"
            : !review.Passed ? "任前廉政审查未通过"
            : review.PartySecretarySignedAt is null && review.DisciplineSecretarySignedAt is null ? "任前廉政审查意见尚无党委书记和纪委书记签署"
            : review.PartySecretarySignedAt is null ? "任前廉政审查意见尚无党委书记签署"
            : review.DisciplineSecretarySignedAt is null ? "任前廉政审查意见尚无纪委书记签署"
            : null;
        if (missing is not null)
        {
            throw new RuleViolation($"不能任用{nomination.Person!.Name}：{missing}");
        }
        nomination.State = NominationState.Appointed;
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record("selection.appoint", nameof(SelectionBatch), batch.Id, path, new { nomination = nomination.Id, post = post.Title, nominee = nomination.Person!.Name });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
