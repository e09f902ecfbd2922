using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.People;

public sealed record CreatePerson(
    string Name, string IdNumber, string? Phone, long OrganizationId, MemberStatus MemberStatus,
    DateOnly? JoinedOn, DateOnly? ConfirmedOn, RepresentativeRoles Representatives);

public sealed record UpdatePerson(
    string Name, string? Phone, MemberStatus MemberStatus, DateOnly? JoinedOn, DateOnly? ConfirmedOn, RepresentativeRoles Representatives);

public sealed record TransferPerson(long OrganizationId, DateOnly? EffectiveOn, string? Reason);

public sealed record AssignPosition(long OrganizationId, PositionTitle Title, DateOnly? TermStart);

public sealed record EndPosition(DateOnly? TermEnd);

/// <summary>
/// Entering and changing one person by hand: registration, corrections, transfers between
/// organizations (组织关系转接) and posts with their terms. Every change is audited with the
/// personal numbers masked.
/// </summary>
public sealed class PersonService(PingyiDbContext db, Scope scope, PiiProtector pii, AuditLog audit, TimeProvider clock, OrganizationService organizations)
{
    public async Task<Person> CreateAsync(CreatePerson request, CancellationToken ct = default)
    {
        if (!ResidentIdNumber.TryParse(request.IdNumber, out var id, out var idError))
        {
            throw RuleViolation.Invalid(idError);
        }
        var name = CheckName(request.Name);
        var phone = CheckPhone(request.Phone);
        CheckMembership(request.MemberStatus, request.JoinedOn, request.ConfirmedOn, id.BirthDate);
        var organization = await ActiveOrganizationAsync(request.OrganizationId, ct);
        var hash = pii.LookupHash(id.Value);
        if (await db.People.AnyAsync(p => p.IdNumberHash == hash, ct))
        {
            throw new RuleViolation("该身份证号码已经登记，请在人员列表中按完整身份证号码查找此人");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var person = new Person
        {
            Name = name,
            Gender = id.IsMale ? Gender.Male : Gender.Female,
            IdNumberCipher = pii.Encrypt(id.Value),
            IdNumberHash = hash,
            PhoneCipher = phone is null ? null : pii.Encrypt(phone),
            MemberStatus = request.MemberStatus,
            JoinedOn = request.JoinedOn,
            ConfirmedOn = request.ConfirmedOn,
            Representatives = request.Representatives,
            OrganizationId = organization.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var tx = await db.BeginWorkAsync(ct);
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        db.Memberships.Add(new Membership { PersonId = person.Id, OrganizationId = organization.Id, StartedOn = request.JoinedOn ?? ChinaTime.Today(clock), Reason = "登记" });
        audit.Record("person.create", nameof(Person), person.Id, organization.Path, new { after = Describe(person, id.Value, phone) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return person;
    }

    public async Task<Person> UpdateAsync(long id, UpdatePerson request, CancellationToken ct = default)
    {
        var (person, path) = await GetAsync(id, ct);
        var idNumber = pii.Decrypt(person.IdNumberCipher);
        var name = CheckName(request.Name);
        var phone = CheckPhone(request.Phone);
        CheckMembership(request.MemberStatus, request.JoinedOn, request.ConfirmedOn, ResidentIdNumber.Parse(idNumber).BirthDate);
        var before = Describe(person, idNumber, pii.DecryptOrNull(person.PhoneCipher));
        person.Name = name;
        if (request.Phone is not null)
        {
            // null keeps the number; an empty string clears it.
            person.PhoneCipher = phone is null ? null : pii.Encrypt(phone);
        }
        else
        {
            phone = pii.DecryptOrNull(person.PhoneCipher);
        }
        person.MemberStatus = request.MemberStatus;
        person.JoinedOn = request.JoinedOn;
        person.ConfirmedOn = request.ConfirmedOn;
        person.Representatives = request.Representatives;
        person.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("person.update", nameof(Person), id, path, new { before, after = Describe(person, idNumber, phone) });
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>组织关系转接: closes the current membership and opens one in the new organization.</summary>
    public async Task<Person> TransferAsync(long id, TransferPerson request, CancellationToken ct = default)
    {
        var (person, path) = await GetAsync(id, ct);
        var target = await ActiveOrganizationAsync(request.OrganizationId, ct);
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
        return (await GetAsync(id, ct)).Person;
    }

    public async Task<CadrePosition> AssignPositionAsync(long id, AssignPosition request, CancellationToken ct = default)
    {
        var (person, _) = await GetAsync(id, ct);
        if (!Enum.IsDefined(request.Title))
        {
            throw RuleViolation.Invalid("职务无效");
        }
        var organization = await ActiveOrganizationAsync(request.OrganizationId, ct);
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

    public async Task<CadrePosition> EndPositionAsync(long id, long positionId, EndPosition request, CancellationToken ct = default)
    {
        var (person, path) = await GetAsync(id, ct);
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

    private async Task<(Person Person, string Path)> GetAsync(long id, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var found = await db.People.Where(p => p.Id == id && p.Organization!.Path.StartsWith(path))
            .Select(p => new { Person = p, p.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"人员 {id} 不存在或不在您的管理范围内");
        return (found.Person, found.Path);
    }

    private async Task<Organization> ActiveOrganizationAsync(long organizationId, CancellationToken ct)
    {
        var organization = await organizations.GetInScopeAsync(organizationId, ct);
        if (organization.Status != OrganizationStatus.Active)
        {
            throw new RuleViolation($"“{organization.Name}”{organization.Status.Chinese()}，不能再接收人员");
        }
        return organization;
    }

    private static string CheckName(string? name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        return trimmed.Length is 0 or > Person.NameMax ? throw RuleViolation.Invalid($"姓名不能为空，且不超过{Person.NameMax}个字符") : trimmed;
    }

    private static string? CheckPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        return PhoneNumber.TryNormalize(phone, out var normalized, out var error) ? normalized : throw RuleViolation.Invalid(error);
    }

    private void CheckMembership(MemberStatus status, DateOnly? joined, DateOnly? confirmed, DateOnly birthDate)
    {
        if (!Enum.IsDefined(status))
        {
            throw RuleViolation.Invalid("党员类别无效");
        }
        var problems = PersonRules.CheckMembership(status, joined, confirmed, birthDate, ChinaTime.Today(clock)).Select(p => p.Message).ToList();
        if (problems.Count > 0)
        {
            throw RuleViolation.Invalid(string.Join("；", problems));
        }
    }

    private static object Describe(Person p, string idNumber, string? phone) => new
    {
        p.Name,
        idNumber = Masking.IdNumber(idNumber),
        phone = Masking.Phone(phone),
        memberStatus = p.MemberStatus.ToString(),
        p.JoinedOn,
        p.ConfirmedOn,
        representatives = p.Representatives.ToString(),
        p.OrganizationId,
    };
}
