using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>A reminder talk, a clarification or a tolerated mistake of a cadre: on, reasons; a tolerated mistake may name the project accountability it covers.</summary>
public sealed record RecordCadreNote(long PersonId, CadreNoteKind Kind, DateOnly? On, string? Reasons, long? ProjectAccountabilityId = null);

/// <summary>
/// Records a reminder talk (提醒谈话), a clarification (澄清正名) or a tolerated mistake (宽容失误) of a cadre of the caller's
/// subtree. A tolerated mistake that names a project accountability must name one of that cadre's, and covers it once; from
/// then eligibility does not count it. The organization department and the discipline body only; audited.
/// </summary>
public sealed class RecordCadreNoteHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, AccountabilityAccess access)
{
    public async Task<CadreNote> HandleAsync(RecordCadreNote request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.CadreSupervisors, "提醒谈话、澄清正名和宽容失误由组织部门和纪检监察机关办理");
        var reasons = (request.Reasons ?? string.Empty).Trim();
        new FieldErrors()
            .Check(Enum.IsDefined(request.Kind), "kind", "请选择提醒谈话、澄清正名或宽容失误")
            .Check(request.On is { } d && Years.Valid(d.Year) && d <= ChinaTime.Today(clock), "on", "请填写日期（不晚于今天）")
            .Check(reasons.Length is > 0 and <= AccountabilityRecord.TextMax, "reasons", $"请写明事由和理由，不超过{AccountabilityRecord.TextMax}字")
            .Check(request.ProjectAccountabilityId is null || request.Kind == CadreNoteKind.ToleratedMistake, "projectAccountabilityId", "只有宽容失误可以对应项目问责")
            .ThrowIfAny();
        var cadre = await access.CadreAsync(request.PersonId, ct);
        if (request.ProjectAccountabilityId is { } covered)
        {
            if (!await db.ProjectAccountabilities.AnyAsync(a => a.Id == covered && a.LeaderPersonId == cadre.Id, ct))
            {
                throw RuleViolation.Invalid($"项目问责 {covered} 不是{cadre.Name}的", "projectAccountabilityId");
            }
            if (await db.CadreNotes.AnyAsync(n => n.ProjectAccountabilityId == covered, ct))
            {
                throw new RuleViolation("这项项目问责已经作出宽容失误决定");
            }
        }
        var note = new CadreNote
        {
            PersonId = cadre.Id, OrganizationId = cadre.OrganizationId, Kind = request.Kind, On = request.On!.Value, Reasons = reasons,
            ProjectAccountabilityId = request.ProjectAccountabilityId, UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CadreNotes.Add(note);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("accountability.note", nameof(CadreNote), note.Id, cadre.Path, new { person = cadre.Name, kind = note.Kind.ToString(), on = note.On, covers = note.ProjectAccountabilityId });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return note;
    }
}
