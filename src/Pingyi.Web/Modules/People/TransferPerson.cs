using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.People;

public sealed record TransferPerson(long OrganizationId, DateOnly? EffectiveOn, string? Reason);

/// <summary>Transfers a person's membership (组织关系转接) to another active organization from a date.</summary>
public sealed class TransferPersonHandler(PingyiDbContext db, AuditLog audit, TimeProvider clock, OrganizationChanges organizations, PersonChanges changes)
{
    public async Task<Person> HandleAsync(long id, TransferPerson request, CancellationToken ct = default)
    {
        var (person, path) = await changes.PersonAsync(id, ct);
        var target = await changes.ActiveOrganizationAsync(request.OrganizationId, ct);
        if (person.OrganizationId == target.Id)
        {
            throw RuleViolation.Invalid($"此人已在“{target.Name}”");
        }
        var effective = request.EffectiveOn ?? ChinaTime.Today(clock);
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? "组织关系转接" : request.Reason.Trim();
        await using var tx = await db.BeginWorkAsync(ct);
        await organizations.TransferPeopleAsync([person.Id], person.OrganizationId ?? 0, target.Id, effective, reason, ct);
        // Posts belong to the organization left behind.
        await db.CadrePositions.Where(c => c.PersonId == id && c.TermEnd == null && c.OrganizationId != target.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TermEnd, effective), ct);
        audit.Record("person.transfer", nameof(Person), id, path, new { from = person.OrganizationId, to = target.Id, effectiveOn = effective, reason });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (await changes.PersonAsync(id, ct)).Person;
    }
}
