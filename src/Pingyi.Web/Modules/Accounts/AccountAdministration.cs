using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

public sealed record AccountSummary(long Id, string UserName, string DisplayName, long OrganizationId, string OrganizationName, IReadOnlyList<string> Roles, bool LockedOut);

public sealed record CreateAccount(string UserName, string DisplayName, long OrganizationId, string[] Roles, string Password);

/// <summary>
/// Accounts managed within the caller's subtree. A caller grants only roles it may grant: the system
/// administrator any; others every role but system administrator and organization department.
/// </summary>
public sealed class AccountAdministration(PingyiDbContext db, UserManager<AppUser> users, Scope scope, AuditLog audit, IHttpContextAccessor http)
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

    public async Task<AppUser> CreateAsync(CreateAccount request, CancellationToken ct = default)
    {
        var name = (request.UserName ?? string.Empty).Trim();
        if (name.Length is < 2 or > 50)
        {
            throw RuleViolation.Invalid("用户名应为2至50个字符");
        }
        var roles = (request.Roles ?? []).Distinct().ToArray();
        if (roles.Length == 0)
        {
            throw RuleViolation.Invalid("请至少选择一个角色");
        }
        var grantable = GrantableRoles().ToHashSet();
        if (roles.FirstOrDefault(r => !grantable.Contains(r)) is { } refused)
        {
            throw RuleViolation.Forbidden($"您不能授予“{RoleNames.GetValueOrDefault(refused, refused)}”角色");
        }
        var path = await scope.PathAsync(ct);
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == request.OrganizationId && o.Path.StartsWith(path), ct)
            ?? throw RuleViolation.NotFound($"组织 {request.OrganizationId} 不存在或不在您的管理范围内");
        if (await users.FindByNameAsync(name) is not null)
        {
            throw new RuleViolation($"用户名“{name}”已被使用");
        }
        var user = new AppUser { UserName = name, DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? name : request.DisplayName.Trim(), OrganizationId = organization.Id, LockoutEnabled = true };
        await using var tx = await db.BeginWorkAsync(ct);
        var created = await users.CreateAsync(user, request.Password ?? string.Empty);
        if (!created.Succeeded)
        {
            throw RuleViolation.Invalid(string.Join("；", created.Errors.Select(Describe)));
        }
        await users.AddToRolesAsync(user, roles);
        audit.Record("account.create", "Account", user.Id, organization.Path, new { user = name, organization = organization.Code, roles });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }

    /// <summary>Changes an account's organization and roles, both within what the caller may grant.</summary>
    public async Task UpdateAsync(long id, long organizationId, string[] roles, CancellationToken ct = default)
    {
        var (user, _) = await FindAsync(id, ct);
        var wanted = (roles ?? []).Distinct().ToArray();
        if (wanted.Length == 0)
        {
            throw RuleViolation.Invalid("请至少选择一个角色");
        }
        var grantable = GrantableRoles().ToHashSet();
        var current = await users.GetRolesAsync(user);
        // A caller may neither grant nor take away a role it cannot grant.
        if (wanted.Concat(current).Where(r => wanted.Contains(r) != current.Contains(r)).FirstOrDefault(r => !grantable.Contains(r)) is { } refused)
        {
            throw RuleViolation.Forbidden($"您不能授予或收回“{RoleNames.GetValueOrDefault(refused, refused)}”角色");
        }
        var path = await scope.PathAsync(ct);
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId && o.Path.StartsWith(path), ct)
            ?? throw RuleViolation.NotFound($"组织 {organizationId} 不存在或不在您的管理范围内");
        if (user.UserName == scope.UserName && current.Any(r => !wanted.Contains(r)))
        {
            throw new RuleViolation("不能收回自己的角色");
        }
        await using var tx = await db.BeginWorkAsync(ct);
        var before = new { organization = user.OrganizationId, roles = current.OrderBy(r => r).ToArray() };
        user.OrganizationId = organization.Id;
        await users.UpdateAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        // The account's sign-in cookie carries its roles: make it sign in again.
        await users.UpdateSecurityStampAsync(user);
        audit.Record("account.update", "Account", id, organization.Path, new { user = user.UserName, before, after = new { organization = organization.Id, roles = wanted.OrderBy(r => r).ToArray() } });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task SetLockedAsync(long id, bool locked, CancellationToken ct = default)
    {
        var (user, path) = await FindAsync(id, ct);
        if (user.UserName == scope.UserName)
        {
            throw new RuleViolation("不能锁定自己的账号");
        }
        await using var work = await db.BeginWorkAsync(ct);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(user);
        }
        audit.Record(locked ? "account.lock" : "account.unlock", "Account", id, path, new { user = user.UserName });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }

    public async Task ResetPasswordAsync(long id, string password, CancellationToken ct = default)
    {
        var (user, path) = await FindAsync(id, ct);
        await using var work = await db.BeginWorkAsync(ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password ?? string.Empty);
        if (!result.Succeeded)
        {
            throw RuleViolation.Invalid(string.Join("；", result.Errors.Select(Describe)));
        }
        audit.Record("account.password-reset", "Account", id, path, new { user = user.UserName });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }

    private async Task<(AppUser User, string Path)> FindAsync(long id, CancellationToken ct)
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
