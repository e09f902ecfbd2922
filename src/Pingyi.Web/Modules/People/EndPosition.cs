using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.People;

public sealed record EndPosition(DateOnly? TermEnd);

/// <summary>Ends a post's term.</summary>
public sealed class EndPositionHandler(PingyiDbContext db, AuditLog audit, TimeProvider clock, PersonChanges changes)
{
    public async Task<CadrePosition> HandleAsync(long id, long positionId, EndPosition request, CancellationToken ct = default)
    {
        var (person, path) = await changes.PersonAsync(id, ct);
        var position = await db.CadrePositions.FirstOrDefaultAsync(c => c.Id == positionId && c.PersonId == person.Id, ct)
            ?? throw RuleViolation.NotFound("该职务记录不存在");
        if (position.TermEnd is not null)
        {
            throw new RuleViolation("该职务已经免去");
        }
        var end = request.TermEnd ?? ChinaTime.Today(clock);
        if (end < position.TermStart)
        {
            throw RuleViolation.Invalid("免职日期早于任职日期");
        }
        position.TermEnd = end;
        audit.Record("position.end", nameof(CadrePosition), positionId, path, new { person = id, title = position.Title.ToString(), termEnd = end });
        await db.SaveChangesAsync(ct);
        return position;
    }
}
