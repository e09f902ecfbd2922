using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Archives;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Archives;

/// <summary>The year's rule of a host's archive: how the quarters combine and what a missing quarter counts for.</summary>
public sealed record SaveArchivePlan(long HostOrganizationId, ArchiveKind Kind, int Year, YearCombination Combination, MissingQuarter Missing);

/// <summary>
/// Sets the year's rule (年度考核办法) of a host's archive; without one the year is the sum of the quarters with a missing
/// quarter counted as the mean of those held (<see cref="ArchiveRules"/>'s defaults). Audited with the rule it replaced.
/// </summary>
public sealed class SaveArchivePlanHandler(PingyiDbContext db, Scope scope, AuditLog audit)
{
    public async Task<ArchivePlan> HandleAsync(SaveArchivePlan request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.ArchiveKeepers, "只有组织部门和乡镇党委可以设定年度考核办法");
        ArchiveAccess.CheckPeriod(request.Year, null);
        if (!Enum.IsDefined(request.Combination) || !Enum.IsDefined(request.Missing) || !Enum.IsDefined(request.Kind))
        {
            throw RuleViolation.Invalid("请选择全年成绩的算法和缺考季度的计法");
        }
        var host = await scope.OrganizationAsync(request.HostOrganizationId, ct);
        var plan = await db.ArchivePlans.FirstOrDefaultAsync(p => p.HostOrganizationId == host.Id && p.Kind == request.Kind && p.Year == request.Year, ct);
        var previous = plan is null ? null : new { combination = plan.Combination.ToString(), missing = plan.Missing.ToString() };
        if (plan is null)
        {
            plan = new ArchivePlan { HostOrganizationId = host.Id, Kind = request.Kind, Year = request.Year };
            db.ArchivePlans.Add(plan);
        }
        plan.Combination = request.Combination;
        plan.Missing = request.Missing;
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("archive.plan", nameof(ArchivePlan), plan.Id, host.Path,
            new { kind = request.Kind.ToString(), year = request.Year, combination = request.Combination.ToString(), missing = request.Missing.ToString(), previous });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return plan;
    }
}
