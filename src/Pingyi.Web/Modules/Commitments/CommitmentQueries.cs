using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Commitments;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Commitments;

public sealed record CommitmentItemView(long Id, int Order, string Target, string Category, DateOnly Deadline, decimal? Weight, int Progress,
    string? ProgressNote, bool Overdue);

public sealed record LookBackView(long MeetingId, string Meeting, DateOnly HeldOn, string Reporter, bool Published, decimal? Composite, Core.Evaluation.Grade? Grade);

public sealed record CommitmentEvidenceView(long Id, long ItemId, string FileName, long Length, DateTime At);

public sealed record CommitmentEventView(string Kind, long? ItemId, CommitmentState? FromState, CommitmentState? ToState, int? Progress, string? Text,
    string UserName, DateTime At);

/// <summary>A commitment as the API and the pages show it: its progress rolled up from the items, its overdue items counted.</summary>
public sealed record CommitmentView(long Id, CommitmentOwner Owner, long OrganizationId, string Organization, long? PersonId, string? PersonName,
    long SupervisingOrganizationId, int Year, int? TermEndYear, string Title, CommitmentState State, string? Reason, int Progress, int OverdueItems,
    DateTime CreatedAt, DateTime? PublishedAt, DateTime? ClosedAt, IReadOnlyList<CommitmentItemView> Items, CommitmentEvaluationView? Evaluation = null,
    bool TopTen = false);

/// <summary>
/// The three evaluations (三评) of a commitment: its meeting, and once that is published the score with its group-by-group
/// explanation, the stars by the lines of the evaluation, the stars gained on the same owner's last year (晋星) and
/// whether it is a priority for commendations (three stars or more).
/// </summary>
public sealed record CommitmentEvaluationView(long MeetingId, bool Published, decimal? Score, int? Stars, int? Gained, bool Priority,
    IReadOnlyList<Meetings.GroupExplanation> Groups);

public sealed record CommitmentFilter(string? Q, int? Year, CommitmentState? State, CommitmentOwner? Owner, long? Under, bool? Overdue, int? Page, int? PageSize);

