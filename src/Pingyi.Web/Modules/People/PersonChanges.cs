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

    public static string CheckName(string? name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        return trimmed.Length is 0 or > Person.NameMax ? throw RuleViolation.Invalid($"姓名不能为空，且不超过{Person.NameMax}个字符") : trimmed;
    }

    public static string? CheckPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        return PhoneNumber.TryNormalize(phone, out var normalized, out var error) ? normalized : throw RuleViolation.Invalid(error);
    }

    public void CheckMembership(MemberStatus status, DateOnly? joined, DateOnly? confirmed, DateOnly birthDate)
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
        p.OrganizationId,
    };
}
