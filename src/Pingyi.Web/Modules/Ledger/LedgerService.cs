using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Ledger;

public sealed record CreateLedgerItem(string Category, string Description, long ResponsibleOrganizationId, string? ResponsiblePersonName,
    long? SupervisingOrganizationId, DateOnly? Deadline, string? Measures, LedgerSource? Source);

public sealed record LedgerChange(string? Text);

public sealed record ExtendDeadline(DateOnly Deadline, string Reason);

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
/// The rectification ledger: items are visible to whoever's scope holds the responsible or the
/// supervising organization; the responsible side works an item, the supervising side closes it out
/// or sends it back. Every change is an event of the item and an audit entry.
/// </summary>
public sealed class LedgerService(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, FileStore files, Notifications.Notifier notifier)
{
    public static readonly string[] EvidenceTypes = [".jpg", ".jpeg", ".png", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"];

    public const long MaxEvidenceBytes = 20L * 1024 * 1024;

    public const int MaxEvidenceFiles = 10;

    /// <summary>A progress report of the responsible side, with up to ten evidence files; the state does not change.</summary>
    public async Task<LedgerItemView> ReportProgressAsync(long id, string? text, IReadOnlyList<IFormFile> evidence, CancellationToken ct = default)
    {
        var (item, path) = await FindAsync(id, ct);
        if (!scope.User.Allows(Policies.LedgerWorkers) || !await InScopeAsync(item.ResponsibleOrganizationId, ct))
        {
            throw RuleViolation.Forbidden("只有责任单位可以报告进展");
        }
        if (item.State == LedgerState.ClosedOut)
        {
            throw new RuleViolation("已销号的事项不能再报告进展");
        }
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > 4000)
        {
            throw RuleViolation.Invalid("请填写进展情况（不超过4000字）");
        }
        if (evidence.Count > MaxEvidenceFiles)
        {
            throw RuleViolation.Invalid($"每次最多上传 {MaxEvidenceFiles} 个佐证材料");
        }
        var stored = new List<StoredFile>();
        foreach (var file in evidence)
        {
            stored.Add(await files.SaveAsync(file, EvidenceTypes, MaxEvidenceBytes, ct));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        item.Progress = trimmed;
        var change = new LedgerEvent { ItemId = id, Kind = "Progress", FromState = item.State, ToState = item.State, Text = trimmed, UserName = scope.UserName ?? "system", At = now };
        db.LedgerEvents.Add(change);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var f in stored)
        {
            db.LedgerEvidence.Add(new LedgerEvidence
            {
                ItemId = id, EventId = change.Id, FileName = f.FileName.Length > 200 ? f.FileName[^200..] : f.FileName, File = f.Path, Sha256 = f.Sha256,
                Length = f.Length, At = now,
            });
        }
        audit.Record("ledger.progress", nameof(LedgerItem), id, path, new { text = trimmed, files = stored.Select(f => new { f.FileName, f.Sha256, f.Length }) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return (await GetAsync(id, ct))!;
    }

    public async Task<IReadOnlyList<EvidenceView>> EvidenceAsync(long id, CancellationToken ct = default)
    {
        await FindAsync(id, ct);
        return await db.LedgerEvidence.Where(e => e.ItemId == id).OrderBy(e => e.Id)
            .Select(e => new EvidenceView(e.Id, e.EventId, e.FileName, e.Length, e.Sha256, e.At)).ToListAsync(ct);
    }

    /// <summary>An evidence file, only to those who can see its item.</summary>
    public async Task<(Stream Content, string FileName)> OpenEvidenceAsync(long id, long evidenceId, CancellationToken ct = default)
    {
        await FindAsync(id, ct);
        var evidence = await db.LedgerEvidence.FirstOrDefaultAsync(e => e.Id == evidenceId && e.ItemId == id, ct);
        return evidence is not null && files.Open(evidence.File) is { } stream
            ? (stream, evidence.FileName)
            : throw RuleViolation.NotFound("佐证材料不存在");
    }

    public async Task<LedgerItemView> CreateAsync(CreateLedgerItem request, CancellationToken ct = default)
    {
        var category = (request.Category ?? string.Empty).Trim();
        var description = (request.Description ?? string.Empty).Trim();
        if (category.Length is 0 or > LedgerItem.CategoryMax)
        {
            throw RuleViolation.Invalid($"请填写问题类别（不超过{LedgerItem.CategoryMax}字）");
        }
        if (description.Length is 0 or > LedgerItem.DescriptionMax)
        {
            throw RuleViolation.Invalid($"请填写问题描述（不超过{LedgerItem.DescriptionMax}字）");
        }
        var organizations = await scope.OrganizationsAsync(ct);
        var responsible = await organizations.FirstOrDefaultAsync(o => o.Id == request.ResponsibleOrganizationId, ct)
            ?? throw RuleViolation.NotFound($"责任单位 {request.ResponsibleOrganizationId} 不存在或不在您的管理范围内");
        var supervising = request.SupervisingOrganizationId ?? responsible.ParentId;
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new LedgerItem
        {
            Source = request.Source ?? LedgerSource.Manual,
            Category = category,
            Description = description,
            ResponsibleOrganizationId = responsible.Id,
            ResponsiblePersonName = string.IsNullOrWhiteSpace(request.ResponsiblePersonName) ? null : request.ResponsiblePersonName.Trim(),
            SupervisingOrganizationId = supervising,
            Deadline = request.Deadline,
            Measures = string.IsNullOrWhiteSpace(request.Measures) ? null : request.Measures.Trim(),
            State = LedgerState.ToRectify,
            CreatedAt = now,
        };
        db.LedgerItems.Add(item);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("ledger.create", nameof(LedgerItem), item.Id, responsible.Path, new { category, description, deadline = request.Deadline });
        await notifier.NotifyAsync(responsible.Id, Policies.LedgerWorkers, "Assigned",
            $"新的整改事项{(request.Deadline is { } d ? $"（时限{ChinaTime.Date(d)}）" : "")}：{description}", $"/Ledger/Details/{item.Id}", item.Id, ct);
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return (await GetAsync(item.Id, ct))!;
    }

    public async Task<LedgerItemView> ActAsync(long id, LedgerAction action, string? text, CancellationToken ct = default)
    {
        var (item, path) = await FindAsync(id, ct);
        var supervising = action is LedgerAction.CloseOut or LedgerAction.SendBack;
        if (!scope.User.Allows(supervising ? Policies.LedgerSupervisors : Policies.LedgerWorkers))
        {
            throw RuleViolation.Forbidden(supervising ? "只有督查或组织部门可以销号或退回" : "只有责任单位可以开始整改或提交验收");
        }
        if (supervising && !await InScopeAsync(item.SupervisingOrganizationId, ct))
        {
            throw RuleViolation.Forbidden("只有督查单位可以销号或退回");
        }
        if (LedgerWorkflow.Refusal(item.State, action, text) is { } refusal)
        {
            // The state forbids it (409), or the action lacks its reason (422).
            throw LedgerWorkflow.Next(item.State, action) is null ? new RuleViolation(refusal) : RuleViolation.Invalid(refusal, "text");
        }
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed?.Length > 4000)
        {
            throw RuleViolation.Invalid("说明不超过4000字");
        }
        var from = item.State;
        item.State = LedgerWorkflow.Next(from, action)!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        if (item.State == LedgerState.ClosedOut)
        {
            item.ClosedOutAt = now;
        }
        if (trimmed is not null && action is LedgerAction.Start or LedgerAction.Submit)
        {
            item.Progress = trimmed;
        }
        db.LedgerEvents.Add(new LedgerEvent { ItemId = id, Kind = action.ToString(), FromState = from, ToState = item.State, Text = trimmed, UserName = scope.UserName ?? "system", At = now });
        audit.Record("ledger." + action.ToString().ToLowerInvariant(), nameof(LedgerItem), id, path, new { from = from.ToString(), to = item.State.ToString(), text = trimmed });
        var link = $"/Ledger/Details/{id}";
        switch (action)
        {
            case LedgerAction.Submit:
                await notifier.NotifyAsync(item.SupervisingOrganizationId, Policies.LedgerSupervisors, "Submitted", $"整改事项已提交验收：{item.Description}", link, id, ct);
                break;
            case LedgerAction.SendBack:
                await notifier.NotifyAsync(item.ResponsibleOrganizationId, Policies.LedgerWorkers, "SentBack", $"整改事项被退回（{trimmed}）：{item.Description}", link, id, ct);
                break;
            case LedgerAction.CloseOut:
                await notifier.NotifyAsync(item.ResponsibleOrganizationId, Policies.LedgerWorkers, "ClosedOut", $"整改事项已销号：{item.Description}", link, id, ct);
                break;
        }
        await db.SaveChangesAsync(ct);
        return (await GetAsync(id, ct))!;
    }

    public async Task<LedgerItemView> ExtendAsync(long id, ExtendDeadline request, CancellationToken ct = default)
    {
        var (item, path) = await FindAsync(id, ct);
        if (!scope.User.Allows(Policies.LedgerSupervisors) || !await InScopeAsync(item.SupervisingOrganizationId, ct))
        {
            throw RuleViolation.Forbidden("只有督查单位可以批准延期");
        }
        if (LedgerWorkflow.ExtensionRefusal(item.State, item.Deadline, request.Deadline, request.Reason) is { } refusal)
        {
            throw item.State == LedgerState.ClosedOut ? new RuleViolation(refusal)
                : RuleViolation.Invalid(refusal, string.IsNullOrWhiteSpace(request.Reason) ? "reason" : "deadline");
        }
        var old = item.Deadline;
        item.Deadline = request.Deadline;
        // A new deadline starts the reminders over; an escalation already made stays on record.
        item.RemindedAt = null;
        item.OverdueMarkedAt = null;
        db.LedgerEvents.Add(new LedgerEvent
        {
            ItemId = id, Kind = "Extend", OldDeadline = old, NewDeadline = request.Deadline, Text = request.Reason.Trim(),
            UserName = scope.UserName ?? "system", At = clock.GetUtcNow().UtcDateTime,
        });
        audit.Record("ledger.extend", nameof(LedgerItem), id, path, new { from = old, to = request.Deadline, reason = request.Reason.Trim() });
        await db.SaveChangesAsync(ct);
        return (await GetAsync(id, ct))!;
    }

    public async Task<Paged<LedgerItemView>> ListAsync(LedgerFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 50);
        var today = ChinaTime.Today(clock);
        var query = await VisibleAsync(ct);
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

    public async Task<LedgerItemView?> GetAsync(long id, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var item = await (await VisibleAsync(ct)).Where(i => i.Id == id).Select(View(today)).FirstOrDefaultAsync(ct);
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

    /// <summary>Items whose responsible or supervising organization is in the caller's subtree.</summary>
    private async Task<IQueryable<LedgerItem>> VisibleAsync(CancellationToken ct)
    {
        // Written as a path test on the joined responsible organization OR an IN over the subtree's ids:
        // one EXISTS with an OR costs PostgreSQL an index probe per item (150 ms at 20,000 items).
        var path = await scope.PathAsync(ct);
        var organizations = await scope.OrganizationsAsync(ct);
        return db.LedgerItems.Where(i => i.ResponsibleOrganization!.Path.StartsWith(path) || organizations.Select(o => (long?)o.Id).Contains(i.SupervisingOrganizationId));
    }

    private async Task<(LedgerItem Item, string Path)> FindAsync(long id, CancellationToken ct)
    {
        var item = await (await VisibleAsync(ct)).FirstOrDefaultAsync(i => i.Id == id, ct)
            ?? throw RuleViolation.NotFound($"台账事项 {id} 不存在或不在您的管理范围内");
        var path = await db.Organizations.Where(o => o.Id == item.ResponsibleOrganizationId).Select(o => o.Path).SingleAsync(ct);
        return (item, path);
    }

    /// <summary>What the caller may do with an item: work it (the responsible side) and close it out or send it back (the supervising side).</summary>
    public async Task<(bool Work, bool Supervise)> PermissionsAsync(LedgerItemView item, CancellationToken ct = default) =>
        (scope.User.Allows(Policies.LedgerWorkers) && await InScopeAsync(item.ResponsibleOrganizationId, ct),
         scope.User.Allows(Policies.LedgerSupervisors) && await InScopeAsync(item.SupervisingOrganizationId, ct));

    private async Task<bool> InScopeAsync(long? organizationId, CancellationToken ct) =>
        organizationId is { } id && await (await scope.OrganizationsAsync(ct)).AnyAsync(o => o.Id == id, ct);
}
