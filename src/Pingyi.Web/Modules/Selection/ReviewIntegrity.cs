using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Selection;

/// <summary>The discipline body's conclusive assessment of a candidate: passed or not, and the conclusion as written.</summary>
public sealed record ReviewIntegrity(bool Passed, string? Conclusion);

/// <summary>Which signature an account gives: the party secretary's or the discipline secretary's, known from its role.</summary>
public enum IntegritySignature
{
    PartySecretary = 0,
    DisciplineSecretary = 1,
}

/// <summary>
/// The integrity review before appointment (任前廉政审查, seed 003): the discipline body records its conclusive assessment of a
/// standing candidate of a batch in its scope (once; a failed review also bars the cadre from later nominations); then the party
/// secretary (an account with the secretary role at the selecting organization) and the discipline secretary (a discipline
/// account there, not the one that assessed) each sign with their own account. Every step audited with who did it.
/// </summary>
public sealed class IntegrityReviewHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, Notifications.Notifier notifier)
{
    public async Task<IntegrityReview> ReviewAsync(long nominationId, ReviewIntegrity request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.IntegrityReviewers, "任前廉政审查由纪检监察机关作出结论");
        if (!scope.User!.IsInRole(Roles.DisciplineInspection))
        {
            throw RuleViolation.Forbidden("任前廉政审查结论由纪检监察机关作出");
        }
        var (nomination, batch, path) = await NominationAsync(nominationId, ct);
        var conclusion = (request.Conclusion ?? string.Empty).Trim();
        new FieldErrors().Check(conclusion.Length is > 0 and <= IntegrityReview.ConclusionMax, "conclusion", $"请写明审查结论和依据（不超过{IntegrityReview.ConclusionMax}字）").ThrowIfAny();
        if (nomination.State != NominationState.Standing)
        {
            throw new RuleViolation("只审查在选的人选");
        }
        if (await db.IntegrityReviews.AnyAsync(r => r.NominationId == nomination.Id, ct))
        {
            throw new RuleViolation("该人选的任前廉政审查结论已经作出");
        }
        var review = new IntegrityReview
        {
            NominationId = nomination.Id, Passed = request.Passed, Conclusion = conclusion, AssessedBy = scope.UserName ?? "", AssessedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.IntegrityReviews.Add(review);
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record("selection.integrity", nameof(SelectionBatch), batch.Id, path, new { nomination = nomination.Id, passed = request.Passed, conclusion = TextCut.Short(conclusion, 100) });
        // The two secretaries of the selecting organization are told that their signatures are awaited.
        var name = await db.People.Where(p => p.Id == nomination.PersonId).Select(p => p.Name).SingleAsync(ct);
        await notifier.NotifyAsync(batch.OrganizationId, Policies.IntegrityReviewers, "Selection", $"{name}的任前廉政审查结论已作出（{(request.Passed ? "通过" : "未通过")}），请党委书记和纪委书记分别签署", "/Selection/Integrity", null, ct);
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return review;
    }

    public async Task<IntegrityReview> SignAsync(long nominationId, CancellationToken ct = default)
    {
        scope.User.Require(Policies.IntegrityReviewers, "只有党委书记和纪委书记签署任前廉政审查意见");
        var (nomination, batch, path) = await NominationAsync(nominationId, ct);
        var review = await db.IntegrityReviews.FirstOrDefaultAsync(r => r.NominationId == nomination.Id, ct)
            ?? throw new RuleViolation("纪检监察机关尚未作出审查结论，不能签署");
        if (scope.OrganizationId != batch.OrganizationId)
        {
            throw RuleViolation.Forbidden("只有选任单位的党委书记和纪委书记签署");
        }
        var who = scope.UserName ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        IntegritySignature signature;
        if (scope.User!.IsInRole(Roles.DisciplineInspection))
        {
            if (review.DisciplineSecretarySignedAt is not null)
            {
                throw new RuleViolation($"纪委书记已于{ChinaTime.DateTimeText(review.DisciplineSecretarySignedAt.Value)}签署");
            }
            if (review.AssessedBy == who)
            {
                throw new RuleViolation("作出审查结论的账号不能再以纪委书记身份签署：请由纪委书记本人签署");
            }
            (review.DisciplineSecretarySignedBy, review.DisciplineSecretarySignedAt, signature) = (who, now, IntegritySignature.DisciplineSecretary);
        }
        else
        {
            if (review.PartySecretarySignedAt is not null)
            {
                throw new RuleViolation($"党委书记已于{ChinaTime.DateTimeText(review.PartySecretarySignedAt.Value)}签署");
            }
            (review.PartySecretarySignedBy, review.PartySecretarySignedAt, signature) = (who, now, IntegritySignature.PartySecretary);
        }
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record("selection.sign", nameof(SelectionBatch), batch.Id, path, new { nomination = nomination.Id, signature = signature.ToString(), by = who });
        if (review.Signed)
        {
            var name = await db.People.Where(p => p.Id == nomination.PersonId).Select(p => p.Name).SingleAsync(ct);
            await notifier.NotifyAsync(batch.OrganizationId, Policies.Selectors, "Selection", $"{name}的任前廉政审查意见已由党委书记和纪委书记签署，可以作出任用决定", $"/Selection/Details/{batch.Id}", null, ct);
        }
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return review;
    }

    /// <summary>A nomination of a batch whose selecting organization is in the caller's subtree; 404 otherwise.</summary>
    private async Task<(Nomination Nomination, SelectionBatch Batch, string Path)> NominationAsync(long id, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var found = await (from n in db.Nominations
                           where n.Id == id
                           join p in db.SelectionPosts on n.PostId equals p.Id
                           join b in db.SelectionBatches on p.BatchId equals b.Id
                           where b.Organization!.Path.StartsWith(path)
                           select new { n, b, b.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"提名 {id} 不存在或不在您的管理范围内");
        return (found.n, found.b, found.Path);
    }
}
