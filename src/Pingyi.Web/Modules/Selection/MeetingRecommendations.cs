using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Selection;

/// <summary>
/// A nomination by a meeting of leading cadres (领导干部会议推荐, the fifth of the seven channels, seed 000), held as a secret ballot on
/// phones: an evaluation meeting of the selecting organization whose reporters are the cadres put before it, each voted 推荐 or 不推荐
/// with one-time codes. When its results are published, everyone recommended by more than half of the voters present becomes a
/// nominee of the post by this channel, inside the publication's unit of work. One per post.
/// </summary>
public sealed class MeetingRecommendation
{
    public long Id { get; set; }

    public long PostId { get; set; }

    public long MeetingId { get; set; }

    /// <summary>The voters present (codes opened) when published.</summary>
    public int? Present { get; set; }

    /// <summary>The nominations it made once published (null before).</summary>
    public int? Nominated { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class MeetingRecommendationConfiguration : IEntityTypeConfiguration<MeetingRecommendation>
{
    public void Configure(EntityTypeBuilder<MeetingRecommendation> b)
    {
        b.HasIndex(x => x.PostId).IsUnique();
        b.HasIndex(x => x.MeetingId).IsUnique();
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasOne<SelectionPost>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A meeting of leading cadres to recommend for a post: the cadres put before it, the day (in the nomination window), the voters expected.</summary>
public sealed record StartMeetingRecommendation(IReadOnlyList<long>? PersonIds, DateOnly? HeldOn, int? Voters);

/// <summary>A recommendation meeting as a post shows it: its meeting, candidates, and — once published — each one's votes and whether nominated.</summary>
public sealed record MeetingRecommendationView(long Id, long PostId, long MeetingId, DateOnly HeldOn, int ExpectedVoters, int? Present, int? Nominated,
    IReadOnlyList<RecommendedCandidate> Candidates);

/// <param name="Carried">More than half of the voters present recommended them.</param>
/// <param name="Nominated">Nominated by this meeting (one carried but nominated by another channel before keeps that one).</param>
public sealed record RecommendedCandidate(long PersonId, string Name, int? Recommended, bool Carried, bool Nominated);

/// <summary>
/// Starts the leading cadres' recommendation meeting of a post (领导干部会议推荐): during the nomination window, with cadres who each
/// meet the post's requirements and are not nominated for it yet (the same checks and refusals as any nomination), an evaluation
/// meeting under <see cref="SchemeTemplates.LeadersRecommendation"/> (推荐 / 不推荐 on the phone); codes are issued from the meeting.
/// The organization department only; audited.
/// </summary>
public sealed class StartMeetingRecommendationHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, SelectionAccess access, NominateHandler nominations,
    CreateSchemeHandler schemes, CreateMeetingHandler meetings)
{
    public const int MostCandidates = 50;

    public async Task<MeetingRecommendation> HandleAsync(long postId, StartMeetingRecommendation request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "干部选任只由组织部门办理");
        var (post, batch, path) = await access.PostAsync(postId, ct);
        var today = ChinaTime.Today(clock);
        if (batch.PublishedAt is null || today > batch.NominationUntil)
        {
            throw new RuleViolation(batch.PublishedAt is null ? $"“{batch.Title}”尚未发布，不能组织会议推荐" : $"提名期已于{ChinaTime.Date(batch.NominationUntil)}截止，不能再组织会议推荐");
        }
        var ids = (request.PersonIds ?? []).Distinct().ToList();
        new FieldErrors()
            .Check(ids.Count is >= 1 and <= MostCandidates, "personIds", $"请选择提交会议推荐的人选（1 到 {MostCandidates} 人）")
            .Check(request.HeldOn is { } d && d >= today && d >= batch.NominationFrom && d <= batch.NominationUntil, "heldOn",
                $"会议推荐须在提名期内（{ChinaTime.Date(batch.NominationFrom)}至{ChinaTime.Date(batch.NominationUntil)}）、今天或以后举行")
            .Check(request.Voters is >= 1 and <= CloseRoundHandler.MostVoters, "voters", $"请填写应到会投票的领导干部人数（1 到 {CloseRoundHandler.MostVoters}）")
            .ThrowIfAny();
        if (await db.MeetingRecommendations.AnyAsync(r => r.PostId == post.Id, ct))
        {
            throw new RuleViolation($"{post.Title}已经组织过领导干部会议推荐");
        }
        var people = await db.People.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name, p.OrganizationId, OrganizationPath = p.Organization!.Path }).ToDictionaryAsync(p => p.Id, ct);
        var errors = new FieldErrors();
        foreach (var id in ids)
        {
            if (!people.TryGetValue(id, out var person))
            {
                errors.Check(false, "personIds", $"人员 {id} 不存在：请从人员中选择");
            }
            else if (await nominations.RefusalAsync(post, person.Id, today, ct) is { } refusal)
            {
                errors.Check(false, "personIds", refusal);
            }
        }
        errors.ThrowIfAny();
        await using var work = await db.BeginWorkAsync(ct);
        // A cadre from outside the selecting organization is listed under it.
        long Under(long id) => people[id] is { OrganizationId: { } o, OrganizationPath: { } p } && p.StartsWith(path, StringComparison.Ordinal) ? o : batch.OrganizationId;
        var meeting = await meetings.HandleAsync(new CreateMeeting($"{post.Title}领导干部会议推荐", $"{batch.Year}年干部选任", batch.OrganizationId, MeetingDirection.Upward,
            await schemes.FromTemplateAsync(SchemeTemplates.LeadersRecommendation, batch.OrganizationId, ct), request.HeldOn, null,
            [.. ids.Select(id => new NewReporter(Under(id), id, people[id].Name, post.Title))], [new NewGroupSize("voters", request.Voters!.Value)]), ct);
        var recommendation = new MeetingRecommendation { PostId = post.Id, MeetingId = meeting.Id, UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.MeetingRecommendations.Add(recommendation);
        await db.SaveChangesAsync(ct);
        audit.Record("selection.recommendation", nameof(SelectionBatch), batch.Id, path, new
        {
            post = post.Title, meeting = meeting.Id, heldOn = request.HeldOn, voters = request.Voters, candidates = ids.Select(id => people[id].Name),
        });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return recommendation;
    }
}

/// <summary>
/// The publication of a recommendation meeting nominates, inside the publication's unit of work, every candidate whose 推荐 votes are
/// more than half of the voters present (the codes opened), by the channel 领导干部会议推荐 with the tally as evidence; one already
/// nominated for the post by another channel meanwhile keeps that nomination. Votes are counted from the ballots' grades alone.
/// </summary>
public sealed class MeetingRecommendationPublication(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock) : IMeetingPublication
{
    public async Task OnPublishedAsync(Meeting meeting, MeetingOutcome outcome, string organizationPath, CancellationToken ct)
    {
        var recommendation = await db.MeetingRecommendations.FirstOrDefaultAsync(r => r.MeetingId == meeting.Id && r.Nominated == null, ct);
        if (recommendation is null)
        {
            return;
        }
        var post = await db.SelectionPosts.SingleAsync(p => p.Id == recommendation.PostId, ct);
        var batch = await db.SelectionBatches.Include(b => b.Organization).SingleAsync(b => b.Id == post.BatchId, ct);
        var present = outcome.Attendance.Sum(a => a.Present);
        var votes = await RecommendationVotes.CountAsync(db, meeting.Id, ct);
        var already = await db.Nominations.Where(n => n.PostId == post.Id).Select(n => n.PersonId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var made = new List<Nomination>();
        foreach (var r in outcome.Reporters.Where(r => r.PersonId is not null).OrderBy(r => r.Position ?? int.MaxValue))
        {
            var recommended = votes.GetValueOrDefault(r.ReporterId);
            if (!RecommendationVotes.Carries(recommended, present) || already.Contains(r.PersonId!.Value))
            {
                continue;
            }
            var nomination = new Nomination
            {
                PostId = post.Id, PersonId = r.PersonId.Value, Channel = NominationChannel.LeadersMeeting, State = NominationState.Standing,
                Evidence = $"领导干部会议推荐（{ChinaTime.Date(meeting.HeldOn)}手机无记名投票）：实到 {present} 人，推荐 {recommended} 票，超过半数",
                UserName = scope.UserName ?? "system", CreatedAt = now,
            };
            db.Nominations.Add(nomination);
            made.Add(nomination);
        }
        recommendation.Present = present;
        recommendation.Nominated = made.Count;
        await db.SaveChangesAsync(ct);
        audit.Record("selection.recommendation.result", nameof(SelectionBatch), batch.Id, batch.Organization!.Path, new
        {
            post = post.Title, meeting = meeting.Id, present,
            results = outcome.Reporters.Select(r => new
            {
                candidate = r.Name, recommended = votes.GetValueOrDefault(r.ReporterId), carried = RecommendationVotes.Carries(votes.GetValueOrDefault(r.ReporterId), present),
                nominated = made.Any(n => n.PersonId == r.PersonId),
            }),
        });
        var names = outcome.Reporters.Where(r => r.PersonId is not null).ToDictionary(r => r.PersonId!.Value, r => r.Name);
        foreach (var n in made)
        {
            audit.Record("selection.nominate", nameof(SelectionBatch), batch.Id, batch.Organization!.Path, new
            {
                nomination = n.Id, post = post.Title, nominee = names[n.PersonId], channel = SelectionRules.Chinese(NominationChannel.LeadersMeeting), evidence = n.Evidence, meeting = meeting.Id,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The recommendation meeting's count: 推荐 is the first grade; a candidate carries with more than half of the voters present.</summary>
public static class RecommendationVotes
{
    public static bool Carries(int recommended, int present) => present > 0 && recommended * 2 > present;

    /// <summary>推荐 votes per reporter, from the ballots' grades alone.</summary>
    public static async Task<Dictionary<long, int>> CountAsync(PingyiDbContext db, long meetingId, CancellationToken ct) =>
        await db.Ballots.AsNoTracking().Where(b => b.MeetingId == meetingId && !b.Rehearsal && b.Grade == Grade.Good)
            .GroupBy(b => b.ReporterId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
}

/// <summary>
/// The page a selection meeting links back to: a round's or a recommendation's batch, the surveys on the selection page, a reverse
/// evaluation's cadre profile.
/// </summary>
public sealed class SelectionMeetingOrigin(PingyiDbContext db) : IMeetingOrigin
{
    public async Task<MeetingOrigin?> FindAsync(long meetingId, CancellationToken ct)
    {
        var batch = await db.SelectionRounds.Where(r => r.MeetingId == meetingId).Select(r => r.PostId)
            .Concat(db.MeetingRecommendations.Where(r => r.MeetingId == meetingId).Select(r => r.PostId))
            .Join(db.SelectionPosts, p => p, s => s.Id, (_, s) => (long?)s.BatchId).FirstOrDefaultAsync(ct);
        if (batch is { } id)
        {
            return new MeetingOrigin("选任批次", $"/Selection/Details/{id}");
        }
        if (await db.SatisfactionSurveys.AnyAsync(s => s.MeetingId == meetingId, ct))
        {
            return new MeetingOrigin("干部选任", "/Selection");
        }
        var person = await db.ReverseEvaluationMeetings.Where(r => r.MeetingId == meetingId).Select(r => (long?)r.PersonId).FirstOrDefaultAsync(ct);
        return person is { } p ? new MeetingOrigin("干部大数据库", $"/Accountability/Cadre/{p}") : null;
    }
}
