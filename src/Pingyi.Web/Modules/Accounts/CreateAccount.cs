using Microsoft.AspNetCore.Identity;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accounts;

public sealed record CreateAccount(string UserName, string DisplayName, long OrganizationId, string[] Roles, string Password);

/// <summary>An account for an organization in scope, with roles the caller may grant.</summary>
public sealed class CreateAccountHandler(PingyiDbContext db, UserManager<AppUser> users, Scope scope, AuditLog audit, AccountAdministration accounts)
{
    public async Task<AppUser> HandleAsync(CreateAccount request, CancellationToken ct = default)
    {
        var name = (request.UserName ?? string.Empty).Trim();
        var roles = (request.Roles ?? []).Distinct().ToArray();
        var grantable = accounts.GrantableRoles().ToHashSet();
        if (roles.FirstOrDefault(r => !grantable.Contains(r)) is { } refused)
        {
            throw RuleViolation.Forbidden($"您不能授予“{AccountAdministration.RoleNames.GetValueOrDefault(refused, refused)}”角色");
        }
        var path = await scope.PathAsync(ct);
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == request.OrganizationId && o.Path.StartsWith(path), ct)
            ?? throw RuleViolation.NotFound($"组织 {request.OrganizationId} 不存在或不在您的管理范围内");
        var user = new AppUser { UserName = name, DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? name : request.DisplayName.Trim(), OrganizationId = organization.Id, LockoutEnabled = true };
        // Every mistake of the form at once: the name, the roles and each rule the password breaks.
        var errors = new FieldErrors()
            .Check(name.Length is >= 2 and <= 50, "userName", "用户名应为2至50个字符")
            .Check(roles.Length > 0, "roles", "请至少选择一个角色");
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, request.Password ?? string.Empty);
            errors.Check(result.Succeeded, "password", string.Join("；", result.Errors.Select(AccountAdministration.Describe)));
        }
        errors.ThrowIfAny();
        if (await users.FindByNameAsync(name) is not null)
        {
            // A conflict with what exists (409), once the form itself is right.
            throw new RuleViolation($"用户名“{name}”已被使用");
        }
        await using var tx = await db.BeginWorkAsync(ct);
        var created = await users.CreateAsync(user, request.Password ?? string.Empty);
        if (!created.Succeeded)
        {
            throw RuleViolation.Invalid(string.Join("；", created.Errors.Select(AccountAdministration.Describe)));
        }
        await users.AddToRolesAsync(user, roles);
        audit.Record("account.create", "Account", user.Id, organization.Path, new { user = name, organization = organization.Code, roles });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }
}
