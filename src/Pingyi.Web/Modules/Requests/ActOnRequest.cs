using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Requests;

public sealed record AssignRequest(long OrganizationId, string? Notes);

public sealed record NoteRequest(string? Notes, bool Close);

/// <summary>
/// The staff's steps on a request of their subtree: pass it to a branch or unit below (the township to the village branch), add
/// a status note the resident reads, close it with its notes (GeoReport v2: closed = resolved), reopen it. Audited with each step.
/// </summary>
public sealed class ActOnRequestHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock)
{
    public async Task<(ServiceRequest Request, string Path)> FindAsync(long id, CancellationToken ct)
    {
        scope.User.Require(Policies.RequestStaff, "群众诉求由承办的党组织和单位办理");
        var path = await scope.PathAsync(ct);
        var found = await db.ServiceRequests.Where(r => r.Id == id && r.Organization!.Path.StartsWith(path)).Select(r => new { Request = r, r.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"诉求 {id} 不存在或不在您的管理范围内");
        return (found.Request, found.Path);
    }

    public async Task<ServiceRequest> AssignAsync(long id, AssignRequest request, CancellationToken ct = default)
    {
        var (found, path) = await FindAsync(id, ct);
        if (found.Status == RequestStatus.Closed)
        {
            throw new RuleViolation("诉求已办结，不能再转办");
        }
        var target = await (await scope.OrganizationsAsync(ct)).Where(o => o.Id == request.OrganizationId && o.Status == Core.Organizations.OrganizationStatus.Active)
            .Select(o => new { o.Id, o.Name, o.Path }).FirstOrDefaultAsync(ct);
        if (target is null || target.Id == found.OrganizationId || !target.Path.StartsWith(path, StringComparison.Ordinal))
        {
            throw RuleViolation.Invalid("请选择承办诉求的下级党组织或单位", "organizationId");
        }
        var notes = (request.Notes ?? string.Empty).Trim();
        new FieldErrors().Check(notes.Length <= ServiceRequest.NotesMax, "notes", $"说明不超过{ServiceRequest.NotesMax}字").ThrowIfAny();
        found.OrganizationId = target.Id;
        Step(found, "assign", $"转{target.Name}办理" + (notes.Length > 0 ? $"：{notes}" : string.Empty), target.Path, new { to = target.Id });
        await db.SaveChangesAsync(ct);
        return found;
    }

    public async Task<ServiceRequest> NoteAsync(long id, NoteRequest request, CancellationToken ct = default)
    {
        var (found, path) = await FindAsync(id, ct);
        var notes = (request.Notes ?? string.Empty).Trim();
        new FieldErrors().Check(notes.Length is > 0 and <= ServiceRequest.NotesMax, "notes", request.Close ? "请写明办理结果（群众可以看到）" : "请写明办理情况（群众可以看到）").ThrowIfAny();
        if (request.Close && found.Status == RequestStatus.Closed)
        {
            throw new RuleViolation("诉求已办结");
        }
        found.StatusNotes = notes;
        var now = clock.GetUtcNow().UtcDateTime;
        if (request.Close)
        {
            found.Status = RequestStatus.Closed;
            found.ClosedAt = now;
        }
        else if (found.Status == RequestStatus.Closed)
        {
            found.Status = RequestStatus.Open;
            found.ClosedAt = null;
        }
        Step(found, request.Close ? "close" : "note", notes, path, new { status = found.Status.ToString() });
        await db.SaveChangesAsync(ct);
        return found;
    }

    private void Step(ServiceRequest found, string kind, string text, string path, object data)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        found.UpdatedAt = now;
        var user = scope.UserName ?? "system";
        db.ServiceRequestEvents.Add(new ServiceRequestEvent { RequestId = found.Id, Kind = kind, Text = text.Length > ServiceRequest.NotesMax + 100 ? text[..(ServiceRequest.NotesMax + 100)] : text,
            OrganizationId = found.OrganizationId, UserName = user, At = now });
        audit.Record($"request.{kind}", nameof(ServiceRequest), found.Id, path, data, user);
    }
}
