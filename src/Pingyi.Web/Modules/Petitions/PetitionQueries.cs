using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Petitions;

public sealed record PetitionFilter(string? Search = null, PetitionStatus? Status = null, PetitionKind? Kind = null, bool Overdue = false, int? Page = null, int? PageSize = null);

public sealed record PetitionRow(long Id, string Number, PetitionKind Kind, PetitionChannel Channel, string Request, string Petitioner, string Unit,
    PetitionStatus Status, int Level, DateOnly ReceivedOn, DateOnly? Due, bool Overdue);

public sealed record PetitionStep(long Id, string Kind, DateOnly On, string Text, bool Public, DateOnly? Due, string UserName, DateTime At);

public sealed record PetitionReplyView(int Level, string Name, PetitionOpinion Opinion, string Findings, string Basis, DateOnly RepliedOn, string? Number, string UserName);

public sealed record PetitionFileView(long Id, string FileName, long Length);

/// <summary>A case for staff: the petitioner's details masked (<see cref="PetitionQueries.ContactAsync"/> shows them, audited).</summary>
public sealed record PetitionDetails(long Id, string Number, PetitionKind Kind, PetitionChannel Channel, string Request, string Facts, string Petitioner,
    string Address, string Phone, int GroupSize, string? Representatives, string IntakeUnit, long HandlingOrganizationId, string HandlingUnit, string? FromUnit,
    PetitionRouting? RoutedAs, string? AccusedName, string? AccusedUnit, DateOnly FirstReceivedOn, DateOnly ReceivedOn, DateOnly RoutingDue, DateOnly? ObjectionDue,
    DateOnly? AcceptedOn, DateOnly? HandlingDue, int ExtensionDays, int Level, PetitionStatus Status, PetitionClosing Closing, PetitionOpinion? Opinion,
    DateOnly? ReviewRequestUntil, DateOnly? ReviewDue, int HearingDays, PetitionRating? Rating, string? EarlierNumber, DateOnly? Due, bool Overdue,
    IReadOnlyList<PetitionStep> Steps, IReadOnlyList<PetitionReplyView> Replies, IReadOnlyList<PetitionFileView> Files, string? AcceptanceNumber = null);

public sealed record PetitionContact(string Name, string Address, string? Phone, string? Representatives);

/// <summary>An accusation as reported to the organization department (§30: under cadre-management authority): no petitioner, no facts.</summary>
public sealed record ReportedAccusation(long Id, string Number, string AccusedName, string AccusedUnit, DateOnly ReceivedOn, PetitionStatus Status, int Level, PetitionOpinion? Opinion);

/// <summary>A unit's figures: the cases it holds now (a case assigned or transferred counts where it went; Routed: of those, how many came that way).</summary>
public sealed record PetitionUnitFigures(long OrganizationId, string Unit, int Received, int Accepted, int Routed, int Resolved, int Unresolved, int Open, int Overdue,
    double? AverageDaysToResolve, int Rated, int Satisfied);

public sealed record PetitionKindFigures(PetitionKind Kind, int Received, int Resolved, int Unresolved, int Open);

/// <summary>
/// The year's figures (seed 002: 346 accepted, 210 resolved, 136 assigned or transferred): received, accepted, assigned, transferred,
/// resolved and closed without resolving counted apart, open, overdue, average days from receipt to resolution, satisfaction —
/// per unit holding the case (a unit's average is shown only from <see cref="PetitionQueries.MinCasesToRank"/> resolved cases) and per kind.
/// </summary>
public sealed record PetitionStatistics(int Year, int Received, int Accepted, int Assigned, int Transferred, int Resolved, int Unresolved, int Open, int Overdue,
    double? AverageDaysToResolve, int Rated, int Satisfied, int FairlySatisfied, int Dissatisfied, IReadOnlyList<PetitionUnitFigures> Units, IReadOnlyList<PetitionKindFigures> Kinds);

