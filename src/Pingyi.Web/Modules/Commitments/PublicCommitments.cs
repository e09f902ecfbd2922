using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Commitments;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>The public board's counts for a year (seed 004): made, new this year, fulfilled, overdue and the fulfilment rate.</summary>
/// <param name="Made">Public commitments that cover the year (published or closed out).</param>
/// <param name="New">Of them, those whose period begins this year.</param>
/// <param name="Rate">Fulfilled ÷ closed out, in percent; null before any is closed.</param>
public sealed record CommitmentCounts(int Made, int New, int Fulfilled, int Unfulfilled, int Overdue, int? Rate);

public sealed record PublicCommitment(long Id, string Organization, string? PersonName, string Title, int Year, int? TermEndYear, CommitmentState State,
    int Progress, int OverdueItems, IReadOnlyList<(string Target, DateOnly Deadline, int Progress)> Items, int? Stars = null);

/// <summary>
/// What anyone may read without an account: commitments once published (亮诺) — never drafts or ones awaiting approval —
/// with the organization's name, a member's name and branch and nothing else personal.
/// </summary>
public sealed class PublicCommitments(PingyiDbContext db, TimeProvider clock)
{
    private static readonly CommitmentState[] Public = [CommitmentState.Published, CommitmentState.Fulfilled, CommitmentState.Unfulfilled];

    /// <summary>The organizations a visitor can choose: the top of the tree and the committees below it (county, townships).</summary>
    public async Task<IReadOnlyList<OrganizationChoice>> AreasAsync(CancellationToken ct) =>
        await OrganizationChoices.TreeAsync(db.Organizations.Committees().Where(o => o.Depth <= 1), ct, 200);

    /// <summary>The year's 十佳 in the area: the commitments a published vote placed in the first ten, organizations' and members'.</summary>
    public async Task<IReadOnlyList<(CommitmentOwner Owner, string Organization, string? PersonName, string Title)>> TopTenAsync(long? under, int year, CancellationToken ct)
    {
        var path = under is { } id ? await db.Organizations.Where(o => o.Id == id).Select(o => o.Path).FirstOrDefaultAsync(ct) ?? "\u0001" : string.Empty;
        var nominated = await db.TopTenNominations.Where(n => n.Year == year).Join(db.Commitments.Where(c => Public.Contains(c.State) && c.Organization!.Path.StartsWith(path)),
            n => n.CommitmentId, c => c.Id, (n, c) => c.Id).ToListAsync(ct);
        var named = await CommitmentQueries.TopTenAsync(db, nominated, ct);
        var rows = await db.Commitments.Where(c => named.Contains(c.Id)).OrderBy(c => c.Owner).ThenBy(c => c.Organization!.Path).ThenBy(c => c.PersonName)
            .Select(c => new { c.Owner, Organization = c.Organization!.Name, c.PersonName, c.Title }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Owner, r.Organization, r.PersonName, r.Title))];
    }

    public async Task<(CommitmentCounts Counts, Paged<PublicCommitment> Page)> ForAsync(long? under, int year, int? page, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var path = under is { } id ? await db.Organizations.Where(o => o.Id == id).Select(o => o.Path).FirstOrDefaultAsync(ct) ?? "\u0001" : string.Empty;
        var query = db.Commitments.Where(c => Public.Contains(c.State) && c.Year <= year && (c.TermEndYear ?? c.Year) >= year && c.Organization!.Path.StartsWith(path));
        var counts = await query.GroupBy(_ => 1).Select(g => new
        {
            Made = g.Count(),
            New = g.Count(c => c.Year == year),
            Fulfilled = g.Count(c => c.State == CommitmentState.Fulfilled),
            Unfulfilled = g.Count(c => c.State == CommitmentState.Unfulfilled),
        }).FirstOrDefaultAsync(ct);
        var overdue = await query.CountAsync(CommitmentQueries.WithOverdueItems(today), ct);
        var closed = (counts?.Fulfilled ?? 0) + (counts?.Unfulfilled ?? 0);
        var result = new CommitmentCounts(counts?.Made ?? 0, counts?.New ?? 0, counts?.Fulfilled ?? 0, counts?.Unfulfilled ?? 0, overdue,
            closed == 0 ? null : (int)Math.Round(100m * counts!.Fulfilled / closed, MidpointRounding.AwayFromZero));
        var (number, size) = Paging.Normalize(page, 30, 30);
        var rows = await query.OrderBy(c => c.Organization!.Path).ThenBy(c => c.PersonName).ThenBy(c => c.Id).Skip((number - 1) * size).Take(size)
            .Select(c => new { c.Id, Organization = c.Organization!.Name, c.PersonName, c.Title, c.Year, c.TermEndYear, c.State,
                Items = c.Items.OrderBy(i => i.Order).Select(i => new { i.Target, i.Deadline, i.Progress, i.Weight }).ToList() })
            .AsNoTracking().ToListAsync(ct);
        var list = rows.Select(c => new PublicCommitment(c.Id, c.Organization, c.PersonName, c.Title, c.Year, c.TermEndYear, c.State,
            CommitmentProgress.Of([.. c.Items.Select(i => (i.Progress, i.Weight))]), c.Items.Count(i => CommitmentWorkflow.IsOverdue(c.State, i.Deadline, i.Progress, today)),
            [.. c.Items.Select(i => (i.Target, i.Deadline, i.Progress))])).ToList();
        var stars = await CommitmentQueries.StarsAsync(db, [.. list.Select(c => c.Id)], ct);
        list = [.. list.Select(c => stars.TryGetValue(c.Id, out var s) ? c with { Stars = s } : c)];
        return (result, new Paged<PublicCommitment>(list, number, size, result.Made));
    }
}
