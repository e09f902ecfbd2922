using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Delegates;

public sealed record DutyFilter(DutyKind? Kind = null, bool? Answered = null, string? Q = null, int? Page = null, int? PageSize = null);

public sealed record DutyView(long Id, DutyKind Kind, long PersonId, string Delegate, string Organization, long AddressedOrganizationId, string Addressed, DateOnly On,
    string Subject, string Content, string? Answer, DateOnly? AnsweredOn, bool? Satisfied, string? FollowUp, long? LedgerItemId, string UserName);

public sealed record ObservationView(long Id, string Organization, DateOnly On, string Meeting, int Observers, string? ObserverNames, string Matters, string? Opinions);

/// <summary>The year's duties of the scope by kind — answered, followed up with the delegate satisfied, proposals raised as ledger items — and members' attendance.</summary>
public sealed record DelegatesSummary(int Year, IReadOnlyList<DutyCount> Kinds, int Observations, int Observers);

public sealed record DutyCount(DutyKind Kind, int Total, int Answered, int Satisfied, int Raised);

/// <summary>Delegates' duties seen from the delegate's organization or the answering unit, and the attendance of committee meetings, within the caller's scope.</summary>
public sealed class DelegatesQueries(PingyiDbContext db, Scope scope)
{
    private async Task<IQueryable<DelegateDuty>> InScopeAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.DelegateDuties.Where(d => d.Organization!.Path.StartsWith(path) || d.Addressed!.Path.StartsWith(path));
    }

    public async Task<Paged<DutyView>> ListAsync(DutyFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 50);
        var query = await InScopeAsync(ct);
        if (filter.Kind is { } kind)
        {
            query = query.Where(d => d.Kind == kind);
        }
        if (filter.Answered is { } answered)
        {
            query = answered ? query.Where(d => d.Answer != null) : query.Where(d => d.Answer == null);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(d => d.Subject.Contains(q) || d.Person!.Name.Contains(q) || d.Addressed!.Name.Contains(q));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(d => d.On).ThenByDescending(d => d.Id).Skip((page - 1) * size).Take(size).Select(View).ToListAsync(ct);
        return new Paged<DutyView>(rows, page, size, total);
    }

    public async Task<DutyView> DetailsAsync(long id, CancellationToken ct = default) =>
        await (await InScopeAsync(ct)).Where(d => d.Id == id).Select(View).FirstOrDefaultAsync(ct)
        ?? throw RuleViolation.NotFound("履职记录不存在或不在您的管理范围内");

    public async Task<DelegatesSummary> SummaryAsync(int year, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var duties = await (await InScopeAsync(ct)).Where(d => d.On >= from && d.On <= to)
            .Select(d => new { d.Kind, Answered = d.Answer != null, d.Satisfied, Raised = d.LedgerItemId != null }).ToListAsync(ct);
        var path = await scope.PathAsync(ct);
        var observations = await db.CommitteeObservations.Where(o => o.Organization!.Path.StartsWith(path) && o.On >= from && o.On <= to).Select(o => o.Observers).ToListAsync(ct);
        return new DelegatesSummary(year, [.. Enum.GetValues<DutyKind>().Select(k => new DutyCount(k, duties.Count(d => d.Kind == k), duties.Count(d => d.Kind == k && d.Answered),
            duties.Count(d => d.Kind == k && d.Satisfied == true), duties.Count(d => d.Kind == k && d.Raised)))], observations.Count, observations.Sum());
    }

    public async Task<Paged<ObservationView>> ObservationsAsync(int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, pageSize, 20);
        var path = await scope.PathAsync(ct);
        var query = db.CommitteeObservations.Where(o => o.Organization!.Path.StartsWith(path));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(o => o.On).ThenByDescending(o => o.Id).Skip((p - 1) * size).Take(size)
            .Select(o => new ObservationView(o.Id, o.Organization!.Name, o.On, o.Meeting, o.Observers, o.ObserverNames, o.Matters, o.Opinions)).ToListAsync(ct);
        return new Paged<ObservationView>(rows, p, size, total);
    }

    private static readonly System.Linq.Expressions.Expression<Func<DelegateDuty, DutyView>> View = d => new DutyView(d.Id, d.Kind, d.PersonId, d.Person!.Name, d.Organization!.Name,
        d.AddressedOrganizationId, d.Addressed!.Name, d.On, d.Subject, d.Content, d.Answer, d.AnsweredOn, d.Satisfied, d.FollowUp, d.LedgerItemId, d.UserName);
}
