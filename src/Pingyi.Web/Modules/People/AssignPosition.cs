using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.People;

public sealed record AssignPosition(long OrganizationId, PositionTitle Title, DateOnly? TermStart);

/// <summary>Appoints a person to a post in an organization, from a date.</summary>
public sealed class AssignPositionHandler(PingyiDbContext db, AuditLog audit, TimeProvider clock, PersonChanges changes)
{
    public async Task<CadrePosition> HandleAsync(long id, AssignPosition request, CancellationToken ct = default)
    {
        var (person, _) = await changes.PersonAsync(id, ct);
        if (!Enum.IsDefined(request.Title))
        {
            throw RuleViolation.Invalid("职务无效");
        }
        var organization = await changes.ActiveOrganizationAsync(request.OrganizationId, ct);
        var start = request.TermStart ?? ChinaTime.Today(clock);
        if (await db.CadrePositions.AnyAsync(c => c.PersonId == id && c.OrganizationId == organization.Id && c.Title == request.Title && c.TermEnd == null, ct))
        {
            throw new RuleViolation($"{person.Name}已担任“{organization.Name}”{request.Title.Chinese()}");
        }
        if (request.Title == PositionTitle.Secretary
            && await db.CadrePositions.Where(c => c.OrganizationId == organization.Id && c.Title == PositionTitle.Secretary && c.TermEnd == null)
                .Select(c => c.Person!.Name).FirstOrDefaultAsync(ct) is { } current)
        {
            throw new RuleViolation($"“{organization.Name}”现任书记是{current}，请先办理其免职");
        }
        var position = new CadrePosition { PersonId = id, OrganizationId = organization.Id, Title = request.Title, TermStart = start };
        db.CadrePositions.Add(position);
        audit.Record("position.assign", nameof(CadrePosition), null, organization.Path, new { person = id, organization = organization.Code, title = request.Title.ToString(), termStart = start });
        await db.SaveChangesAsync(ct);
        return position;
    }
}
