using Microsoft.EntityFrameworkCore;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.People;

public sealed record CreatePerson(
    string Name, string IdNumber, string? Phone, long OrganizationId, MemberStatus MemberStatus,
    DateOnly? JoinedOn, DateOnly? ConfirmedOn, RepresentativeRoles Representatives, EducationLevel? Education = null);

/// <summary>Registers a person in an active organization in scope, the ID number unique, encrypted and masked in the audit.</summary>
public sealed class CreatePersonHandler(PingyiDbContext db, PiiProtector pii, AuditLog audit, TimeProvider clock, PersonChanges changes)
{
    public async Task<Person> HandleAsync(CreatePerson request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var idValid = ResidentIdNumber.TryParse(request.IdNumber, out var id, out var idError);
        errors.Check(idValid, "idNumber", idError);
        var (name, phone) = changes.Check(errors, request.Name, request.Phone, request.MemberStatus, request.JoinedOn, request.ConfirmedOn, idValid ? id.BirthDate : null);
        errors.Check(request.Education is null || Enum.IsDefined(request.Education.Value), "education", "学历无效");
        errors.ThrowIfAny();
        var organization = await changes.ActiveOrganizationAsync(request.OrganizationId, ct);
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
            Education = request.Education,
            OrganizationId = organization.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var tx = await db.BeginWorkAsync(ct);
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        db.Memberships.Add(new Membership { PersonId = person.Id, OrganizationId = organization.Id, StartedOn = request.JoinedOn ?? ChinaTime.Today(clock), Reason = "登记" });
        audit.Record("person.create", nameof(Person), person.Id, organization.Path, new { after = PersonChanges.Describe(person, id.Value, phone) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return person;
    }
}
