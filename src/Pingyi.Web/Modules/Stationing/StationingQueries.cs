using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.Stationing;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Stationing;

/// <summary>A stay as lists show it: who, where, since when, the deeds and the villagers they helped, check-ins due and missed, the last rating.</summary>
public sealed record StationView(long Id, long PersonId, string Person, long VillageOrganizationId, string Village, string? Township, long? SentByOrganizationId, string? SentBy,
    string Role, DateOnly StartOn, DateOnly? EndOn, int Deeds, int Beneficiaries, int MonthsDue, int MonthsMissed, StationRating? LastRating, int? LastRatingYear);

public sealed record StationEntryView(long Id, StationEntryKind Kind, DateOnly On, string Text, int? Beneficiaries, string? EvidenceName, string UserName, DateTime At);

public sealed record StationCheckInView(DateOnly Month, int DaysInVillage, string? Note, string UserName, DateTime At);

public sealed record StationEvaluationView(int Year, DateOnly HeldOn, int Satisfied, int BasicallySatisfied, int Dissatisfied, decimal Rate, StationRating Rating, string? Note);

/// <summary>A stay with its log, its check-ins and the months missed, and the village's evaluations.</summary>
public sealed record StationDetails(StationView Station, IReadOnlyList<StationEntryView> Entries, IReadOnlyList<StationCheckInView> CheckIns, IReadOnlyList<DateOnly> Missed,
    IReadOnlyList<StationEvaluationView> Evaluations);

/// <summary>The figures of a township (or the total): cadres stationed now, villages with one, deeds and villagers helped in the year, check-ins missed.</summary>
public sealed record StationSummary(long? OrganizationId, string Name, int Stationed, int Villages, int Deeds, int Beneficiaries, int MonthsMissed);

public sealed record StationFilter(bool Current = true, long? Under = null, string? Q = null, int? Page = null, int? PageSize = null);

