using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

public sealed record AccountSummary(long Id, string UserName, string DisplayName, long OrganizationId, string OrganizationName, IReadOnlyList<string> Roles, bool LockedOut);

/// <summary>
/// Accounts managed within the caller's subtree: the list, the roles the caller may grant, finding one account; the
/// changes are the use cases beside this file (CreateAccount, UpdateAccount, LockAccount, ResetPassword). A caller grants only roles it may grant: the system
/// administrator any; others every role but system administrator and organization department.
/// </summary>
public sealed class AccountAdministration(PingyiDbContext db, Scope scope, IHttpContextAccessor http)
{
    public static readonly Dictionary<string, string> RoleNames = new()
    {
        [Roles.SystemAdministrator] = "系统管理员",
        [Roles.OrganizationDepartment] = "组织部",
        [Roles.OrganizationAdministrator] = "组织管理员",
        [Roles.Secretary] = "书记",
        [Roles.DisciplineInspection] = "纪检",
        [Roles.Supervisor] = "督查",
    };

    public IEnumerable<string> GrantableRoles()
    {
        var user = http.HttpContext?.User;
        return user?.IsInRole(Roles.SystemAdministrator) == true
            ? Roles.All
            : Roles.All.Where(r => r is not (Roles.SystemAdministrator or Roles.OrganizationDepartment));
    }

    public async Task<Paged<AccountSummary>> ListAsync(string? q, int? page, CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, 50);
        var path = await scope.PathAsync(ct);
        var query = from u in db.Users.AsNoTracking()
                    join o in db.Organizations.AsNoTracking() on u.OrganizationId equals o.Id
                    where o.Path.StartsWith(path)
                    select new { u, OrganizationName = o.Name };
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(x => x.u.UserName!.Contains(term) || x.u.DisplayName.Contains(term));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(x => x.u.UserName).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var ids = rows.Select(r => r.u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var items = rows.Select(r => new AccountSummary(r.u.Id, r.u.UserName!, r.u.DisplayName, r.u.OrganizationId, r.OrganizationName,
            roles.Where(x => x.UserId == r.u.Id).Select(x => x.Name!).OrderBy(x => x).ToList(), r.u.LockoutEnd > now)).ToList();
        return new Paged<AccountSummary>(items, p, size, total);
    }

    /// <summary>An account of the caller's subtree and its organization's path (the audit scope); 404 otherwise.</summary>
    internal async Task<(AppUser User, string Path)> FindAsync(long id, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var found = await (from u in db.Users
                           join o in db.Organizations on u.OrganizationId equals o.Id
                           where u.Id == id && o.Path.StartsWith(path)
                           select new { u, o.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"账号 {id} 不存在或不在您的管理范围内");
        return (found.u, found.Path);
    }

    internal static string Describe(IdentityError e) => e.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "密码至少10个字符",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "密码须包含数字",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "密码须包含小写字母",
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "密码须包含大写字母",
        nameof(IdentityErrorDescriber.DuplicateUserName) => "用户名已被使用",
        nameof(IdentityErrorDescriber.InvalidUserName) => "用户名只能包含字母、数字和 -._@+",
        _ => e.Description,
    };
}
