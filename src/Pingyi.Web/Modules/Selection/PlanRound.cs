using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Selection;

/// <summary>
/// A round's plan, fixed before it starts: its method, how many advance, the tie rule; for a round on phones the day it is held
/// and the eligible voters expected (the codes are then issued from the meeting).
/// </summary>
public sealed record PlanRound(RoundMethod Method, int Advancing, TieRule TieRule, DateOnly? HeldOn = null, int? Voters = null);

/// <summary>
/// Plans the next competitive round of a post (三, seed 000) after the nomination window: the three rounds in their order —
/// the organization department, all serving cadres, the county committee plenary — each with the standing candidates only
/// (one eliminated before never stands again), fewer advancing than stand (差额) and no fewer than the post's places. After a
/// tie at the cut the next plan is the runoff among the tied, for the places left. A round on phones is an evaluation meeting
/// of the selecting organization (scheme <see cref="SchemeTemplates.SelectionRound"/>) with the candidates as its reporters:
/// codes, receipts and the recount are the meeting's, and its publication closes the round. Audited.
/// </summary>
public sealed class PlanRoundHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, SelectionAccess access, CreateSchemeHandler schemes,
    CreateMeetingHandler meetings)
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
        var phones = request.Method == RoundMethod.Phones;
        new FieldErrors().Check(Enum.IsDefined(request.Method), "method", "请选择投票或评分").Check(Enum.IsDefined(request.TieRule), "tieRule", "请选择同分处理办法")
            .Check(!phones || request.HeldOn >= ChinaTime.Today(clock), "heldOn", "手机投票请填写投票日期（今天或以后）")
            .Check(!phones || request.Voters is >= 1 and <= CloseRoundHandler.MostVoters, "voters", $"手机投票请填写应到投票人数（1 到 {CloseRoundHandler.MostVoters}）")
            .ThrowIfAny();
        var round = new SelectionRound
        {
            PostId = post.Id, Number = number, Runoff = runoff, Stage = (RoundStage)number, Method = request.Method, Advancing = places, TieRule = request.TieRule,
            State = RoundState.Open, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Entries = [.. candidates.Select(c => new RoundEntry { NominationId = c, Outcome = EntryOutcome.Pending })],
        };
        db.SelectionRounds.Add(round);
        await using var work = await db.BeginWorkAsync(ct);
        if (phones)
        {
            var people = await db.Nominations.Where(n => candidates.Contains(n.Id))
                .Select(n => new { n.Id, n.PersonId, n.Person!.Name, n.Person.OrganizationId, OrganizationPath = n.Person.Organization!.Path }).ToDictionaryAsync(n => n.Id, ct);
            // A candidate from outside the selecting organization reports under it.
            long Under(long c) => people[c] is { OrganizationId: { } o, OrganizationPath: { } p } && p.StartsWith(path, StringComparison.Ordinal) ? o : batch.OrganizationId;
            var meeting = await meetings.HandleAsync(new CreateMeeting($"{post.Title}第{number}轮{(runoff ? "加试" : "")}差额票决", $"{batch.Year}年干部选任",
                batch.OrganizationId, MeetingDirection.Upward, await schemes.FromTemplateAsync(SchemeTemplates.SelectionRound, batch.OrganizationId, ct), request.HeldOn, null,
                [.. candidates.Select(c => new NewReporter(Under(c), people[c].PersonId, people[c].Name, post.Title))],
                [new NewGroupSize("voters", request.Voters!.Value)]), ct);
            round.MeetingId = meeting.Id;
            var reporters = meeting.Reporters.OrderBy(r => r.Order).ToList();
            for (var i = 0; i < candidates.Count; i++)
            {
                round.Entries[i].ReporterId = reporters[i].Id;
            }
        }
        await db.SaveChangesAsync(ct);
        audit.Record("selection.round", nameof(SelectionBatch), batch.Id, path, new
        {
            post = post.Title, round = number, runoff, stage = SelectionText.Stage(round.Stage), method = round.Method.ToString(), meeting = round.MeetingId, heldOn = phones ? request.HeldOn : null,
            candidates = candidates.Count, candidateIds = candidates,
            advancing = places, tieRule = round.TieRule.ToString(),
        });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return round;
    }
}