/// <summary>Reads of the petitions, always through <see cref="PetitionAccess.VisibleAsync"/> (scope and §30).</summary>
public sealed class PetitionQueries(PingyiDbContext db, Scope scope, PetitionAccess access, PiiProtector pii, TimeProvider clock, Documents.DocumentRegister register,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    /// <summary>A unit's average days to resolve is shown (and ranked) only from this many resolved cases.</summary>
    public const int MinCasesToRank = 5;

    public async Task<Paged<PetitionRow>> ListAsync(PetitionFilter filter, CancellationToken ct = default)
    {
        scope.User.Require(Policies.PetitionStaff, "信访事项由各单位信访工作人员办理");
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 20);
        var today = ChinaTime.Today(clock);
        var cases = await access.VisibleAsync(ct);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var q = filter.Search.Trim();
            cases = cases.Where(p => p.Number == q.ToUpperInvariant() || p.Request.Contains(q) || p.HandlingOrganization!.Name.Contains(q));
        }
        if (filter.Status is { } status)
        {
            cases = cases.Where(p => p.Status == status);
        }
        if (filter.Kind is { } kind)
        {
            cases = cases.Where(p => p.Kind == kind);
        }
        if (filter.Overdue)
        {
            cases = cases.Where(Overdue(today));
        }
        var total = await cases.CountAsync(ct);
        var rows = await cases.OrderByDescending(p => p.Id).Skip((page - 1) * size).Take(size)
            .Select(p => new { p.Id, p.Number, p.Kind, p.Channel, p.Request, p.PetitionerName, Unit = p.HandlingOrganization!.Name, p.Status, p.Level, p.FirstReceivedOn,
                p.RoutingDue, p.HandlingDue, p.ReviewDue })
            .ToListAsync(ct);
        return new Paged<PetitionRow>([.. rows.Select(p =>
        {
            var due = p.Status switch { PetitionStatus.Registered => p.RoutingDue, PetitionStatus.Accepted => p.HandlingDue, PetitionStatus.InReview => p.ReviewDue, _ => (DateOnly?)null };
            return new PetitionRow(p.Id, p.Number, p.Kind, p.Channel, TextCut.Short(p.Request, 40), MaskName(pii.Decrypt(p.PetitionerName)),
                p.Kind == PetitionKind.Accusation ? $"纪检监察机关（{p.Unit}）" : p.Unit, p.Status, p.Level, p.FirstReceivedOn, due, due < today);
        })], page, size, total);
    }

    public async Task<PetitionDetails> DetailsAsync(long id, CancellationToken ct = default)
    {
        var p = await access.ReadAsync(id, ct);
        var names = await db.Organizations.Where(o => o.Id == p.IntakeOrganizationId || o.Id == p.HandlingOrganizationId || o.Id == p.FromOrganizationId || o.Id == p.AccusedOrganizationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var steps = await db.PetitionEvents.Where(e => e.PetitionId == id).OrderBy(e => e.Id)
            .Select(e => new PetitionStep(e.Id, e.Kind, e.On, e.Text, e.Public, e.Due, e.UserName, e.At)).ToListAsync(ct);
        var replies = new List<PetitionReplyView>();
        foreach (var r in await db.PetitionReplies.Where(r => r.PetitionId == id).OrderBy(r => r.Level).ToListAsync(ct))
        {
            var issued = await register.IssuedAsync(HandlePetitionHandler.Subject(id, r.Level), ct);
            replies.Add(new PetitionReplyView(r.Level, PetitionPeriods.ReplyName(r.Level), r.Opinion, r.Findings, r.Basis, r.RepliedOn, issued?.Number, r.UserName));
        }
        var files = await db.PetitionFiles.Where(f => f.PetitionId == id).OrderBy(f => f.Id).Select(f => new PetitionFileView(f.Id, f.FileName, f.Length)).ToListAsync(ct);
        var earlier = p.EarlierPetitionId is { } e ? await db.Petitions.Where(x => x.Id == e).Select(x => x.Number).FirstOrDefaultAsync(ct) : null;
        var today = ChinaTime.Today(clock);
        return new PetitionDetails(p.Id, p.Number, p.Kind, p.Channel, p.Request, p.Facts, MaskName(pii.Decrypt(p.PetitionerName)), MaskAddress(pii.Decrypt(p.Address)),
            Core.People.Masking.Phone(pii.DecryptOrNull(p.Phone)), p.GroupSize, pii.DecryptOrNull(p.Representatives) is { } reps ? string.Join("、", reps.Split('、').Select(MaskName)) : null,
            names[p.IntakeOrganizationId], p.HandlingOrganizationId, names[p.HandlingOrganizationId], p.FromOrganizationId is { } f ? names.GetValueOrDefault(f) : null, p.RoutedAs,
            p.AccusedName, p.AccusedOrganizationId is { } a ? names.GetValueOrDefault(a) : null, p.FirstReceivedOn, p.ReceivedOn, p.RoutingDue, p.ObjectionDue, p.AcceptedOn,
            p.HandlingDue, p.ExtensionDays, p.Level, p.Status, p.Closing, p.Opinion, p.ReviewRequestUntil, p.ReviewDue, p.HearingDays, p.Rating, earlier, p.Due, p.Due < today,
            steps, replies, files, (await register.IssuedAsync(HandlePetitionHandler.AcceptanceSubject(id), ct))?.Number);
    }

    /// <summary>The petitioner's contact details in full, for staff who must reach them; each look is audited.</summary>
    public async Task<PetitionContact> ContactAsync(long id, CancellationToken ct = default)
    {
        var (p, path) = await access.ActAsync(id, ct);
        access.Log(p, path, "reveal", "查看信访人联系方式", shown: false);
        await db.SaveChangesAsync(ct);
        return new PetitionContact(pii.Decrypt(p.PetitionerName), pii.Decrypt(p.Address), pii.DecryptOrNull(p.Phone), pii.DecryptOrNull(p.Representatives));
    }

    /// <summary>Accusations against cadres of the organization department's subtree, as reported to it (§30) — never to anyone in the accused unit.</summary>
    public async Task<IReadOnlyList<ReportedAccusation>> ReportedAccusationsAsync(CancellationToken ct = default)
    {
        if (!scope.User.Allows(Policies.Selectors))
        {
            return [];
        }
        var path = await scope.PathAsync(ct);
        var chain = await access.OwnChainAsync(ct);
        return await db.Petitions.Where(p => p.Kind == PetitionKind.Accusation && p.AccusedOrganization!.Path.StartsWith(path) && !chain.Contains(p.AccusedOrganizationId!.Value))
            .OrderByDescending(p => p.Id).Take(100)
            .Select(p => new ReportedAccusation(p.Id, p.Number, p.AccusedName!, p.AccusedOrganization!.Name, p.FirstReceivedOn, p.Status, p.Level, p.Opinion)).ToListAsync(ct);
    }

    /// <summary>
    /// The year's figures of the caller's subtree. Counting a county year takes a scan of its cases, so the figures are kept for a
    /// minute under the subtree, the year, the day and the latest step of any case: every change of a case adds a step, so a kept
    /// figure is never older than the last change.
    /// </summary>
    /// <summary>
    /// Accusations naming a cadre (by name, against their organization or one above it) for the cadre profile: the organization
    /// department and the discipline body of the scope, never anyone in the accused unit's chain (§30); no accuser, no facts.
    /// </summary>
    public async Task<IReadOnlyList<ReportedAccusation>> AccusationsOfAsync(long personId, CancellationToken ct = default)
    {
        if (!scope.User.Allows(Policies.Selectors) && !scope.User.Allows(Policies.AccusationHandlers))
        {
            return [];
        }
        var path = await scope.PathAsync(ct);
        var chain = await access.OwnChainAsync(ct);
        var cadre = await db.People.Where(p => p.Id == personId).Select(p => new { p.Name, p.Organization!.Path }).FirstOrDefaultAsync(ct);
        if (cadre is null)
        {
            return [];
        }
        var above = cadre.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        return await db.Petitions.Where(p => p.Kind == PetitionKind.Accusation && p.AccusedName == cadre.Name && above.Contains(p.AccusedOrganizationId!.Value)
                && p.AccusedOrganization!.Path.StartsWith(path) && !chain.Contains(p.AccusedOrganizationId!.Value))
            .OrderByDescending(p => p.Id).Take(50)
            .Select(p => new ReportedAccusation(p.Id, p.Number, p.AccusedName!, p.AccusedOrganization!.Name, p.FirstReceivedOn, p.Status, p.Level, p.Opinion)).ToListAsync(ct);
    }

    public async Task<PetitionStatistics> StatisticsAsync(int year, CancellationToken ct = default)
    {
        scope.User.Require(Policies.PetitionStaff, "信访统计由各单位信访工作人员查看");
        var path = await scope.PathAsync(ct);
        var today = ChinaTime.Today(clock);
        var latest = await db.PetitionEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var key = ("petition-statistics", path, year, today, latest);
        if (cache.TryGetValue(key, out PetitionStatistics? kept) && kept is not null)
        {
            return kept;
        }
        var counted = await CountAsync(path, year, today, ct);
        cache.Set(key, counted, TimeSpan.FromMinutes(1));
        return counted;
    }

    private async Task<PetitionStatistics> CountAsync(string path, int year, DateOnly today, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var until = new DateOnly(year, 12, 31);
        // Figures count every case of the subtree, accusations included (numbers only, nothing of their content); counted in the database.
        var cases = db.Petitions.Where(p => p.FirstReceivedOn >= from && p.FirstReceivedOn <= until && p.HandlingOrganization!.Path.StartsWith(path));
        var groups = await cases
            .GroupBy(p => new { p.HandlingOrganizationId, p.Kind, p.Status, p.Opinion, p.Closing, Accepted = p.AcceptedOn != null, p.Rating })
            .Select(g => new { g.Key.HandlingOrganizationId, g.Key.Kind, g.Key.Status, g.Key.Opinion, g.Key.Closing, g.Key.Accepted, g.Key.Rating, Count = g.Count(), Days = g.Sum(p => p.DaysToEnd ?? 0) })
            .ToListAsync(ct);
        var overdue = await cases.Where(Overdue(today)).GroupBy(p => p.HandlingOrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var routes = await (from e in db.PetitionEvents
                            join p in cases on e.PetitionId equals p.Id
                            where e.Kind == "assign" || e.Kind == "transfer"
                            group e by new { p.HandlingOrganizationId, e.Kind } into g
                            select new { g.Key.HandlingOrganizationId, g.Key.Kind, Count = g.Select(x => x.PetitionId).Distinct().Count() }).ToListAsync(ct);
        var routedCases = await (from e in db.PetitionEvents
                                 join p in cases on e.PetitionId equals p.Id
                                 where e.Kind == "assign" || e.Kind == "transfer"
                                 group e by p.HandlingOrganizationId into g
                                 select new { g.Key, Count = g.Select(x => x.PetitionId).Distinct().Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var ids = groups.Select(g => g.HandlingOrganizationId).Distinct().ToList();
        var names = await db.Organizations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var rows = groups.Select(g => new
        {
            g.HandlingOrganizationId, g.Kind, g.Accepted, g.Rating, g.Count, g.Days,
            Resolved = PetitionPeriods.Resolved(g.Status, g.Opinion, g.Closing),
        }).ToList();
        static double? Average(int days, int count) => count == 0 ? null : Math.Round((double)days / count, 1);
        int Sum(IEnumerable<int> counts) => counts.Sum();
        var units = rows.GroupBy(r => r.HandlingOrganizationId).Select(g =>
        {
            var resolved = g.Where(r => r.Resolved == true).ToList();
            var resolvedCount = resolved.Sum(r => r.Count);
            return new PetitionUnitFigures(g.Key, names.GetValueOrDefault(g.Key, ""), g.Sum(r => r.Count), g.Where(r => r.Accepted).Sum(r => r.Count), routedCases.GetValueOrDefault(g.Key),
                resolvedCount, g.Where(r => r.Resolved == false).Sum(r => r.Count), g.Where(r => r.Resolved is null).Sum(r => r.Count), overdue.GetValueOrDefault(g.Key),
                resolvedCount >= MinCasesToRank ? Average(resolved.Sum(r => r.Days), resolvedCount) : null,
                g.Where(r => r.Rating is not null).Sum(r => r.Count), g.Where(r => r.Rating is PetitionRating.Satisfied or PetitionRating.FairlySatisfied).Sum(r => r.Count));
        }).OrderBy(u => u.AverageDaysToResolve ?? double.MaxValue).ThenByDescending(u => u.Received).ToList();
        var kinds = PetitionText.Kinds.Select(k => new PetitionKindFigures(k, Sum(rows.Where(r => r.Kind == k).Select(r => r.Count)),
            Sum(rows.Where(r => r.Kind == k && r.Resolved == true).Select(r => r.Count)), Sum(rows.Where(r => r.Kind == k && r.Resolved == false).Select(r => r.Count)),
            Sum(rows.Where(r => r.Kind == k && r.Resolved is null).Select(r => r.Count)))).ToList();
        var resolvedAll = rows.Where(r => r.Resolved == true).ToList();
        int Rated(PetitionRating rating) => rows.Where(r => r.Rating == rating).Sum(r => r.Count);
        return new PetitionStatistics(year, rows.Sum(r => r.Count), rows.Where(r => r.Accepted).Sum(r => r.Count),
            routes.Where(r => r.Kind == "assign").Sum(r => r.Count), routes.Where(r => r.Kind == "transfer").Sum(r => r.Count),
            resolvedAll.Sum(r => r.Count), rows.Where(r => r.Resolved == false).Sum(r => r.Count), rows.Where(r => r.Resolved is null).Sum(r => r.Count), overdue.Values.Sum(),
            Average(resolvedAll.Sum(r => r.Days), resolvedAll.Sum(r => r.Count)), rows.Where(r => r.Rating is not null).Sum(r => r.Count),
            Rated(PetitionRating.Satisfied), Rated(PetitionRating.FairlySatisfied), Rated(PetitionRating.Dissatisfied), units, kinds);
    }

    /// <summary>Open cases whose running clock has passed (routing, handling or review).</summary>
    public static System.Linq.Expressions.Expression<Func<Petition, bool>> Overdue(DateOnly today) => p =>
        (p.Status == PetitionStatus.Registered && p.RoutingDue < today)
        || (p.Status == PetitionStatus.Accepted && p.HandlingDue < today)
        || (p.Status == PetitionStatus.InReview && p.ReviewDue < today);

    /// <summary>张*, 欧阳**: the first character kept.</summary>
    public static string MaskName(string name) => name.Length <= 1 ? name : name[0] + new string('*', name.Length - 1);

    public static string MaskAddress(string address) => address.Length <= 6 ? address : address[..6] + "****";
}
