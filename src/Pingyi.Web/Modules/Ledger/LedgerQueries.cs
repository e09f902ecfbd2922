using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Ledger;

public sealed record LedgerEventView(string Kind, LedgerState? FromState, LedgerState? ToState, DateOnly? OldDeadline, DateOnly? NewDeadline,
    string? Text, string UserName, DateTime At);

public sealed record LedgerItemView(long Id, LedgerSource Source, string Category, string Description, long ResponsibleOrganizationId,
    string ResponsibleOrganization, string? ResponsiblePersonName, long? SupervisingOrganizationId, string? Measures, string? Progress,
    DateOnly? Deadline, LedgerState State, bool Overdue, long? MeetingId, DateTime CreatedAt, DateTime? ClosedOutAt,
    IReadOnlyList<LedgerEventView>? Events = null, long? VisitId = null, long? EscalatedToOrganizationId = null);

public sealed record EvidenceView(long Id, long EventId, string FileName, long Length, string Sha256, DateTime At);

/// <param name="OrganizationId">Items of exactly this responsible organization.</param>
/// <param name="Under">Items whose responsible organization is this one or below it (a township's whole ledger).</param>
/// <param name="DueFrom">Items whose deadline is on or after this day.</param>
/// <param name="DueTo">Items whose deadline is on or before this day.</param>
public sealed record LedgerFilter(string? Q, LedgerState? State, string? Category, LedgerSource? Source, bool? Overdue, long? OrganizationId,
    int? Page, int? PageSize, long? Under = null, DateOnly? DueFrom = null, DateOnly? DueTo = null);

/// <summary>
/// The rectification ledger as read: items are visible to whoever's scope holds the responsible or the supervising
/// organization (<see cref="LedgerAccess"/>). The changes are the use cases beside this file; the responsible side
/// works an item, the supervising side closes it out or sends it back, and every change is an event of the item and
/// an audit entry.
/// </summary>
public sealed class LedgerQueries(PingyiDbContext db, Scope scope, TimeProvider clock, FileStore files, LedgerAccess access)
{
    public async Task<Paged<LedgerItemView>> ListAsync(LedgerFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 50);
        var today = ChinaTime.Today(clock);
        var query = await access.VisibleAsync(ct);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(i => i.Description.Contains(q) || i.ResponsibleOrganization!.Name.Contains(q));
        }
        if (filter.State is { } state)
        {
            query = query.Where(i => i.State == state);
        }
        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            query = query.Where(i => i.Category == filter.Category);
        }
        if (filter.Source is { } source)
        {
            query = query.Where(i => i.Source == source);
        }
        if (filter.Overdue == true)
        {
            query = query.Where(LedgerOverdue.On(today));
        }
        if (filter.OrganizationId is { } org)
        {
            query = query.Where(i => i.ResponsibleOrganizationId == org);
        }
        if (filter.DueFrom is { } from)
        {
            query = query.Where(i => i.Deadline != null && i.Deadline >= from);
        }
        if (filter.DueTo is { } to)
        {
            query = query.Where(i => i.Deadline != null && i.Deadline <= to);
        }
        if (filter.Under is { } under)
        {
            var path = await (await scope.OrganizationsAsync(ct)).Where(o => o.Id == under).Select(o => o.Path).FirstOrDefaultAsync(ct) ?? "/none/";
            query = query.Where(i => i.ResponsibleOrganization!.Path.StartsWith(path));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(i => i.State == LedgerState.ClosedOut).ThenBy(i => i.Deadline == null).ThenBy(i => i.Deadline).ThenBy(i => i.Id)
            .Skip((page - 1) * size).Take(size).Select(View(today)).ToListAsync(ct);
        return new Paged<LedgerItemView>(rows, page, size, total);
    }

    /// <summary>The title of the meeting an item came from, for its page (an item the caller sees names its meeting).</summary>
    public Task<string?> MeetingTitleAsync(long meetingId, CancellationToken ct = default) =>
        db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Title).FirstOrDefaultAsync(ct);

    public async Task<LedgerItemView?> GetAsync(long id, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var item = await (await access.VisibleAsync(ct)).Where(i => i.Id == id).Select(View(today)).FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return null;
        }
        var events = await db.LedgerEvents.Where(e => e.ItemId == id).OrderBy(e => e.Id)
            .Select(e => new LedgerEventView(e.Kind, e.FromState, e.ToState, e.OldDeadline, e.NewDeadline, e.Text, e.UserName, e.At)).ToListAsync(ct);
        return item with { Events = events };
    }

    private static System.Linq.Expressions.Expression<Func<LedgerItem, LedgerItemView>> View(DateOnly today) => LedgerOverdue.Project((i, overdue) => new LedgerItemView(
        i.Id, i.Source, i.Category, i.Description, i.ResponsibleOrganizationId, i.ResponsibleOrganization!.Name, i.ResponsiblePersonName,
        i.SupervisingOrganizationId, i.Measures, i.Progress, i.Deadline, i.State,
        overdue, i.MeetingId, i.CreatedAt, i.ClosedOutAt, null,
        i.VisitId, i.EscalatedToOrganizationId), today);

    public async Task<IReadOnlyList<EvidenceView>> EvidenceAsync(long id, CancellationToken ct = default)
    {
        await access.ItemAsync(id, ct);
        return await db.LedgerEvidence.Where(e => e.ItemId == id).OrderBy(e => e.Id)
            .Select(e => new EvidenceView(e.Id, e.EventId, e.FileName, e.Length, e.Sha256, e.At)).ToListAsync(ct);
    }

    /// <summary>An evidence file, only to those who can see its item.</summary>
    public async Task<(Stream Content, string FileName)> OpenEvidenceAsync(long id, long evidenceId, CancellationToken ct = default)
    {
        await access.ItemAsync(id, ct);
        var evidence = await db.LedgerEvidence.FirstOrDefaultAsync(e => e.Id == evidenceId && e.ItemId == id, ct);
        return evidence is not null && files.Open(evidence.File) is { } stream
            ? (stream, evidence.FileName)
            : throw RuleViolation.NotFound("佐证材料不存在");
    }

    /// <summary>What the caller may do with an item: work it (the responsible side) and close it out or send it back (the supervising side).</summary>
    public async Task<(bool Work, bool Supervise)> PermissionsAsync(LedgerItemView item, CancellationToken ct = default) =>
        (scope.User.Allows(Policies.LedgerWorkers) && await access.InScopeAsync(item.ResponsibleOrganizationId, ct),
         scope.User.Allows(Policies.LedgerSupervisors) && await access.InScopeAsync(item.SupervisingOrganizationId, ct));
}
