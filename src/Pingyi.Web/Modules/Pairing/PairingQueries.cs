using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Commitments;
using Pingyi.Core.Grading;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Pairing;

public sealed record PairingFilter(bool? Active = null, string? Q = null, int? Page = null, int? PageSize = null);

public sealed record PairingRow(long Id, long? UnitOrganizationId, string Unit, long VillageOrganizationId, string Village, string? Township, DateOnly StartOn, DateOnly? EndOn,
    int Activities, DateOnly? LastActivity);

public sealed record ActivityView(long Id, DateOnly On, PairingHelp Help, string Description, decimal? Amount, string Evidence, string? EvidenceName, string UserName);

/// <summary>One side's record in a year: the grade published for it (分类定级) and its commitments — made, fulfilled.</summary>
public sealed record SideYear(int Year, OrganizationGrade? Grade, int Commitments, int Fulfilled);

public sealed record PairingView(long Id, long? UnitOrganizationId, string Unit, long VillageOrganizationId, string Village, DateOnly StartOn, DateOnly? EndOn, string Plan,
    IReadOnlyList<ActivityView> Activities, IReadOnlyList<SideYear> UnitYears, IReadOnlyList<SideYear> VillageYears);

/// <summary>The pairings of one organization's villages (or the total) and what they gave this year.</summary>
public sealed record PairingCount(long OrganizationId, string Name, int Pairings, int Villages, int Activities, decimal Funding);

public sealed record PairingSummary(int Year, PairingCount Total, IReadOnlyList<PairingCount> Rows, IReadOnlyDictionary<PairingHelp, int> ByHelp);

/// <summary>Pairings seen from either side's scope: the list, one pairing with its activities and both sides' grades and commitments, the year's figures.</summary>
public sealed class PairingQueries(PingyiDbContext db, Scope scope, TimeProvider clock)
{
    private async Task<IQueryable<BranchPairing>> InScopeAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.BranchPairings.Where(p => p.Village!.Path.StartsWith(path) || (p.Unit != null && p.Unit.Path.StartsWith(path)));
    }

    public async Task<Paged<PairingRow>> ListAsync(PairingFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 50);
        var query = await InScopeAsync(ct);
        if (filter.Active is { } active)
        {
            query = active ? query.Where(p => p.EndOn == null) : query.Where(p => p.EndOn != null);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(p => p.Village!.Name.Contains(q) || (p.Unit != null && p.Unit.Name.Contains(q)) || (p.Partner != null && p.Partner.Contains(q)));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(p => p.Village!.Path).ThenBy(p => p.Id).Skip((page - 1) * size).Take(size)
            .Select(p => new PairingRow(p.Id, p.UnitOrganizationId, p.Unit != null ? p.Unit.Name : p.Partner!, p.VillageOrganizationId, p.Village!.Name, p.Village.Parent!.Name,
                p.StartOn, p.EndOn, p.Activities.Count, p.Activities.Max(a => (DateOnly?)a.On)))
            .ToListAsync(ct);
        return new Paged<PairingRow>(rows, page, size, total);
    }

    public async Task<PairingView> DetailsAsync(long id, CancellationToken ct = default)
    {
        var p = await (await InScopeAsync(ct)).AsNoTracking().Include(x => x.Activities).Include(x => x.Unit).Include(x => x.Village)
            .FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw RuleViolation.NotFound("结对记录不存在或不在您的管理范围内");
        var from = p.StartOn.Year - 1;
        var to = (p.EndOn ?? ChinaTime.Today(clock)).Year;
        return new PairingView(p.Id, p.UnitOrganizationId, p.Unit?.Name ?? p.Partner!, p.VillageOrganizationId, p.Village!.Name, p.StartOn, p.EndOn, p.Plan,
            [.. p.Activities.OrderByDescending(a => a.On).ThenByDescending(a => a.Id).Select(a => new ActivityView(a.Id, a.On, a.Help, a.Description, a.Amount, a.Evidence, a.EvidenceName, a.UserName))],
            p.UnitOrganizationId is { } unit ? await YearsAsync(unit, from, to, ct) : [], await YearsAsync(p.VillageOrganizationId, from, to, ct));
    }

    /// <summary>An activity's evidence file, for a pairing in scope.</summary>
    public async Task<(Stream Content, string FileName)> OpenEvidenceAsync(long id, long activityId, FileStore files, CancellationToken ct = default)
    {
        var activity = await (await InScopeAsync(ct)).Where(p => p.Id == id).SelectMany(p => p.Activities).FirstOrDefaultAsync(a => a.Id == activityId, ct);
        return activity?.EvidenceFile is { } file && files.Open(file) is { } stream ? (stream, activity.EvidenceName ?? "佐证材料") : throw RuleViolation.NotFound("佐证材料不存在");
    }

    /// <summary>The pairings of the villages of the caller's organization and of each organization under it, with this year's activities and funding.</summary>
    public async Task<PairingSummary> SummaryAsync(int year, CancellationToken ct = default)
    {
        var (root, children) = await scope.RootAndChildrenAsync(null, ct);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var pairings = await db.BranchPairings.Where(p => p.Village!.Path.StartsWith(root.Path) && p.StartOn <= to && (p.EndOn == null || p.EndOn >= from))
            .Select(p => new { p.Village!.Path, p.VillageOrganizationId, Activities = p.Activities.Where(a => a.On >= from && a.On <= to).Select(a => new { a.Help, a.Amount }).ToList() })
            .ToListAsync(ct);
        PairingCount Count(long id, string name, string path)
        {
            var of = pairings.Where(p => p.Path.StartsWith(path, StringComparison.Ordinal)).ToList();
            return new PairingCount(id, name, of.Count, of.Select(p => p.VillageOrganizationId).Distinct().Count(), of.Sum(p => p.Activities.Count),
                of.SelectMany(p => p.Activities).Sum(a => a.Amount ?? 0));
        }
        return new PairingSummary(year, Count(root.Id, root.Name, root.Path), [.. children.Select(c => Count(c.Id, c.Name, c.Path)).Where(c => c.Pairings > 0)],
            pairings.SelectMany(p => p.Activities).GroupBy(a => a.Help).ToDictionary(g => g.Key, g => g.Count()));
    }

    private async Task<IReadOnlyList<SideYear>> YearsAsync(long organizationId, int from, int to, CancellationToken ct)
    {
        var grades = await db.GradeResults.Where(g => g.OrganizationId == organizationId && g.Year >= from && g.Year <= to)
            .Select(g => new { g.Year, g.PublishedGrade }).ToListAsync(ct);
        var commitments = await db.Commitments.Where(c => c.OrganizationId == organizationId && c.Year >= from && c.Year <= to)
            .GroupBy(c => c.Year).Select(g => new { Year = g.Key, Count = g.Count(), Fulfilled = g.Count(c => c.State == CommitmentState.Fulfilled) }).ToListAsync(ct);
        return [.. Enumerable.Range(from, to - from + 1).Select(y => new SideYear(y, grades.FirstOrDefault(g => g.Year == y)?.PublishedGrade,
            commitments.FirstOrDefault(c => c.Year == y)?.Count ?? 0, commitments.FirstOrDefault(c => c.Year == y)?.Fulfilled ?? 0))];
    }
}
