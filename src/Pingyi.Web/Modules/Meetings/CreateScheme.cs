using Microsoft.EntityFrameworkCore;
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
        var name = Check(request.Name, request.Rules);
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

    /// <summary>The organization's scheme of a template (by its name), made from the template the first time it is wanted.</summary>
    public async Task<long> FromTemplateAsync(SchemeTemplates.Template template, long organizationId, CancellationToken ct = default) =>
        await db.Schemes.Where(s => s.OrganizationId == organizationId && s.Name == template.Name).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct)
            ?? (await HandleAsync(new CreateScheme(template.Name, organizationId, template.Rules), ct)).Id;

    /// <summary>The scheme's name, trimmed, when it and the rules can be used; otherwise every reason, each with its field.</summary>
    internal static string Check(string? name, SchemeRules? rules)
    {
        var errors = new List<(string Field, string Message)>();
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > Scheme.NameMax)
        {
            errors.Add(("name", $"方案名称不能为空，且不超过{Scheme.NameMax}个字符"));
        }
        if (rules is null)
        {
            errors.Add(("rules", "请提供评议方案的规则"));
        }
        else
        {
            errors.AddRange(rules.ValidateFields().Select(e => (e.Field, e.Message)));
        }
        return errors.Count > 0 ? throw RuleViolation.Invalid(errors) : trimmed;
    }
}

public sealed record UpdateScheme(string Name, SchemeRules Rules);

/// <summary>
/// Changes a scheme in scope. A scheme a published meeting used cannot change — its results were computed under it;
/// copy it instead. Meetings not yet published keep the rules they were created with.
/// </summary>
public sealed class UpdateSchemeHandler(PingyiDbContext db, MeetingAccess access, AuditLog audit)
{
    public async Task<Scheme> HandleAsync(long schemeId, UpdateScheme request, CancellationToken ct = default)
    {
        var scheme = await access.SchemeAsync(schemeId, ct);
        var name = CreateSchemeHandler.Check(request.Name, request.Rules);
        if (await db.Meetings.AnyAsync(m => m.SchemeId == schemeId && m.PublishedAt != null, ct))
        {
            throw new RuleViolation("已有会议按此方案发布了结果，方案不能再修改；请复制后修改副本");
        }
        var path = await db.Organizations.Where(o => o.Id == scheme.OrganizationId).Select(o => o.Path).SingleAsync(ct);
        await using var work = await db.BeginWorkAsync(ct);
        var before = new { scheme.Name, rules = RulesJson.Read(scheme.Rules) };
        scheme.Name = name;
        scheme.Rules = RulesJson.Write(request.Rules);
        audit.Record("scheme.update", nameof(Scheme), scheme.Id, path, new { before, name, rules = request.Rules });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return scheme;
    }
}
