using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Organizations;
using Pingyi.Core.Venues;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Venues;

public sealed record VenueFilter(bool? Below = null, string? Q = null, int? Page = null, int? PageSize = null);

/// <summary>A village of the scope with its venue (null figures when none is registered) and what falls short of the standard.</summary>
public sealed record VenueRow(long OrganizationId, string Village, string? Township, decimal? Area, decimal? OperatingFunds, VenueCentres Centres, DateOnly? StandardizedOn,
    string? Note, IReadOnlyList<string> Shortfalls)
{
    public bool Registered => Area is not null;

    public bool Meets => Registered && Shortfalls.Count == 0;
}

/// <summary>One organization's villages (or the total): how many, registered, meeting the standard, below it, brought to standard this year.</summary>
public sealed record VenueCount(long OrganizationId, string Name, int Villages, int Registered, int Meeting, int Below, int StandardizedThisYear);

public sealed record VenueSummary(int Year, decimal MinArea, decimal MinFunds, int YearTarget, VenueCount Total, IReadOnlyList<VenueCount> Rows);

/// <summary>The villages and communities of the caller's scope with their venues, measured against the standard; the counts per organization below.</summary>
public sealed class VenueQueries(PingyiDbContext db, Scope scope, IOptions<VenueOptions> options, TimeProvider clock)
{
    private async Task<List<(string Path, VenueRow Row)>> RowsAsync(string? q, CancellationToken ct)
    {
        var villages = (await scope.OrganizationsAsync(ct))
            .Where(o => o.Status == OrganizationStatus.Active).Where(Organizations.VillageOrganizations.Is);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            villages = villages.Where(o => o.Name.Contains(term));
        }
        var rows = await (from o in villages
                          join v in db.Venues on o.Id equals v.OrganizationId into venues
                          from v in venues.DefaultIfEmpty()
                          orderby o.Path
                          select new { o.Id, o.Name, Township = o.Parent!.Name, o.Path, Venue = v })
            .ToListAsync(ct);
        var standard = options.Value.Standard;
        return [.. rows.Select(r => (r.Path, new VenueRow(r.Id, r.Name, r.Township, r.Venue?.Area, r.Venue?.OperatingFunds, r.Venue?.Centres ?? VenueCentres.None, r.Venue?.StandardizedOn,
            r.Venue?.Note, r.Venue is null ? ["未登记活动场所"] : standard.Shortfalls(r.Venue.Area, r.Venue.OperatingFunds, r.Venue.Centres))))];
    }

    public async Task<Paged<VenueRow>> ListAsync(VenueFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 50);
        var rows = (await RowsAsync(filter.Q, ct)).Select(r => r.Row).Where(r => filter.Below is not { } below || below != r.Meets).ToList();
        return new Paged<VenueRow>([.. rows.Skip((page - 1) * size).Take(size)], page, size, rows.Count);
    }

    public async Task<VenueRow> VillageAsync(long organizationId, CancellationToken ct = default) =>
        (await RowsAsync(null, ct)).Select(r => r.Row).FirstOrDefault(r => r.OrganizationId == organizationId)
        ?? throw RuleViolation.NotFound("村（社区）党组织不存在或不在您的管理范围内");

    public async Task<VenueSummary> SummaryAsync(CancellationToken ct = default)
    {
        var (root, children) = await scope.RootAndChildrenAsync(null, ct);
        var rows = await RowsAsync(null, ct);
        var year = ChinaTime.Today(clock).Year;
        VenueCount Count(long id, string name, string path)
        {
            var of = rows.Where(r => r.Path.StartsWith(path, StringComparison.Ordinal)).Select(r => r.Row).ToList();
            return new VenueCount(id, name, of.Count, of.Count(r => r.Registered), of.Count(r => r.Meets), of.Count(r => !r.Meets), of.Count(r => r.StandardizedOn?.Year == year));
        }
        var o = options.Value;
        return new VenueSummary(year, o.MinArea, o.MinFunds, o.YearTarget, Count(root.Id, root.Name, root.Path),
            [.. children.Select(c => Count(c.Id, c.Name, c.Path)).Where(c => c.Villages > 0)]);
    }
}
