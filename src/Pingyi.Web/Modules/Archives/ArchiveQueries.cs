using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Archives;
using Pingyi.Core.Commitments;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Commitments;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Archives;

/// <summary>One line of a ranking: a cadre or a team, the quarters' scores, the year's total and the two positions (在乡镇、在全县).</summary>
public sealed record RankingLine(long OrganizationId, long? PersonId, string Name, string Organization, long HostOrganizationId, string Host,
    IReadOnlyList<decimal?> Quarters, decimal? Score, int? HostPosition, int? CountyPosition, string Explanation, Grade? Grade, Tracking? Tracking = null);

/// <summary>
/// Dynamic tracking between reviews (动态跟踪): the daily reports and supervision visits of the period (the quarter, or the
/// year) in the organization — a township team's whole township, a secretary's own village.
/// </summary>
public sealed record Tracking(int DailyReports, int Visits, int VisitFindings);

/// <summary>A ranking of one kind for a year (quarter null) or one quarter, across the caller's subtree or one host.</summary>
public sealed record ArchiveRanking(ArchiveKind Kind, int Year, int? Quarter, IReadOnlyList<RankingLine> Lines, IReadOnlyList<QuarterView> Held);

/// <summary>A held quarter: its meeting, whether it is published, the scheme it used.</summary>
public sealed record QuarterView(long Id, long MeetingId, string Host, int Year, int Quarter, string SchemeName, bool Published, string Meeting);

/// <summary>The filters of the 点将台: the year's total at least, the grade of the cadre's organization, years in post at least, the field.</summary>
public sealed record PickingFilter(int Year, decimal? MinScore = null, Core.Grading.OrganizationGrade? OrganizationGrade = null, int? MinYearsInPost = null,
    OrganizationCategory? Field = null, long? Under = null, int? MaxAge = null, int? MinAge = null, ArchiveKind Kind = ArchiveKind.VillageSecretary);

/// <summary>A cadre on the 点将台: the year's line, their post and how long they have held it, their age, their organization's grade.</summary>
public sealed record PickingLine(RankingLine Line, string? Post, DateOnly? InPostSince, int? YearsInPost, int? Age, Core.Grading.OrganizationGrade? OrganizationGrade, OrganizationCategory Field);

/// <summary>A cadre's archive: every source with its date and a link.</summary>
public sealed record CadreArchive(long PersonId, string Name, IReadOnlyList<CadrePost> Posts, IReadOnlyList<ArchiveYearView> Years,
    IReadOnlyList<MeetingRecord> Meetings, IReadOnlyList<CommitmentRecord> Commitments, IReadOnlyList<Awards.AwardRecord> Awards,
    IReadOnlyList<TalkRecord> Talks, IReadOnlyList<LedgerRecord> Ledger, IReadOnlyList<Projects.ProjectView> Projects, IReadOnlyList<Projects.AccountabilityView> Accountability,
    IReadOnlyList<Training.TrainingRecord> Training, IReadOnlyList<StationRecord> Stationing);

/// <summary>A stay in a village with the village's evaluations (驻村工作).</summary>
public sealed record StationRecord(Stationing.StationView Stay, IReadOnlyList<Stationing.StationEvaluationView> Evaluations);

public sealed record CadrePost(long OrganizationId, string Organization, string Title, DateOnly TermStart, DateOnly? TermEnd);

/// <summary>A year of the archive: its quarters (each with its version and explanation), its total and how it was made.</summary>
public sealed record ArchiveYearView(int Year, ArchiveKind Kind, string Host, IReadOnlyList<ArchiveScoreView> Quarters, YearTotal Total);

public sealed record ArchiveScoreView(int Quarter, decimal? Score, Grade? Grade, int? Position, string SchemeName, string Explanation, long MeetingId, DateOnly HeldOn);

public sealed record MeetingRecord(long MeetingId, string Title, DateOnly HeldOn, string? Score, Grade? Grade, int? Position);

public sealed record CommitmentRecord(long Id, int Year, string Title, CommitmentState State, int? Stars, DateTime CreatedAt);

public sealed record TalkRecord(long MeetingId, string Reason, TalkState State, DateTime? CompletedAt, DateTime CreatedAt);

public sealed record LedgerRecord(long Id, string Category, string Description, Core.Ledger.LedgerState State, DateOnly? Deadline, DateTime CreatedAt);

