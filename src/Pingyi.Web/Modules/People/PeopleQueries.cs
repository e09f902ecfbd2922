using Microsoft.EntityFrameworkCore;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.People;

public sealed record PersonSummary(
    long Id, string Name, Gender Gender, string IdNumberMasked, string PhoneMasked, MemberStatus MemberStatus,
    DateOnly? JoinedOn, RepresentativeRoles Representatives, long? OrganizationId, string? OrganizationName, EducationLevel? Education = null);

public sealed record MembershipInfo(long OrganizationId, string OrganizationName, DateOnly StartedOn, DateOnly? EndedOn, string? Reason);

public sealed record PositionInfo(long Id, long OrganizationId, string OrganizationName, PositionTitle Title, DateOnly TermStart, DateOnly? TermEnd);

public sealed record PersonDetails(PersonSummary Person, DateOnly? ConfirmedOn, IReadOnlyList<MembershipInfo> Memberships, IReadOnlyList<PositionInfo> Positions);

public sealed record PeopleFilter(string? Q, long? OrganizationId, MemberStatus? MemberStatus, bool? Representatives, int? Page, int? PageSize);

/// <summary>Read side of people: only people of organizations in the caller's scope, numbers masked.</summary>
public sealed class PeopleQueries(PingyiDbContext db, Scope scope, PiiProtector pii)
{
    public async Task<IQueryable<Person>> InScopeAsync(CancellationToken ct = default)
    {
        var path = await scope.PathAsync(ct);
        return db.People.Where(p => p.Organization!.Path.StartsWith(path));
    }

    public async Task<Paged<PersonSummary>> ListAsync(PeopleFilter filter, CancellationToken ct = default)
    {
        var (page, pageSize) = Paging.Normalize(filter.Page, filter.PageSize);
        var query = (await InScopeAsync(ct)).AsNoTracking();
        if (filter.OrganizationId is { } orgId)
        {
            var orgPath = await db.Organizations.Where(o => o.Id == orgId).Select(o => o.Path).FirstOrDefaultAsync(ct) ?? "/none/";
            query = query.Where(p => p.Organization!.Path.StartsWith(orgPath));
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            if (ResidentIdNumber.TryParse(q, out var idNumber, out _))
            {
                var hash = pii.LookupHash(idNumber.Value);
                query = query.Where(p => p.IdNumberHash == hash);
            }
            else
            {
                query = query.Where(p => p.Name.Contains(q));
            }
        }
        if (filter.MemberStatus is { } status)
        {
            query = query.Where(p => p.MemberStatus == status);
        }
        if (filter.Representatives == true)
        {
            query = query.Where(p => p.Representatives != RepresentativeRoles.None);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(p => p.OrganizationId).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new { p.Id, p.Name, p.Gender, p.IdNumberCipher, p.PhoneCipher, p.MemberStatus, p.JoinedOn, p.Representatives, p.OrganizationId, OrganizationName = p.Organization!.Name })
            .ToListAsync(ct);
        var items = rows.Select(p => new PersonSummary(p.Id, p.Name, p.Gender,
            Masking.IdNumber(pii.DecryptOrNull(p.IdNumberCipher)), Masking.Phone(pii.DecryptOrNull(p.PhoneCipher)),
            p.MemberStatus, p.JoinedOn, p.Representatives, p.OrganizationId, p.OrganizationName)).ToList();
        return new Paged<PersonSummary>(items, page, pageSize, total);
    }

    public async Task<PersonDetails?> DetailsAsync(long id, CancellationToken ct = default)
    {
        var p = await (await InScopeAsync(ct)).AsNoTracking().Include(x => x.Organization).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
        {
            return null;
        }
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.PersonId == id)
            .OrderByDescending(m => m.StartedOn).ThenByDescending(m => m.Id)
            .Select(m => new MembershipInfo(m.OrganizationId, m.Organization!.Name, m.StartedOn, m.EndedOn, m.Reason)).ToListAsync(ct);
        var positions = await db.CadrePositions.AsNoTracking().Where(c => c.PersonId == id)
            .OrderByDescending(c => c.TermStart)
            .Select(c => new PositionInfo(c.Id, c.OrganizationId, c.Organization!.Name, c.Title, c.TermStart, c.TermEnd)).ToListAsync(ct);
        var summary = new PersonSummary(p.Id, p.Name, p.Gender, Masking.IdNumber(pii.DecryptOrNull(p.IdNumberCipher)),
            Masking.Phone(pii.DecryptOrNull(p.PhoneCipher)), p.MemberStatus, p.JoinedOn, p.Representatives, p.OrganizationId, p.Organization?.Name, p.Education);
        return new PersonDetails(summary, p.ConfirmedOn, memberships, positions);
    }
}
