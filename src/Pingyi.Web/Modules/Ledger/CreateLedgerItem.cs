using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Ledger;

public sealed record CreateLedgerItem(string Category, string Description, long ResponsibleOrganizationId, string? ResponsiblePersonName,
    long? SupervisingOrganizationId, DateOnly? Deadline, string? Measures, LedgerSource? Source);

/// <summary>
/// A new item for an organization in scope, supervised by the given organization or the one above it; the responsible
/// organization's workers are told. Also how meetings' opinions and supervision's findings enter the ledger.
/// </summary>
public sealed class CreateLedgerItemHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, Notifications.Notifier notifier,
    LedgerQueries queries, Calendar.WorkCalendars calendars)
{
    public async Task<LedgerItemView> HandleAsync(CreateLedgerItem request, CancellationToken ct = default)
    {
        var category = (request.Category ?? string.Empty).Trim();
        var description = (request.Description ?? string.Empty).Trim();
        var person = string.IsNullOrWhiteSpace(request.ResponsiblePersonName) ? null : request.ResponsiblePersonName.Trim();
        var measures = string.IsNullOrWhiteSpace(request.Measures) ? null : request.Measures.Trim();
        new FieldErrors()
            .Check(category.Length is > 0 and <= LedgerItem.CategoryMax, "category", $"请填写问题类别（不超过{LedgerItem.CategoryMax}字）")
            .Check(description.Length is > 0 and <= LedgerItem.DescriptionMax, "description", $"请填写问题描述（不超过{LedgerItem.DescriptionMax}字）")
            .Check((person?.Length ?? 0) <= LedgerItem.PersonNameMax, "responsiblePersonName", $"责任人不超过{LedgerItem.PersonNameMax}字")
            .Check((measures?.Length ?? 0) <= LedgerItem.MeasuresMax, "measures", $"整改措施不超过{LedgerItem.MeasuresMax}字")
            .ThrowIfAny();
        var organizations = await scope.OrganizationsAsync(ct);
        var responsible = await organizations.FirstOrDefaultAsync(o => o.Id == request.ResponsibleOrganizationId, ct)
            ?? throw RuleViolation.NotFound($"责任单位 {request.ResponsibleOrganizationId} 不存在或不在您的管理范围内");
        var supervising = request.SupervisingOrganizationId ?? responsible.ParentId;
        // A deadline on a day off moves to the next working day (Civil Code §203), and the audit keeps what was asked.
        var deadline = request.Deadline is { } asked ? (await calendars.CurrentAsync(ct)).OnOrNextWorkingDay(asked) : (DateOnly?)null;
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new LedgerItem
        {
            Source = request.Source ?? LedgerSource.Manual,
            Category = category,
            Description = description,
            ResponsibleOrganizationId = responsible.Id,
            ResponsiblePersonName = person,
            SupervisingOrganizationId = supervising,
            Deadline = deadline,
            Measures = measures,
            State = LedgerState.ToRectify,
            CreatedAt = now,
        };
        db.LedgerItems.Add(item);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("ledger.create", nameof(LedgerItem), item.Id, responsible.Path, new { category, description, deadline, asked = deadline == request.Deadline ? null : request.Deadline });
        await notifier.NotifyAsync(responsible.Id, Policies.LedgerWorkers, "Assigned",
            $"新的整改事项{(deadline is { } d ? $"（时限{ChinaTime.Date(d)}）" : "")}：{description}", $"/Ledger/Details/{item.Id}", item.Id, ct);
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return (await queries.GetAsync(item.Id, ct))!;
    }
}
