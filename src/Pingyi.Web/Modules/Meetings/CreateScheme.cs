using Pingyi.Core.Evaluation;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Meetings;

public sealed record CreateScheme(string Name, long OrganizationId, SchemeRules Rules);

/// <summary>Saves an evaluation scheme (groups, weights, thresholds, quotas) for an organization in scope.</summary>
public sealed class CreateSchemeHandler(PingyiDbContext db, MeetingAccess access, AuditLog audit, TimeProvider clock)
{
    public async Task<Scheme> HandleAsync(CreateScheme request, CancellationToken ct = default)
    {
        var name = (request.Name ?? string.Empty).Trim();
        if (name.Length is 0 or > 200)
        {
            throw RuleViolation.Invalid("方案名称不能为空，且不超过200个字符");
        }
        if (request.Rules is null)
        {
            throw RuleViolation.Invalid("请提供评议方案的规则");
        }
        if (request.Rules.Validate() is { Count: > 0 } errors)
        {
            throw RuleViolation.Invalid(string.Join(" ", errors));
        }
        var organization = await access.OrganizationAsync(request.OrganizationId, ct);
        var scheme = new Scheme { Name = name, OrganizationId = organization.Id, Rules = RulesJson.Write(request.Rules), CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Schemes.Add(scheme);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("scheme.create", nameof(Scheme), scheme.Id, organization.Path, new { name, rules = request.Rules });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return scheme;
    }
}