/// <summary>Stays in the caller's scope (the village's subtree or the sending unit's), one stay's record, a township's figures, a cadre's stays.</summary>
public sealed class StationingQueries(PingyiDbContext db, Scope scope, StationingAccess access, TimeProvider clock)
{
    public async Task<Paged<StationView>> ListAsync(StationFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 100);
        var stays = await access.VisibleAsync(ct);
        if (filter.Current)
        {
            stays = stays.Where(a => a.EndOn == null);
        }
        if (filter.Under is { } under)
        {
            var root = await scope.OrganizationAsync(under, ct);
            stays = stays.Where(a => a.Village!.Path.StartsWith(root.Path));
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            stays = stays.Where(a => a.Person!.Name.Contains(q) || a.Village!.Name.Contains(q));
        }
        var total = await stays.CountAsync(ct);
        var views = await ViewsAsync(stays.OrderBy(a => a.Village!.Path).ThenBy(a => a.StartOn).ThenBy(a => a.Id).Skip((page - 1) * size).Take(size), ct);
        return new Paged<StationView>(views, page, size, total);
    }

    public async Task<StationDetails> DetailsAsync(long id, CancellationToken ct = default)
    {
        await access.AssignmentAsync(id, ct);
        var station = (await ViewsAsync(db.StationAssignments.Where(a => a.Id == id), ct))[0];
        var entries = await db.StationEntries.Where(e => e.AssignmentId == id).OrderByDescending(e => e.On).ThenByDescending(e => e.Id)
            .Select(e => new StationEntryView(e.Id, e.Kind, e.On, e.Text, e.Beneficiaries, e.EvidenceName, e.UserName, e.At)).ToListAsync(ct);
        var checkIns = (await db.StationCheckIns.Where(c => c.AssignmentId == id).OrderByDescending(c => c.Month).ToListAsync(ct))
            .Select(c => new StationCheckInView(StationRules.FirstDay(c.Month), c.DaysInVillage, c.Note, c.UserName, c.At)).ToList();
        var missed = StationRules.MonthsMissed(station.StartOn, station.EndOn, ChinaTime.Today(clock), checkIns.Select(c => StationRules.MonthNumber(c.Month)))
            .Select(StationRules.FirstDay).ToList();
        var evaluations = await EvaluationsAsync(db.StationEvaluations.Where(e => e.AssignmentId == id), ct);
        return new StationDetails(station, entries, checkIns, missed, evaluations);
    }

    /// <summary>A cadre's stays the caller can see, the latest first, with each one's evaluations (the cadre's archive).</summary>
    public async Task<IReadOnlyList<(StationView Station, IReadOnlyList<StationEvaluationView> Evaluations)>> OfPersonAsync(long personId, CancellationToken ct = default)
    {
        var stays = (await access.VisibleAsync(ct)).Where(a => a.PersonId == personId);
        var views = await ViewsAsync(stays.OrderByDescending(a => a.StartOn), ct);
        var ids = views.Select(v => v.Id).ToList();
        var evaluations = (await db.StationEvaluations.Where(e => ids.Contains(e.AssignmentId)).ToListAsync(ct)).ToLookup(e => e.AssignmentId);
        return [.. views.Select(v => (v, (IReadOnlyList<StationEvaluationView>)[.. evaluations[v.Id].OrderByDescending(e => e.Year).Select(View)]))];
    }

    /// <summary>The figures per township of the caller's subtree and the total: stationed now, and the year's deeds and missed check-ins.</summary>
    public async Task<IReadOnlyList<StationSummary>> SummaryAsync(int year, CancellationToken ct = default)
    {
        Years.Check(year);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var stays = (await access.VisibleAsync(ct)).Where(a => a.StartOn <= last && (a.EndOn == null || a.EndOn >= first));
        var rows = await stays.Select(a => new
        {
            a.Id, a.VillageOrganizationId, a.Village!.Path, a.StartOn, a.EndOn,
            Deeds = db.StationEntries.Count(e => e.AssignmentId == a.Id && e.Kind == StationEntryKind.Deed && e.On >= first && e.On <= last),
            Beneficiaries = db.StationEntries.Where(e => e.AssignmentId == a.Id && e.Kind == StationEntryKind.Deed && e.On >= first && e.On <= last).Sum(e => (int?)e.Beneficiaries) ?? 0,
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var checkIns = (await db.StationCheckIns.Where(c => ids.Contains(c.AssignmentId)).Select(c => new { c.AssignmentId, c.Month }).ToListAsync(ct))
            .ToLookup(c => c.AssignmentId, c => c.Month);
        var today = ChinaTime.Today(clock);
        var yearMonths = (StationRules.MonthNumber(first), StationRules.MonthNumber(last));
        var missed = rows.ToDictionary(r => r.Id, r => StationRules.MonthsMissed(r.StartOn, r.EndOn, today, checkIns[r.Id]).Count(m => m >= yearMonths.Item1 && m <= yearMonths.Item2));
        var townships = await (await scope.OrganizationsAsync(ct)).Where(o => o.Level == OrganizationLevel.TownshipCommittee || o.Level == OrganizationLevel.WorkingCommittee)
            .OrderBy(o => o.Path).Select(o => new { o.Id, o.Name, o.Path }).ToListAsync(ct);
        StationSummary Row(long? id, string name, Func<string, bool> under)
        {
            var here = rows.Where(r => under(r.Path)).ToList();
            var now = here.Where(r => r.EndOn is null || r.EndOn >= today).ToList();
            return new StationSummary(id, name, now.Count, now.Select(r => r.VillageOrganizationId).Distinct().Count(), here.Sum(r => r.Deeds), here.Sum(r => r.Beneficiaries),
                here.Sum(r => missed[r.Id]));
        }
        return [.. townships.Select(t => Row(t.Id, t.Name, p => p.StartsWith(t.Path, StringComparison.Ordinal))), Row(null, "合计", _ => true)];
    }

    public async Task<(Stream Content, string FileName)> OpenEvidenceAsync(long id, long entryId, FileStore files, CancellationToken ct = default)
    {
        await access.AssignmentAsync(id, ct);
        var entry = await db.StationEntries.FirstOrDefaultAsync(e => e.Id == entryId && e.AssignmentId == id, ct);
        return entry?.EvidenceFile is { } file && files.Open(file) is { } stream ? (stream, entry.EvidenceName ?? "佐证材料") : throw RuleViolation.NotFound("佐证材料不存在");
    }

    private static StationEvaluationView View(StationEvaluation e) => new(e.Year, e.HeldOn, e.Satisfied, e.BasicallySatisfied, e.Dissatisfied,
        StationRules.SatisfactionRate(e.Satisfied, e.BasicallySatisfied, e.Dissatisfied) ?? 0, e.Rating, e.Note);

    private static async Task<IReadOnlyList<StationEvaluationView>> EvaluationsAsync(IQueryable<StationEvaluation> evaluations, CancellationToken ct) =>
        [.. (await evaluations.OrderByDescending(e => e.Year).ToListAsync(ct)).Select(View)];

    private async Task<IReadOnlyList<StationView>> ViewsAsync(IQueryable<StationAssignment> stays, CancellationToken ct)
    {
        var rows = await stays.Select(a => new
        {
            a.Id, a.PersonId, Person = a.Person!.Name, a.VillageOrganizationId, Village = a.Village!.Name, a.Village.Path, a.SentByOrganizationId,
            SentBy = db.Organizations.Where(o => o.Id == a.SentByOrganizationId).Select(o => o.Name).FirstOrDefault(), a.Role, a.StartOn, a.EndOn,
            Deeds = db.StationEntries.Count(e => e.AssignmentId == a.Id && e.Kind == StationEntryKind.Deed),
            Beneficiaries = db.StationEntries.Where(e => e.AssignmentId == a.Id && e.Kind == StationEntryKind.Deed).Sum(e => (int?)e.Beneficiaries) ?? 0,
            Last = db.StationEvaluations.Where(e => e.AssignmentId == a.Id).OrderByDescending(e => e.Year).Select(e => new { e.Year, e.Rating }).FirstOrDefault(),
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var checkIns = (await db.StationCheckIns.Where(c => ids.Contains(c.AssignmentId)).Select(c => new { c.AssignmentId, c.Month }).ToListAsync(ct))
            .ToLookup(c => c.AssignmentId, c => c.Month);
        // The villages' townships: among their ancestors, read from the materialized paths (not every township of the province).
        var ancestors = rows.SelectMany(r => r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)).Distinct()
            .Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var townships = await db.Organizations.Where(o => ancestors.Contains(o.Id) && (o.Level == OrganizationLevel.TownshipCommittee || o.Level == OrganizationLevel.WorkingCommittee))
            .Select(o => new { o.Name, o.Path }).ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        return [.. rows.Select(r => new StationView(r.Id, r.PersonId, r.Person, r.VillageOrganizationId, r.Village,
            townships.Where(t => r.Path.StartsWith(t.Path, StringComparison.Ordinal)).Select(t => t.Name).FirstOrDefault(), r.SentByOrganizationId, r.SentBy, r.Role,
            r.StartOn, r.EndOn, r.Deeds, r.Beneficiaries, StationRules.MonthsDue(r.StartOn, r.EndOn, today).Count,
            StationRules.MonthsMissed(r.StartOn, r.EndOn, today, checkIns[r.Id]).Count, r.Last?.Rating, r.Last?.Year))];
    }
}
