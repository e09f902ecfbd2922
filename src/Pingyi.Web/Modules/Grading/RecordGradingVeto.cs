using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Grading;

public sealed record RecordGradingVeto(long OrganizationId, int Year, string Reason);

/// <summary>
/// A veto condition (一票否决) of an organization's year, with its reason, recorded or withdrawn while the year is not
/// yet graded: the organization is then graded 后进 whatever its score.
/// </summary>
public sealed class RecordGradingVetoHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, GradingAccess access)
{
    public async Task<GradingVetoView> RecordAsync(RecordGradingVeto request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Graders, "只有组织部门可以认定一票否决");
        GradingAccess.CheckYear(request.Year);
        var organization = await access.OrganizationAsync(request.OrganizationId, ct);
        var reason = (request.Reason ?? string.Empty).Trim();
        new FieldErrors().Check(reason.Length is > 0 and <= GradingVeto.ReasonMax, "reason", $"请写明否决事由（不超过{GradingVeto.ReasonMax}字）").ThrowIfAny();
        await RefusePublishedAsync(request.Year, ct);
        await using var work = await db.BeginWorkAsync(ct);
        var veto = new GradingVeto { OrganizationId = organization.Id, Year = request.Year, Reason = reason, UserName = scope.UserName ?? "system", At = clock.GetUtcNow().UtcDateTime };
        db.GradingVetoes.Add(veto);
        await db.SaveChangesAsync(ct);
        audit.Record("grading.veto", nameof(GradingVeto), veto.Id, organization.Path, new { year = request.Year, reason });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return new GradingVetoView(veto.Id, veto.OrganizationId, veto.Year, veto.Reason, veto.UserName, veto.At);
    }

    public async Task WithdrawAsync(long id, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Graders, "只有组织部门可以撤销一票否决");
        var path = await scope.PathAsync(ct);
        var found = await db.GradingVetoes.Where(v => v.Id == id && v.Organization!.Path.StartsWith(path))
            .Select(v => new { Veto = v, v.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"否决事项 {id} 不存在或不在您的管理范围内");
        await RefusePublishedAsync(found.Veto.Year, ct);
        await using var work = await db.BeginWorkAsync(ct);
        db.GradingVetoes.Remove(found.Veto);
        audit.Record("grading.veto-withdraw", nameof(GradingVeto), id, found.Path, new { year = found.Veto.Year, reason = found.Veto.Reason });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }

    private async Task RefusePublishedAsync(int year, CancellationToken ct)
    {
        if (await access.PublishedAsync(year, ct))
        {
            throw new RuleViolation($"{year} 年度已定级，一票否决不能再改；如需调整等次，请使用动态升降级");
        }
    }
}
