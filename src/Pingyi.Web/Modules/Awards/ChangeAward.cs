using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Awards;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Awards;

/// <summary>An award's name, quota and conditions, corrected while it takes nominations.</summary>
public sealed record ChangeAward(string Name, int Quota, EligibilityRules Rules);

/// <summary>
/// Corrects an award while it takes nominations — the quota never below the nominations already passed — or removes one
/// opened by mistake before anyone is nominated; both by the conferring side, audited. Once publicized an award is fixed.
/// </summary>
public sealed class ChangeAwardHandler(PingyiDbContext db, Scope scope, AuditLog audit, AwardAccess access, AwardQueries queries)
{
    public async Task<AwardDetails> ChangeAsync(long id, ChangeAward request, CancellationToken ct = default)
    {
        var (award, path) = await OpenAsync(id, ct);
        var name = (request.Name ?? string.Empty).Trim();
        var recommended = await db.AwardNominations.CountAsync(n => n.AwardId == id && n.State == NominationState.Recommended, ct);
        new FieldErrors()
            .Check(name.Length is > 0 and <= Award.NameMax, "name", $"请填写表彰名称（不超过{Award.NameMax}字）")
            .Check(request.Quota is > 0 and <= CreateAwardHandler.QuotaMax, "quota", $"名额须在 1 到 {CreateAwardHandler.QuotaMax} 之间")
            .Check(request.Quota >= recommended, "quota", $"已审核通过 {recommended} 个，名额不能少于此数")
            .ThrowIfAny();
        if (name != award.Name && await db.Awards.AnyAsync(a => a.Year == award.Year && a.Name == name, ct))
        {
            throw RuleViolation.Invalid($"{award.Year} 年度已有“{name}”", "name");
        }
        var before = new { name = award.Name, quota = award.Quota, rules = award.Rules.ToString() };
        (award.Name, award.Quota, award.Rules) = (name, request.Quota, request.Rules & (EligibilityRules.NoPoorGrade | EligibilityRules.NoVeto | EligibilityRules.AdvancedOrStars));
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record("award.change", nameof(Award), id, path, new { name, quota = award.Quota, rules = award.Rules.ToString(), before });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return await queries.DetailsAsync(id, ct);
    }

    public async Task RemoveAsync(long id, CancellationToken ct = default)
    {
        var (award, path) = await OpenAsync(id, ct);
        if (await db.AwardNominations.AnyAsync(n => n.AwardId == id, ct))
        {
            throw new RuleViolation("已有提名的表彰项目不能删除");
        }
        await using var work = await db.BeginWorkAsync(ct);
        db.Awards.Remove(award);
        audit.Record("award.remove", nameof(Award), id, path, new { year = award.Year, name = award.Name });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }

    private async Task<(Award Award, string Path)> OpenAsync(long id, CancellationToken ct)
    {
        scope.User.Require(Policies.Awarders, "只有组织部门可以修改表彰项目");
        var (award, path) = await access.AwardAsync(id, ct);
        if (!await access.RunsAsync(path, ct))
        {
            throw RuleViolation.Forbidden("只有授予单位的组织部门可以修改表彰项目");
        }
        if (award.Stage != AwardStage.Nominating)
        {
            throw new RuleViolation($"本项表彰{AwardWorkflow.Chinese(award.Stage)}，不能再修改");
        }
        return (award, path);
    }
}