/// <summary>
/// Rankings per host and across the caller's subtree by quarter and year (实绩台账), the 点将台 that the selection module will
/// read, and a cadre's archive assembled from every module that holds a record of them.
/// </summary>
public sealed class ArchiveQueries(PingyiDbContext db, Scope scope, ArchiveAccess access, Awards.NomineeRecords awards, PiiProtector pii, Projects.ProjectQueries projects, Training.TrainingQueries training,
    Stationing.StationingQueries stationing)
{
    public async Task<ArchiveRanking> RankingAsync(ArchiveKind kind, int year, int? quarter, long? hostId, CancellationToken ct = default)
    {
        ArchiveAccess.CheckPeriod(year, quarter);
        var scores = (await access.ScoresAsync(ct)).Where(s => s.Kind == kind && s.Year == year);
        var quarters = (await QuartersAsync(ct)).Where(q => q.Kind == kind && q.Year == year);
        if (hostId is { } h)
        {
            await scope.OrganizationAsync(h, ct);
            scores = scores.Where(s => s.HostOrganizationId == h);
            quarters = quarters.Where(q => q.HostOrganizationId == h);
        }
        var hostNames = await db.Organizations.Where(o => quarters.Any(q => q.HostOrganizationId == o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var held = await QuarterViewsAsync(quarters, ct);
        List<RankingLine> lines;
        if (quarter is { } q)
        {
            lines = [.. (await scores.Where(s => s.Quarter == q).Select(s => new
                {
                    s.OrganizationId, s.PersonId, s.Name, Organization = s.Organization!.Name, s.HostOrganizationId, s.Score, s.Grade, s.Position, s.Explanation,
                }).ToListAsync(ct))
                .Select(r => new RankingLine(r.OrganizationId, r.PersonId, r.Name, r.Organization, r.HostOrganizationId, hostNames.GetValueOrDefault(r.HostOrganizationId) ?? "",
                    [.. Enumerable.Range(1, 4).Select(x => x == q ? r.Score : null)], r.Score, r.Position, null, r.Explanation, r.Grade))];
        }
        else
        {
            // A year reads only what it combines — the quarter, score and version of each score — in order, one cadre's quarters together.
            var rows = await scores.OrderBy(s => s.HostOrganizationId).ThenBy(s => s.OrganizationId).ThenBy(s => s.PersonId).ThenBy(s => s.Quarter)
                .Select(s => new YearRow(s.OrganizationId, s.PersonId, s.Name, s.Organization!.Name, s.HostOrganizationId, s.Quarter, s.Score, s.SchemeId)).ToListAsync(ct);
            var schemes = await quarters.Select(x => new { x.SchemeId, x.SchemeName }).Distinct().ToListAsync(ct);
            var schemeNames = schemes.GroupBy(x => x.SchemeId).ToDictionary(g => g.Key, g => g.First().SchemeName);
            var plans = await db.ArchivePlans.Where(p => p.Kind == kind && p.Year == year).ToDictionaryAsync(p => p.HostOrganizationId, p => p.Rules, ct);
            var defaults = new ArchiveRules();
            lines = new List<RankingLine>(rows.Count / 4 + 1);
            var held4 = new List<QuarterScore>(4);
            for (var i = 0; i < rows.Count;)
            {
                var first = rows[i];
                var byQuarter = new decimal?[4];
                held4.Clear();
                for (; i < rows.Count && rows[i].SameCadre(first); i++)
                {
                    byQuarter[rows[i].Quarter - 1] = rows[i].Score;
                    if (rows[i].Score is { } score)
                    {
                        held4.Add(new QuarterScore(rows[i].Quarter, score, rows[i].SchemeId, schemeNames.GetValueOrDefault(rows[i].SchemeId) ?? ""));
                    }
                }
                var total = ArchiveYear.Total(plans.GetValueOrDefault(first.HostOrganizationId) ?? defaults, held4);
                lines.Add(new RankingLine(first.OrganizationId, first.PersonId, first.Name, first.Organization, first.HostOrganizationId,
                    hostNames.GetValueOrDefault(first.HostOrganizationId) ?? "", byQuarter, total.Total, null, null, total.Explanation, null));
            }
            lines = [.. lines.GroupBy(l => l.HostOrganizationId).SelectMany(g => Positioned(g.ToList(), (l, p) => l with { HostPosition = p }))];
        }
        lines = Positioned(lines, (l, p) => l with { CountyPosition = p });
        var tracking = await TrackingAsync(kind, year, quarter, [.. lines.Select(l => l.OrganizationId).Distinct()], ct);
        if (tracking.Count > 0)
        {
            lines = [.. lines.Select(l => l with { Tracking = tracking.GetValueOrDefault(l.OrganizationId) })];
        }
        return new ArchiveRanking(kind, year, quarter, [.. lines.OrderBy(l => l.CountyPosition ?? int.MaxValue).ThenBy(l => l.Name, StringComparer.Ordinal)], held);
    }

    /// <summary>
    /// The 点将台: the year's village secretaries (or the townships' leading cadres) in the caller's subtree, filtered by the year's total, their organization's
    /// grade, years in their current post and the field of their organization; best first. What the selection module reads.
    /// </summary>
    public async Task<IReadOnlyList<PickingLine>> PickingAsync(PickingFilter filter, DateOnly today, CancellationToken ct = default)
    {
        if (!ArchiveText.OfPeople(filter.Kind))
        {
            throw RuleViolation.Invalid("点将台列出个人：请选择村党组织书记或乡镇领导干部", "kind");
        }
        var ranking = await RankingAsync(filter.Kind, filter.Year, null, filter.Under, ct);
        var people = ranking.Lines.Where(l => l.PersonId is not null).Select(l => l.PersonId!.Value).ToList();
        var organizations = ranking.Lines.Select(l => l.OrganizationId).Distinct().ToList();
        var posts = (await db.CadrePositions.Where(p => people.Contains(p.PersonId) && p.TermEnd == null)
                .Select(p => new { p.PersonId, p.OrganizationId, p.TermStart, Organization = p.Organization!.Name, p.Title }).ToListAsync(ct))
            .GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.TermStart).First());
        var grades = await db.GradeResults.Where(g => g.Year == filter.Year && organizations.Contains(g.OrganizationId)).ToDictionaryAsync(g => g.OrganizationId, g => g.Grade, ct);
        var fields = await db.Organizations.Where(o => organizations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Category, ct);
        // The age comes from the birth date in the encrypted ID number, read here in memory and never kept or shown.
        var births = (await db.People.Where(p => people.Contains(p.Id)).Select(p => new { p.Id, p.IdNumberCipher }).ToListAsync(ct))
            .ToDictionary(p => p.Id, p => pii.BirthDateOrNull(p.IdNumberCipher));
        return [.. ranking.Lines.Where(l => l.PersonId is not null).Select(l =>
            {
                var post = posts.GetValueOrDefault(l.PersonId!.Value);
                int? years = post is null ? null : FullYears(post.TermStart, today);
                int? age = births.GetValueOrDefault(l.PersonId!.Value) is { } born ? FullYears(born, today) : null;
                return new PickingLine(l, post is null ? null : $"{post.Organization}{post.Title.Chinese()}", post?.TermStart, years, age,
                    grades.TryGetValue(l.OrganizationId, out var g) ? g : null, fields.GetValueOrDefault(l.OrganizationId));
            })
            .Where(p => (filter.MinScore is not { } min || p.Line.Score >= min)
                && (filter.OrganizationGrade is not { } grade || p.OrganizationGrade == grade)
                && (filter.MinYearsInPost is not { } y || p.YearsInPost >= y)
                && (filter.MaxAge is not { } oldest || p.Age <= oldest)
                && (filter.MinAge is not { } youngest || p.Age >= youngest)
                && (filter.Field is not { } field || p.Field == field))];
    }

    /// <summary>
    /// The daily reports and supervision visits (with the ledger items they found) of the period: a township team's counted over
    /// its township's subtree, a secretary's in their own organization. A province-size ranking is not tracked (over 1,000 lines).
    /// </summary>
    private async Task<Dictionary<long, Tracking>> TrackingAsync(ArchiveKind kind, int year, int? quarter, IReadOnlyList<long> organizations, CancellationToken ct)
    {
        if (organizations.Count is 0 or > 1000)
        {
            return [];
        }
        var from = new DateOnly(year, quarter is { } q ? (q - 1) * 3 + 1 : 1, 1);
        var until = quarter is null ? new DateOnly(year, 12, 31) : from.AddMonths(3).AddDays(-1);
        if (kind == ArchiveKind.VillageSecretary)
        {
            var reports = await db.DailyReports.Where(r => organizations.Contains(r.OrganizationId) && r.Date >= from && r.Date <= until)
                .GroupBy(r => r.OrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var visits = await db.SupervisionVisits.Where(v => organizations.Contains(v.OrganizationId) && v.VisitedOn >= from && v.VisitedOn <= until)
                .GroupBy(v => v.OrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var findings = await db.LedgerItems.Where(i => i.VisitId != null && organizations.Contains(i.ResponsibleOrganizationId)
                    && db.SupervisionVisits.Any(v => v.Id == i.VisitId && v.VisitedOn >= from && v.VisitedOn <= until))
                .GroupBy(i => i.ResponsibleOrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            return organizations.ToDictionary(o => o, o => new Tracking(reports.GetValueOrDefault(o), visits.GetValueOrDefault(o), findings.GetValueOrDefault(o)));
        }
        var paths = await db.Organizations.Where(o => organizations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Path, ct);
        var result = new Dictionary<long, Tracking>();
        foreach (var (id, path) in paths)
        {
            var visitsHere = db.SupervisionVisits.Where(v => v.VisitedOn >= from && v.VisitedOn <= until && db.Organizations.Any(o => o.Id == v.OrganizationId && o.Path.StartsWith(path)));
            result[id] = new Tracking(
                await db.DailyReports.CountAsync(r => r.Date >= from && r.Date <= until && db.Organizations.Any(o => o.Id == r.OrganizationId && o.Path.StartsWith(path)), ct),
                await visitsHere.CountAsync(ct),
                await db.LedgerItems.CountAsync(i => i.VisitId != null && visitsHere.Any(v => v.Id == i.VisitId), ct));
        }
        return result;
    }

    /// <summary>Whole years from <paramref name="from"/> to <paramref name="today"/> (an age, years in post).</summary>
    public static int FullYears(DateOnly from, DateOnly today) => today.Year - from.Year - (today < from.AddYears(today.Year - from.Year) ? 1 : 0);

    /// <summary>The latest year with a quarter of the kind held in the caller's subtree: where the pages open.</summary>
    public async Task<int?> LatestYearAsync(ArchiveKind kind, CancellationToken ct = default) =>
        await (await QuartersAsync(ct)).Where(q => q.Kind == kind).MaxAsync(q => (int?)q.Year, ct);

    public async Task<IReadOnlyList<QuarterView>> HeldAsync(int year, CancellationToken ct = default) =>
        await QuarterViewsAsync((await QuartersAsync(ct)).Where(q => q.Year == year), ct);

    /// <summary>A cadre's archive: quarters and years, meeting results, commitments and stars, awards, talks, the ledger items of their organizations, the projects they are responsible for and their accountability records.</summary>
    public async Task<CadreArchive> CadreAsync(long personId, CancellationToken ct = default)
    {
        var person = await access.CadreAsync(personId, ct);
        var path = await scope.PathAsync(ct);
        var posts = (await db.CadrePositions.Where(p => p.PersonId == personId).OrderByDescending(p => p.TermStart)
            .Select(p => new { p.OrganizationId, Organization = p.Organization!.Name, p.Title, p.TermStart, p.TermEnd }).ToListAsync(ct))
            .Select(p => new CadrePost(p.OrganizationId, p.Organization, p.Title.Chinese(), p.TermStart, p.TermEnd)).ToList();
        var scores = await (await access.ScoresAsync(ct)).Where(s => s.PersonId == personId)
            .Join(db.Meetings, s => s.MeetingId, m => m.Id, (s, m) => new { s, m.HeldOn })
            .Select(x => new
            {
                x.s.Year, x.s.Kind, x.s.HostOrganizationId, Host = db.Organizations.Where(o => o.Id == x.s.HostOrganizationId).Select(o => o.Name).First(),
                x.s.Quarter, x.s.Score, x.s.Grade, x.s.Position, x.s.SchemeId, x.s.SchemeName, x.s.Explanation, x.s.MeetingId, x.HeldOn,
            }).ToListAsync(ct);
        var years = new List<ArchiveYearView>();
        foreach (var g in scores.GroupBy(s => (s.Year, s.Kind, s.HostOrganizationId)).OrderByDescending(g => g.Key.Year))
        {
            var rules = await db.ArchivePlans.Where(p => p.HostOrganizationId == g.Key.HostOrganizationId && p.Kind == g.Key.Kind && p.Year == g.Key.Year)
                .Select(p => new ArchiveRules(p.Combination, p.Missing)).FirstOrDefaultAsync(ct) ?? new ArchiveRules();
            years.Add(new ArchiveYearView(g.Key.Year, g.Key.Kind, g.First().Host,
                [.. g.OrderBy(s => s.Quarter).Select(s => new ArchiveScoreView(s.Quarter, s.Score, s.Grade, s.Position, s.SchemeName, s.Explanation, s.MeetingId, s.HeldOn))],
                ArchiveYear.Total(rules, [.. g.Where(s => s.Score is not null).Select(s => new QuarterScore(s.Quarter, s.Score!.Value, s.SchemeId, s.SchemeName))])));
        }
        var meetings = (await (from r in db.MeetingReporters
                               where r.PersonId == personId
                               join m in db.Meetings on r.MeetingId equals m.Id
                               where m.PublishedAt != null && m.HostOrganization!.Path.StartsWith(path) && !m.Rehearsal
                                   && !db.ArchiveQuarters.Any(q => q.MeetingId == m.Id) // the quarters are shown above, with their versions
                               join result in db.MeetingResults on r.Id equals result.ReporterId into results
                               from result in results.DefaultIfEmpty()
                               orderby m.HeldOn descending
                               select new { m.Id, m.Title, m.HeldOn, Composite = (decimal?)result.Composite, Grade = (Grade?)result.Grade, Position = (int?)result.Position })
                .ToListAsync(ct))
            .Select(m => new MeetingRecord(m.Id, m.Title, m.HeldOn, MeetingResults.Shown(m.Composite), m.Grade, m.Position)).ToList();
        var commitments = await db.Commitments.Where(c => c.PersonId == personId && c.Organization!.Path.StartsWith(path)
                && c.State != CommitmentState.Draft && c.State != CommitmentState.Submitted)
            .OrderByDescending(c => c.Year).Select(c => new { c.Id, c.Year, c.Title, c.State, c.CreatedAt }).ToListAsync(ct);
        var stars = await CommitmentQueries.StarsAsync(db, [.. commitments.Select(c => c.Id)], ct);
        var organizations = posts.Select(p => p.OrganizationId).Distinct().ToList();
        var ledger = await db.LedgerItems.Where(i => organizations.Contains(i.ResponsibleOrganizationId) && i.ResponsibleOrganization!.Path.StartsWith(path))
            .OrderByDescending(i => i.CreatedAt).Take(50)
            .Select(i => new LedgerRecord(i.Id, i.Category, i.Description, i.State, i.Deadline, i.CreatedAt)).ToListAsync(ct);
        var talks = await db.Talks.Where(t => t.PersonId == personId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TalkRecord(t.MeetingId, t.Reason, t.State, t.CompletedAt, t.CreatedAt)).ToListAsync(ct);
        return new CadreArchive(person.Id, person.Name, posts, years, meetings,
            [.. commitments.Select(c => new CommitmentRecord(c.Id, c.Year, c.Title, c.State, stars.TryGetValue(c.Id, out var s) ? s : null, c.CreatedAt))],
            await awards.OfScopedAsync(scope, null, personId, ct), talks, ledger, await projects.ListAsync(personId, ct), await projects.AccountabilityAsync(personId, ct),
            await training.RecordsAsync(personId, ct), [.. (await stationing.OfPersonAsync(personId, ct)).Select(x => new StationRecord(x.Station, x.Evaluations))]);
    }

    private async Task<IQueryable<ArchiveQuarter>> QuartersAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.ArchiveQuarters.Where(q => db.Organizations.Any(o => o.Id == q.HostOrganizationId && o.Path.StartsWith(path)));
    }

    private async Task<IReadOnlyList<QuarterView>> QuarterViewsAsync(IQueryable<ArchiveQuarter> quarters, CancellationToken ct) =>
        await quarters.OrderBy(q => q.Year).ThenBy(q => q.Quarter).ThenBy(q => q.HostOrganizationId)
            .Join(db.Meetings, q => q.MeetingId, m => m.Id, (q, m) => new QuarterView(q.Id, q.MeetingId, m.HostOrganization!.Name, q.Year, q.Quarter, q.SchemeName, m.PublishedAt != null, m.Title))
            .ToListAsync(ct);

    private sealed record YearRow(long OrganizationId, long? PersonId, string Name, string Organization, long HostOrganizationId, int Quarter, decimal? Score, long SchemeId)
    {
        public bool SameCadre(YearRow other) => HostOrganizationId == other.HostOrganizationId && OrganizationId == other.OrganizationId && PersonId == other.PersonId;
    }

    /// <summary>Positions by score with ties (1, 2, 2, 4) by the engine's rule; lines without a score get none.</summary>
    private static List<RankingLine> Positioned(List<RankingLine> lines, Func<RankingLine, int?, RankingLine> with)
    {
        var order = Core.Evaluation.Ranking.Order([.. lines.Select(l => l.Score)]);
        var positions = Core.Evaluation.Ranking.Positions([.. lines.Select(l => l.Score)], order);
        var result = lines.ToList(); // lines come without the position being set
        for (var i = 0; i < order.Length; i++)
        {
            result[order[i]] = with(lines[order[i]], positions[i]);
        }
        return result;
    }
}
