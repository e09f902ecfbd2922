using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.People;

public sealed record UpdatePerson(
    string Name, string? Phone, MemberStatus MemberStatus, DateOnly? JoinedOn, DateOnly? ConfirmedOn, RepresentativeRoles Representatives, EducationLevel? Education = null);

/// <summary>Corrects a person's name, phone, member status and dates, roles as representative and education (null keeps it).</summary>
public sealed class UpdatePersonHandler(PingyiDbContext db, PiiProtector pii, AuditLog audit, TimeProvider clock, PersonChanges changes)
{
    public async Task<Person> HandleAsync(long id, UpdatePerson request, CancellationToken ct = default)
    {
        var (person, path) = await changes.PersonAsync(id, ct);
        var idNumber = pii.Decrypt(person.IdNumberCipher);
        var errors = new FieldErrors();
        var (name, phone) = changes.Check(errors, request.Name, request.Phone, request.MemberStatus, request.JoinedOn, request.ConfirmedOn, ResidentIdNumber.Parse(idNumber).BirthDate);
        errors.Check(request.Education is null || Enum.IsDefined(request.Education.Value), "education", "学历无效");
        errors.ThrowIfAny();
        var before = PersonChanges.Describe(person, idNumber, pii.DecryptOrNull(person.PhoneCipher));
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
        person.Education = request.Education ?? person.Education;
        person.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("person.update", nameof(Person), id, path, new { before, after = PersonChanges.Describe(person, idNumber, phone) });
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>组织关系转接: closes the current membership and opens one in the new organization.</summary>
}
