using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Selection;

public sealed record BatchSummary(long Id, string Title, int Year, string Organization, DateOnly NominationFrom, DateOnly NominationUntil, DateTime? PublishedAt, int Posts, int Nominations);

public sealed record PostView(long Id, string Title, long OrganizationId, string Organization, string? Rank, int Places, int? MinAge, int? MaxAge, int? MinYearsInPost,
    string? Education, string? Field);

public sealed record NominationView(long Id, long PostId, long PersonId, string Name, NominationChannel Channel, string Evidence, string? Nominator, int CoSigners,
    NominationState State, int? EliminatedInRound, DateTime CreatedAt);

public sealed record EntryView(long NominationId, string Name, decimal? Score, EntryOutcome Outcome);

public sealed record RoundView(long Id, long PostId, int Number, bool Runoff, RoundStage Stage, RoundMethod Method, int Advancing, TieRule TieRule, RoundState State,
    int? Voters, DateTime? ClosedAt, long? MeetingId, IReadOnlyList<EntryView> Entries);

public sealed record ReviewView(long NominationId, string Name, long PostId, string Post, bool? Passed, string? Conclusion, string? AssessedBy, DateTime? AssessedAt,
    string? PartySecretarySignedBy, DateTime? PartySecretarySignedAt, string? DisciplineSecretarySignedBy, DateTime? DisciplineSecretarySignedAt, NominationState State,
    string? AssessedByAccount = null);

/// <summary>A batch with its posts, each post's nominations and rounds, and the integrity reviews of its finalists.</summary>
public sealed record BatchDetails(BatchSummary Batch, IReadOnlyList<PostView> Posts, IReadOnlyList<NominationView> Nominations, IReadOnlyList<RoundView> Rounds,
    IReadOnlyList<ReviewView> Reviews, IReadOnlyList<MeetingRecommendationView> Recommendations);

/// <summary>A published notice as the public page shows it: the posts and their requirements, the window; no nominee.</summary>
public sealed record PublicNotice(long Id, string Title, string Organization, DateOnly NominationFrom, DateOnly NominationUntil, IReadOnlyList<PostView> Posts);

/// <summary>Batches in the caller's subtree, one batch whole, and the published notices for the public page.</summary>
public sealed class SelectionQueries(PingyiDbContext db, SelectionAccess access, TimeProvider clock, Scope scope)
{
    /// <summary>
    /// The finalists awaiting or under integrity review in the caller's subtree — those still standing after the plenary's round —
    /// for the discipline body and the party secretary (who see nothing else of selection).
    /// </summary>
    public async Task<IReadOnlyList<ReviewView>> IntegrityQueueAsync(CancellationToken ct = default)
    {
        scope.User.Require(Policies.IntegrityReviewers, "任前廉政审查只对纪检监察机关和党委书记开放");
        var path = await scope.PathAsync(ct);
        return await ReviewsAsync(db.SelectionPosts.Where(p => db.SelectionBatches.Any(b => b.Id == p.BatchId && b.Organization!.Path.StartsWith(path))), ct);
    }

    /// <summary>The finalists' reviews, each assessor and signer shown by their account's display name with the account.</summary>
    private async Task<IReadOnlyList<ReviewView>> ReviewsAsync(IQueryable<SelectionPost> posts, CancellationToken ct)
    {
        var reviews = await ReviewRowsAsync(posts, ct);
        var names = await Accounts.AccountNames.LabelsAsync(db, reviews.SelectMany(r => new[] { r.AssessedBy, r.PartySecretarySignedBy, r.DisciplineSecretarySignedBy }), ct);
        string? Label(string? user) => user is null ? null : names.GetValueOrDefault(user, user);
        return [.. reviews.Select(r => r with
        {
            AssessedByAccount = r.AssessedBy, AssessedBy = Label(r.AssessedBy), PartySecretarySignedBy = Label(r.PartySecretarySignedBy), DisciplineSecretarySignedBy = Label(r.DisciplineSecretarySignedBy),
        })];
    }

    private async Task<List<ReviewView>> ReviewRowsAsync(IQueryable<SelectionPost> posts, CancellationToken ct) =>
        await (from n in db.Nominations
               join p in posts on n.PostId equals p.Id
               where (n.State == NominationState.Standing || n.State == NominationState.Appointed)
                   && db.SelectionRounds.Any(r => r.PostId == p.Id && r.Number == 3 && !r.Runoff && r.State == RoundState.Closed)
               join r in db.IntegrityReviews on n.Id equals r.NominationId into reviews
               from r in reviews.DefaultIfEmpty()
               orderby p.Id, n.Id
               select new ReviewView(n.Id, n.Person!.Name, p.Id, p.Title, r == null ? null : r.Passed, r == null ? null : r.Conclusion, r == null ? null : r.AssessedBy,
                   r == null ? null : r.AssessedAt, r == null ? null : r.PartySecretarySignedBy, r == null ? null : r.PartySecretarySignedAt,
                   r == null ? null : r.DisciplineSecretarySignedBy, r == null ? null : r.DisciplineSecretarySignedAt, n.State)).ToListAsync(ct);

    public async Task<IReadOnlyList<BatchSummary>> BatchesAsync(int? year, CancellationToken ct = default)
    {
        var batches = await access.BatchesAsync(ct);
        if (year is { } y)
        {
            batches = batches.Where(b => b.Year == y);
        }
        return await Summaries(batches.OrderByDescending(b => b.Year).ThenByDescending(b => b.Id)).ToListAsync(ct);
    }

