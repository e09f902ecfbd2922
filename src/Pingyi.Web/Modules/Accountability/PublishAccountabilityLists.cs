using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Accountability;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Accountability;

/// <summary>A new version of both lists with the document that sets it.</summary>
public sealed record PublishAccountabilityLists(string? Document, IReadOnlyList<string>? Situations, IReadOnlyList<Measure>? Measures);

/// <summary>
/// Publishes the next version of the lists of situations and measures (the county's document); earlier records keep the wording
/// they were made under. Only the organization department of the whole county; every mistake beside its field; audited.
/// </summary>
public sealed class PublishAccountabilityListsHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, AccountabilityAccess access)
{
    public async Task<AccountabilityList> HandleAsync(PublishAccountabilityLists request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "问责情形和措施清单由组织部门制定");
        var path = await scope.PathAsync(ct);
        // The county's own: a caller whose subtree is below the top organization cannot change it.
        if (await db.Organizations.AnyAsync(o => o.ParentId == null && !o.Path.StartsWith(path), ct))
        {
            throw RuleViolation.Forbidden("问责情形和措施清单由县委组织部制定，下级组织不能修改");
        }
        var document = (request.Document ?? string.Empty).Trim();
        var situations = (request.Situations ?? []).Select(s => (s ?? string.Empty).Trim()).ToList();
        var measures = (request.Measures ?? []).Select(m => new Measure((m?.Name ?? string.Empty).Trim(), m?.EffectMonths ?? -1)).ToList();
        var errors = new List<(string Field, string Message)>(AccountabilityCatalog.Check(situations, measures));
        if (document.Length is 0 or > AccountabilityList.DocumentMax)
        {
            errors.Insert(0, ("document", $"请填写制定清单的文件（文号），不超过{AccountabilityList.DocumentMax}个字符"));
        }
        if (errors.Count > 0)
        {
            throw RuleViolation.Invalid(errors);
        }
        var current = await access.CurrentAsync(ct);
        var (s, m) = AccountabilityAccess.Write(situations, measures);
        var list = new AccountabilityList
        {
            Version = current.Version + 1, Document = document, Situations = s, Measures = m, UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AccountabilityLists.Add(list);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("accountability.lists", nameof(AccountabilityList), list.Id, path, new { version = list.Version, document, situations = situations.Count, measures = measures.Count });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return list;
    }
}