/// <summary>Reads of commitments for lists and pages, always through <see cref="CommitmentAccess"/>.</summary>
public sealed class CommitmentQueries(CommitmentAccess access, Data.PingyiDbContext db, TimeProvider clock)
{
    public async Task<Paged<CommitmentView>> ListAsync(CommitmentFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 50);
        var today = ChinaTime.Today(clock);
        var query = await access.VisibleAsync(ct);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(c => c.Title.Contains(q) || c.Organization!.Name.Contains(q) || (c.PersonName != null && c.PersonName.Contains(q)));
        }
        if (filter.Year is { } year)
        {
            // A term commitment counts in every year of its term.
            query = query.Where(c => c.Year <= year && (c.TermEndYear ?? c.Year) >= year);
        }
        if (filter.State is { } state)
        {
            query = query.Where(c => c.State == state);
        }
        if (filter.Owner is { } owner)
        {
            query = query.Where(c => c.Owner == owner);
        }
        if (filter.Under is { } under)
        {
            var path = await db.Organizations.Where(o => o.Id == under).Select(o => o.Path).FirstOrDefaultAsync(ct) ?? "\u0001";
            query = query.Where(c => c.Organization!.Path.StartsWith(path));
        }
        if (filter.Overdue == true)
        {
            query = query.Where(WithOverdueItems(today));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.Year).ThenBy(c => c.Organization!.Path).ThenBy(c => c.Id)
            .Skip((page - 1) * size).Take(size).Include(c => c.Items).Include(c => c.Organization).AsNoTracking().ToListAsync(ct);
        return new Paged<CommitmentView>(await WithEvaluationsAsync([.. rows.Select(c => View(c, today))], ct), page, size, total);
    }

    /// <summary>
    /// <see cref="CommitmentWorkflow.IsOverdue"/> as a query: a published commitment with an item past its deadline short
    /// of 100% (the list's filter and the public board's count).
    /// </summary>
    public static Expression<Func<Commitment, bool>> WithOverdueItems(DateOnly today) =>
        c => c.State == CommitmentState.Published && c.Items.Any(i => i.Progress < 100 && i.Deadline < today);

    /// <summary>The badge colour of a state on every page: fulfilled green, not fulfilled dark, published blue, the rest grey.</summary>
    public static string Badge(CommitmentState state) => state switch
    {
        CommitmentState.Fulfilled => "text-bg-success",
        CommitmentState.Unfulfilled => "text-bg-dark",
        CommitmentState.Published => "text-bg-primary",
        _ => "text-bg-secondary",
    };

    public async Task<CommitmentView?> GetAsync(long id, CancellationToken ct = default)
    {
        var c = await (await access.VisibleAsync(ct)).Include(x => x.Items).Include(x => x.Organization).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null ? null : (await WithEvaluationsAsync([View(c, ChinaTime.Today(clock))], ct))[0];
    }

    /// <summary>The stars of those of the commitments whose evaluation is published (the public board's column).</summary>
    public static async Task<Dictionary<long, int>> StarsAsync(Data.PingyiDbContext db, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        (await Evaluations(db, db.Commitments.Where(c => ids.Contains(c.Id))).ToListAsync(ct))
            .Where(e => e.Stars is not null).ToDictionary(e => e.CommitmentId, e => e.Stars!.Value);

    /// <summary>The most stars a published evaluation gave one of the commitments; null when none was evaluated.</summary>
    public static async Task<int?> BestStarsAsync(Data.PingyiDbContext db, IQueryable<Commitment> commitments, CancellationToken ct) =>
        (await Evaluations(db, commitments).ToListAsync(ct)).Max(e => e.Stars);

    /// <summary>Those of the commitments named 十佳 of a year: a published vote placed them in the first ten (ties at the tenth included).</summary>
    public static async Task<HashSet<long>> TopTenAsync(Data.PingyiDbContext db, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        [.. await (from n in db.TopTenNominations
                   where ids.Contains(n.CommitmentId) && db.Meetings.Any(m => m.Id == n.MeetingId && m.PublishedAt != null)
                         && db.MeetingResults.Any(r => r.MeetingId == n.MeetingId && r.ReporterId == n.ReporterId && r.Position <= TopTenNomination.Places)
                   select n.CommitmentId).ToListAsync(ct)];

    /// <summary>The evaluations of the commitments with their meeting's published result (none before publication).</summary>
    private static IQueryable<Evaluated> Evaluations(Data.PingyiDbContext db, IQueryable<Commitment> commitments) =>
        from e in db.CommitmentEvaluations
        join c in commitments on e.CommitmentId equals c.Id
        join m in db.Meetings on e.MeetingId equals m.Id
        let r = db.MeetingResults.FirstOrDefault(r => r.MeetingId == e.MeetingId && r.ReporterId == e.ReporterId)
        select new Evaluated(c.Id, c.OrganizationId, c.PersonId, c.Owner, c.Year, e.MeetingId, m.PublishedAt != null, r == null ? null : r.Composite,
            r == null ? null : r.Explanation, e.FiveStars, e.FourStars, e.ThreeStars, e.TwoStars);

    private sealed record Evaluated(long CommitmentId, long OrganizationId, long? PersonId, CommitmentOwner Owner, int Year, long MeetingId, bool Published,
        decimal? Score, string? Explanation, decimal Five, decimal Four, decimal Three, decimal Two)
    {
        public int? Stars => new StarThresholds(Five, Four, Three, Two).Stars(Published ? Score : null);
    }

    /// <summary>The views with their evaluations, and last year's stars of the same owners for 晋星, in two queries.</summary>
    private async Task<IReadOnlyList<CommitmentView>> WithEvaluationsAsync(IReadOnlyList<CommitmentView> views, CancellationToken ct)
    {
        if (views.Count == 0)
        {
            return views;
        }
        var ids = views.Select(v => v.Id).ToList();
        var mine = await Evaluations(db, db.Commitments.Where(c => ids.Contains(c.Id))).ToDictionaryAsync(e => e.CommitmentId, ct);
        if (mine.Count == 0)
        {
            return views;
        }
        var topTen = await TopTenAsync(db, ids, ct);
        var organizations = views.Select(v => v.OrganizationId).Distinct().ToList();
        var years = views.Select(v => v.Year - 1).Distinct().ToList();
        var earlier = await Evaluations(db, db.Commitments.Where(c => organizations.Contains(c.OrganizationId) && years.Contains(c.Year))).ToListAsync(ct);
        return [.. views.Select(v =>
        {
            if (!mine.TryGetValue(v.Id, out var e))
            {
                return v;
            }
            var last = earlier.Where(x => x.OrganizationId == v.OrganizationId && x.PersonId == v.PersonId && x.Owner == v.Owner && x.Year == v.Year - 1)
                .Select(x => x.Stars).FirstOrDefault(s => s is not null);
            var groups = e.Published && e.Explanation is { } json
                ? System.Text.Json.JsonSerializer.Deserialize<List<Meetings.GroupExplanation>>(json, Meetings.RulesJson.Options) ?? []
                : [];
            return v with
            {
                Evaluation = new CommitmentEvaluationView(e.MeetingId, e.Published, e.Published ? e.Score : null, e.Stars, StarThresholds.Gained(last, e.Stars),
                    StarThresholds.IsPriority(e.Stars), groups),
                TopTen = topTen.Contains(v.Id),
            };
        })];
    }

    /// <summary>The 回头看 meetings a term commitment was reported at, with the reporter's published result.</summary>
    public async Task<IReadOnlyList<LookBackView>> LookBacksAsync(long id, CancellationToken ct = default) =>
        await (from l in db.CommitmentLookBacks
               where l.CommitmentId == id
               join m in db.Meetings on l.MeetingId equals m.Id
               join r in db.MeetingReporters on l.ReporterId equals r.Id
               let result = db.MeetingResults.FirstOrDefault(x => x.MeetingId == l.MeetingId && x.ReporterId == l.ReporterId)
               orderby m.HeldOn descending
               select new LookBackView(m.Id, m.Title, m.HeldOn, r.Name, m.PublishedAt != null, result == null ? null : result.Composite, result == null ? null : result.Grade))
            .ToListAsync(ct);

    /// <summary>The evidence files of a commitment the caller can see, the latest first.</summary>
    public async Task<IReadOnlyList<CommitmentEvidenceView>> EvidenceAsync(long id, CancellationToken ct = default)
    {
        await access.CommitmentAsync(id, ct);
        return await db.CommitmentEvidence.Where(e => e.CommitmentId == id).OrderByDescending(e => e.Id)
            .Select(e => new CommitmentEvidenceView(e.Id, e.ItemId, e.FileName, e.Length, e.At)).ToListAsync(ct);
    }

    public async Task<(Stream Content, string FileName)> OpenEvidenceAsync(long id, long evidenceId, FileStore files, CancellationToken ct = default)
    {
        await access.CommitmentAsync(id, ct);
        var evidence = await db.CommitmentEvidence.FirstOrDefaultAsync(e => e.Id == evidenceId && e.CommitmentId == id, ct);
        return evidence is not null && files.Open(evidence.File) is { } stream ? (stream, evidence.FileName) : throw RuleViolation.NotFound("佐证材料不存在");
    }

    public async Task<IReadOnlyList<CommitmentEventView>> EventsAsync(long id, CancellationToken ct = default) =>
        await db.CommitmentEvents.Where(e => e.CommitmentId == id).OrderBy(e => e.Id)
            .Select(e => new CommitmentEventView(e.Kind, e.ItemId, e.FromState, e.ToState, e.Progress, e.Text, e.UserName, e.At)).ToListAsync(ct);

    private static CommitmentView View(Commitment c, DateOnly today)
    {
        var items = c.Items.OrderBy(i => i.Order).Select(i => new CommitmentItemView(i.Id, i.Order, i.Target, i.Category, i.Deadline, i.Weight, i.Progress,
            i.ProgressNote, CommitmentWorkflow.IsOverdue(c.State, i.Deadline, i.Progress, today))).ToList();
        return new CommitmentView(c.Id, c.Owner, c.OrganizationId, c.Organization?.Name ?? string.Empty, c.PersonId, c.PersonName, c.SupervisingOrganizationId,
            c.Year, c.TermEndYear, c.Title, c.State, c.Reason, CommitmentProgress.Of([.. items.Select(i => (i.Progress, i.Weight))]), items.Count(i => i.Overdue),
            c.CreatedAt, c.PublishedAt, c.ClosedAt, items);
    }
}
