using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.People;

/// <summary>
/// A party member named on a form, found by name in the chosen organization of the caller's subtree: refused beside the field
/// when none or several match (forms name a member as a clerk knows them; the API takes the id).
/// </summary>
public static class MemberByName
{
    public static async Task<long?> FindAsync(PingyiDbContext db, Scope scope, long organizationId, string? name, string field, CancellationToken ct)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        var organizations = await scope.OrganizationsAsync(ct);
        var matches = await db.People.Where(p => p.OrganizationId == organizationId && organizations.Any(o => o.Id == p.OrganizationId) && p.Name == trimmed
            && p.MemberStatus != Core.People.MemberStatus.None).Select(p => p.Id).Take(2).ToListAsync(ct);
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw RuleViolation.Invalid($"所选党组织没有名为“{trimmed}”的党员", field),
            _ => throw RuleViolation.Invalid($"所选党组织有不止一名党员叫“{trimmed}”，请在人员页面核对后由上级通过接口指定", field),
        };
    }
}
