using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.People;

/// <summary>
/// What the use cases of entering and changing one person by hand share (registration, corrections, transfers between
/// organizations, posts with their terms — one file each): finding a person in scope, the receiving organization,
/// the checks of name, phone and membership dates, and the audit's masked description.
/// </summary>
public sealed class PersonChanges(PingyiDbContext db, Scope scope, TimeProvider clock, OrganizationChanges organizations)
{
    /// <summary>A person in the caller's subtree and their organization's path (the audit scope); 404 otherwise.</summary>
    public async Task<(Person Person, string Path)> PersonAsync(long id, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var found = await db.People.Where(p => p.Id == id && p.Organization!.Path.StartsWith(path))
            .Select(p => new { Person = p, p.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"人员 {id} 不存在或不在您的管理范围内");
        return (found.Person, found.Path);
    }

    /// <summary>An organization in scope that can still receive people.</summary>
    public async Task<Organization> ActiveOrganizationAsync(long organizationId, CancellationToken ct)
    {
        var organization = await organizations.GetInScopeAsync(organizationId, ct);
        if (organization.Status != OrganizationStatus.Active)
        {
            throw new RuleViolation($"“{organization.Name}”{organization.Status.Chinese()}，不能再接收人员");
        }
        return organization;
    }

    /// <summary>
    /// Checks the fields a person form edits, every failure beside its field (name, phone, memberStatus, joinedOn,
    /// confirmedOn), and adds them to <paramref name="errors"/>; returns the name trimmed and the phone normalized.
    /// </summary>
    public (string Name, string? Phone) Check(FieldErrors errors, string? name, string? phone, MemberStatus status, DateOnly? joined, DateOnly? confirmed, DateOnly? birthDate)
    {
        var trimmed = (name ?? string.Empty).Trim();
        errors.Check(trimmed.Length is > 0 and <= Person.NameMax, "name", $"姓名不能为空，且不超过{Person.NameMax}个字符");
        string? normalized = null;
        if (!string.IsNullOrWhiteSpace(phone) && !PhoneNumber.TryNormalize(phone, out normalized, out var phoneError))
        {
            errors.Add("phone", phoneError);
        }
        if (!Enum.IsDefined(status))
        {
            errors.Add("memberStatus", "党员类别无效");
        }
        else
        {
            foreach (var (field, message) in PersonRules.CheckMembership(status, joined, confirmed, birthDate, ChinaTime.Today(clock)))
            {
                errors.Add(JsonNamingPolicy.CamelCase.ConvertName(field.ToString()), message);
            }
        }
        return (trimmed, normalized);
    }

    /// <summary>What the audit keeps of a person: the numbers masked.</summary>
    public static object Describe(Person p, string idNumber, string? phone) => new
    {
        p.Name,
        idNumber = Masking.IdNumber(idNumber),
        phone = Masking.Phone(phone),
        memberStatus = p.MemberStatus.ToString(),
        p.JoinedOn,
        p.ConfirmedOn,
        representatives = p.Representatives.ToString(),
        education = p.Education?.ToString(),
        p.OrganizationId,
    };
}