    public async Task<BatchDetails> DetailsAsync(long id, CancellationToken ct = default)
    {
        await access.BatchAsync(id, ct);
        var batch = await Summaries(db.SelectionBatches.Where(b => b.Id == id)).SingleAsync(ct);
        var posts = await Posts(db.SelectionPosts.Where(p => p.BatchId == id)).ToListAsync(ct);
        var postIds = posts.Select(p => p.Id).ToList();
        var nominations = await db.Nominations.Where(n => postIds.Contains(n.PostId)).OrderBy(n => n.PostId).ThenBy(n => n.Id)
            .Select(n => new NominationView(n.Id, n.PostId, n.PersonId, n.Person!.Name, n.Channel, n.Evidence,
                db.People.Where(p => p.Id == n.NominatorPersonId).Select(p => p.Name).FirstOrDefault(), db.CoSigners.Count(c => c.NominationId == n.Id),
                n.State, n.EliminatedInRound, n.CreatedAt))
            .ToListAsync(ct);
        var names = nominations.ToDictionary(n => n.Id, n => n.Name);
        var rounds = (await db.SelectionRounds.Where(r => postIds.Contains(r.PostId)).Include(r => r.Entries).OrderBy(r => r.PostId).ThenBy(r => r.Id)
                .ToListAsync(ct))
            .Select(r => new RoundView(r.Id, r.PostId, r.Number, r.Runoff, r.Stage, r.Method, r.Advancing, r.TieRule, r.State, r.Voters, r.ClosedAt, r.MeetingId,
                [.. r.Entries.OrderByDescending(e => e.Score).ThenBy(e => e.NominationId).Select(e => new EntryView(e.NominationId, names[e.NominationId], e.Score, e.Outcome))]))
            .ToList();
        return new BatchDetails(batch, posts, nominations, rounds, await ReviewsAsync(db.SelectionPosts.Where(p => p.BatchId == id), ct),
            await RecommendationsAsync(postIds, nominations, ct));
    }

    /// <summary>The posts' leading cadres' recommendation meetings with their candidates; once published, each one's 推荐 votes and whether it nominated them.</summary>
    private async Task<IReadOnlyList<MeetingRecommendationView>> RecommendationsAsync(List<long> postIds, IReadOnlyList<NominationView> nominations, CancellationToken ct)
    {
        var recommendations = await db.MeetingRecommendations.Where(r => postIds.Contains(r.PostId))
            .Join(db.Meetings, r => r.MeetingId, m => m.Id, (r, m) => new { r.Id, r.PostId, r.MeetingId, m.HeldOn, r.Present, r.Nominated,
                Expected = db.MeetingGroups.Where(g => g.MeetingId == m.Id).Sum(g => g.ExpectedRaters) })
            .OrderBy(r => r.PostId).ToListAsync(ct);
        var views = new List<MeetingRecommendationView>();
        foreach (var r in recommendations)
        {
            var votes = r.Nominated is null ? [] : await RecommendationVotes.CountAsync(db, r.MeetingId, ct);
            var candidates = await db.MeetingReporters.Where(x => x.MeetingId == r.MeetingId).OrderBy(x => x.Order).Select(x => new { x.Id, x.PersonId, x.Name }).ToListAsync(ct);
            views.Add(new MeetingRecommendationView(r.Id, r.PostId, r.MeetingId, r.HeldOn, r.Expected, r.Present, r.Nominated, [.. candidates.Select(c => new RecommendedCandidate(
                c.PersonId ?? 0, c.Name, r.Nominated is null ? null : votes.GetValueOrDefault(c.Id), r.Present is { } present && RecommendationVotes.Carries(votes.GetValueOrDefault(c.Id), present),
                nominations.Any(n => n.PostId == r.PostId && n.PersonId == c.PersonId && n.Channel == NominationChannel.LeadersMeeting)))]));
        }
        return views;
    }

    /// <summary>The published notices whose nomination window has not closed more than a month ago (the public page; no login).</summary>
    public async Task<IReadOnlyList<PublicNotice>> PublicAsync(CancellationToken ct = default)
    {
        var since = ChinaTime.Today(clock).AddMonths(-1);
        var batches = await db.SelectionBatches.Where(b => b.PublishedAt != null && b.NominationUntil >= since).OrderByDescending(b => b.NominationUntil)
            .Select(b => new { b.Id, b.Title, Organization = b.Organization!.Name, b.NominationFrom, b.NominationUntil }).Take(20).ToListAsync(ct);
        var ids = batches.Select(b => b.Id).ToList();
        var posts = (await db.SelectionPosts.Where(p => ids.Contains(p.BatchId)).Select(p => new { p.BatchId, p.Id }).ToListAsync(ct)).ToLookup(p => p.BatchId, p => p.Id);
        var views = (await Posts(db.SelectionPosts.Where(p => ids.Contains(p.BatchId))).ToListAsync(ct)).ToDictionary(p => p.Id);
        return [.. batches.Select(b => new PublicNotice(b.Id, b.Title, b.Organization, b.NominationFrom, b.NominationUntil, [.. posts[b.Id].Select(id => views[id])]))];
    }

    private IQueryable<BatchSummary> Summaries(IQueryable<SelectionBatch> batches) => batches.Select(b => new BatchSummary(b.Id, b.Title, b.Year, b.Organization!.Name,
        b.NominationFrom, b.NominationUntil, b.PublishedAt, b.Posts.Count, db.Nominations.Count(n => b.Posts.Any(p => p.Id == n.PostId))));

    private static IQueryable<PostView> Posts(IQueryable<SelectionPost> posts) => posts.OrderBy(p => p.Id).Select(p => new PostView(p.Id, p.Title, p.OrganizationId,
        p.Organization!.Name, p.Rank, p.Places, p.MinAge, p.MaxAge, p.MinYearsInPost, p.Education, p.Field));
}
