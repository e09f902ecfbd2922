using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Documents;

public sealed record SetIssuer(string Name, string Prefix);

/// <summary>Sets (or replaces) the formal name and number prefix under which an organization in the caller's scope issues documents.</summary>
public sealed class SetIssuerHandler(PingyiDbContext db, Scope scope, OrganizationChanges organizations, AuditLog audit, TimeProvider clock)
{
    public async Task<IssuerView> HandleAsync(long organizationId, SetIssuer request, CancellationToken ct = default)
    {
        var org = await organizations.GetInScopeAsync(organizationId, ct);
        scope.User.Require(Policies.SettingsKeepers, "只有系统管理员或组织部门可以设置发文机关");
        var name = (request.Name ?? string.Empty).Trim();
        var prefix = (request.Prefix ?? string.Empty).Trim();
        if (name.Length is 0 or > DocumentIssuer.NameMax)
        {
            throw RuleViolation.Invalid($"发文机关全称为 1 至 {DocumentIssuer.NameMax} 个字，如“中共青山县委员会”", "name");
        }
        if (prefix.Length is 0 or > DocumentIssuer.PrefixMax || prefix.Any(c => char.IsWhiteSpace(c) || char.IsDigit(c) || c is '〔' or '〕' or '[' or ']' or '号'))
        {
            throw RuleViolation.Invalid($"发文字号前缀为 1 至 {DocumentIssuer.PrefixMax} 个字，不含数字、空格和括号，如“青组通”（字号写作 青组通〔2026〕1号）", "prefix");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var issuer = await db.DocumentIssuers.FirstOrDefaultAsync(i => i.OrganizationId == org.Id, ct);
        var before = issuer is null ? null : new { issuer.Name, issuer.Prefix };
        if (issuer is null)
        {
            issuer = new DocumentIssuer { OrganizationId = org.Id, Name = name, Prefix = prefix };
            db.DocumentIssuers.Add(issuer);
        }
        issuer.Name = name;
        issuer.Prefix = prefix;
        issuer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("document.issuer-set", nameof(DocumentIssuer), org.Id, org.Path, new { organization = org.Name, before, name, prefix });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return new IssuerView(org.Id, org.Name, name, prefix);
    }
}

/// <summary>Removes an organization's issuer entry: its documents are then issued under the nearest issuer above it.</summary>
public sealed class RemoveIssuerHandler(PingyiDbContext db, Scope scope, OrganizationChanges organizations, AuditLog audit)
{
    public async Task HandleAsync(long organizationId, CancellationToken ct = default)
    {
        var org = await organizations.GetInScopeAsync(organizationId, ct);
        scope.User.Require(Policies.SettingsKeepers, "只有系统管理员或组织部门可以设置发文机关");
        await using var work = await db.BeginWorkAsync(ct);
        var issuer = await db.DocumentIssuers.FirstOrDefaultAsync(i => i.OrganizationId == org.Id, ct)
            ?? throw RuleViolation.NotFound($"{org.Name}没有设置发文机关");
        db.DocumentIssuers.Remove(issuer);
        audit.Record("document.issuer-remove", nameof(DocumentIssuer), org.Id, org.Path, new { organization = org.Name, issuer.Name, issuer.Prefix });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
