using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Selection;

/// <summary>A round's plan, fixed before it starts: its method, how many advance, the tie rule.</summary>
public sealed record PlanRound(RoundMethod Method, int Advancing, TieRule TieRule);

/// <summary>
/// Plans the next competitive round of a post (三, seed 000) after the nomination window: the three rounds in their order —
/// the organization department, all serving cadres, the county committee plenary — each with the standing candidates only
/// (one eliminated before never stands again), fewer advancing than stand (差额) and no fewer than the post's places. After a
/// tie at the cut the next plan is the runoff among the tied, for the places left. Audited.
/// </summary>
public sealed class PlanRoundHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, SelectionAccess access)
{
    public async Task<SelectionRound> HandleAsync(long postId, PlanRound request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "干部选任只由组织部门办理");
        var (post, batch, path) = await access.PostAsync(postId, ct);
        if (ChinaTime.Today(clock) <= batch.NominationUntil)
        {
            throw new RuleViolation($"提名期到{ChinaTime.Date(batch.NominationUntil)}截止，截止后才能组织竞争性选拔");
        }
        var last = await db.SelectionRounds.Where(r => r.PostId == post.Id).OrderByDescending(r => r.Id).Include(r => r.Entries).FirstOrDefaultAsync(ct);
        if (last?.State == RoundState.Open)
        {
            throw new RuleViolation($"第 {last.Number} 轮尚未结束");
        }
        var runoff = last?.State == RoundState.AwaitingRunoff;
        var number = runoff ? last!.Number : (last?.Number ?? 0) + 1;
        if (number > 3)
        {
            throw new RuleViolation("三轮竞争性选拔已经完成：下一步是考察");
        }
        List<long> candidates;
        int places;
        if (runoff)
        {
            candidates = [.. last!.Entries.Where(e => e.Outcome == EntryOutcome.Runoff).Select(e => e.NominationId)];
            places = last.Advancing - last.Entries.Count(e => e.Outcome == EntryOutcome.Advanced);
            if (request.Advancing != places)
            {
                throw RuleViolation.Invalid($"加试决定剩余的 {places} 个晋级名额", "advancing");
            }
        }
        else
        {
            candidates = await db.Nominations.Where(n => n.PostId == post.Id && n.State == NominationState.Standing).OrderBy(n => n.Id).Select(n => n.Id).ToListAsync(ct);
            places = request.Advancing;
            if (request.Advancing < post.Places)
            {
                throw RuleViolation.Invalid($"晋级人数不能少于职数（{post.Places}）", "advancing");
            }
        }
        if (RoundCut.CheckPlan(candidates.Count, places) is { } wrong)
        {
            throw RuleViolation.Invalid(wrong, "advancing");
        }
        new FieldErrors().Check(Enum.IsDefined(request.Method), "method", "请选择投票或评分").Check(Enum.IsDefined(request.TieRule), "tieRule", "请选择同分处理办法").ThrowIfAny();
        var round = new SelectionRound
        {
            PostId = post.Id, Number = number, Runoff = runoff, Stage = (RoundStage)number, Method = request.Method, Advancing = places, TieRule = request.TieRule,
            State = RoundState.Open, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Entries = [.. candidates.Select(c => new RoundEntry { NominationId = c, Outcome = EntryOutcome.Pending })],
        };
        db.SelectionRounds.Add(round);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("selection.round", nameof(SelectionBatch), batch.Id, path, new
        {
            post = post.Title, round = number, runoff, stage = SelectionText.Stage(round.Stage), method = round.Method.ToString(), candidates = candidates.Count, candidateIds = candidates,
            advancing = places, tieRule = round.TieRule.ToString(),
        });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return round;
    }
}
