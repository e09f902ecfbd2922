using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Coverage;

public sealed record NewOrganizationRow(long Id, string Name, NewOrganizationKind Kind, long OrganizationId, string Township, int Employees, int Members,
    CoverageMode Mode, long? PartyOrganizationId, string? PartyOrganization, DateOnly? CoveredOn, string? Instructor, long? LeaderPersonId, string? Leader);

public sealed record CoverageFilter(NewOrganizationKind? Kind = null, bool? Covered = null, string? Q = null, int? Page = null, int? PageSize = null);

/// <summary>
/// Coverage of one township (or the total): organization coverage of enterprises and of social organizations apart, and
/// work coverage (a party organization or an instructor) of both.
/// </summary>
public sealed record CoverageRow(long OrganizationId, string Name, int Enterprises, int EnterprisesCovered, int Social, int SocialCovered, int WorkCovered)
{
    public decimal? EnterpriseRate => Enterprises == 0 ? null : Math.Round((decimal)EnterprisesCovered / Enterprises, 4);

    public decimal? SocialRate => Social == 0 ? null : Math.Round((decimal)SocialCovered / Social, 4);

    public decimal? WorkRate => Enterprises + Social == 0 ? null : Math.Round((decimal)WorkCovered / (Enterprises + Social), 4);
}

public sealed record CoverageSummary(decimal Target, CoverageRow Total, IReadOnlyList<CoverageRow> Rows, int Instructors, int Leaders, int LeaderLinks);

/// <summary>
/// Who counts as a county leader for linking key enterprises: the leaders of county leaders' projects (县级领导包靠项目) and
/// the holders of posts in the county committee.
/// </summary>
public static class CountyLeaders
{
    public static IQueryable<long> Ids(PingyiDbContext db) =>
        db.Projects.Select(p => p.LeaderPersonId)
            .Union(db.CadrePositions.Where(p => p.TermEnd == null && p.Organization!.ParentId == null).Select(p => p.PersonId));
}

/// <summary>The new organizations of the caller's scope, and their coverage per township against the target.</summary>
public sealed class CoverageQueries(PingyiDbContext db, Scope scope, IOptions<CoverageOptions> options)
{
    private async Task<IQueryable<NewOrganization>> InScopeAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.NewOrganizations.Where(n => n.Organization!.Path.StartsWith(path));
    }

    public async Task<CoverageSummary> SummaryAsync(CancellationToken ct = default)
    {
        var (root, children) = await scope.RootAndChildrenAsync(null, ct);
        var units = await (await InScopeAsync(ct)).Select(n => new { n.Organization!.Path, n.Kind, n.Mode, n.Instructor, n.LeaderPersonId }).ToListAsync(ct);
        CoverageRow Row(long id, string name, string path)
        {
            var of = units.Where(u => u.Path.StartsWith(path, StringComparison.Ordinal)).ToList();
            return new CoverageRow(id, name, of.Count(u => u.Kind == NewOrganizationKind.Enterprise), of.Count(u => u.Kind == NewOrganizationKind.Enterprise && u.Mode != CoverageMode.None),
                of.Count(u => u.Kind == NewOrganizationKind.SocialOrganization), of.Count(u => u.Kind == NewOrganizationKind.SocialOrganization && u.Mode != CoverageMode.None),
                of.Count(u => u.Mode != CoverageMode.None || u.Instructor != null));
        }
        return new CoverageSummary(options.Value.Target, Row(root.Id, root.Name, root.Path),
            [.. children.Select(c => Row(c.Id, c.Name, c.Path)).Where(r => r.Enterprises + r.Social > 0)],
            units.Where(u => u.Instructor != null).Select(u => u.Instructor).Distinct().Count(),
            units.Where(u => u.LeaderPersonId != null).Select(u => u.LeaderPersonId).Distinct().Count(), units.Count(u => u.LeaderPersonId != null));
    }

    public async Task<Paged<NewOrganizationRow>> ListAsync(CoverageFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 50);
        var query = await InScopeAsync(ct);
        if (filter.Kind is { } kind)
        {
            query = query.Where(n => n.Kind == kind);
        }
        if (filter.Covered is { } covered)
        {
            query = covered ? query.Where(n => n.Mode != CoverageMode.None) : query.Where(n => n.Mode == CoverageMode.None);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(n => n.Name.Contains(q));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(n => n.Organization!.Path).ThenBy(n => n.Kind).ThenBy(n => n.Name).Skip((page - 1) * size).Take(size).Select(Row).ToListAsync(ct);
        return new Paged<NewOrganizationRow>(rows, page, size, total);
    }

    public async Task<NewOrganizationRow> DetailsAsync(long id, CancellationToken ct = default) =>
        await (await InScopeAsync(ct)).Where(n => n.Id == id).Select(Row).FirstOrDefaultAsync(ct)
        ?? throw RuleViolation.NotFound("两新组织不存在或不在您的管理范围内");

    private static readonly System.Linq.Expressions.Expression<Func<NewOrganization, NewOrganizationRow>> Row = n => new NewOrganizationRow(n.Id, n.Name, n.Kind,
        n.OrganizationId, n.Organization!.Name, n.Employees, n.Members, n.Mode, n.PartyOrganizationId, n.PartyOrganization!.Name, n.CoveredOn, n.Instructor, n.LeaderPersonId,
        n.Leader!.Name);
}
