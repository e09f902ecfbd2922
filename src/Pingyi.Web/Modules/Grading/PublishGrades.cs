using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Grading;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Grading;

public sealed record PublishGrades(int Year, int? SchemeVersion);

/// <summary>
/// 定级: grades the year of every grassroots organization of the caller's subtree with the scheme version (the latest
/// unless one is named) and freezes the results with last year's grade beside each; once per year. Organizations with
/// no counted input and no veto are left ungraded and listed in the answer.
/// </summary>
public sealed class PublishGradesHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, GradingAccess access,
    GradingCalculation calculation, Notifications.Notifier notifier)
{
    public async Task<GradingSummary> HandleAsync(PublishGrades request, GradingQueries queries, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Graders, "只有组织部门可以发布定级结果");
        await PublishAsync(request, ct);
        return await queries.SummaryAsync(request.Year, ct);
    }

    /// <summary>The publication without asking who (the demo county's past years); returns how many were graded.</summary>
    internal async Task<int> PublishAsync(PublishGrades request, CancellationToken ct = default)
    {
        GradingAccess.CheckYear(request.Year);
        var scheme = await access.SchemeAsync(request.SchemeVersion, ct);
        if (await access.PublishedAsync(request.Year, ct))
        {
            throw new RuleViolation($"{request.Year} 年度已定级；如需调整个别组织的等次，请使用动态升降级");
        }
        var graded = (await calculation.RunAsync(request.Year, scheme.Rules, ct)).Where(g => g.Outcome.Grade is not null).ToList();
        if (graded.Count == 0)
        {
            throw new RuleViolation($"{request.Year} 年度还没有可计入的评分，无法定级：请先录入月评、季度自评或年度考核");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = graded.Select(g => g.OrganizationId).ToHashSet();
        var previous = await db.GradeResults.Where(r => r.Year == request.Year - 1 && ids.Contains(r.OrganizationId))
            .ToDictionaryAsync(r => r.OrganizationId, r => r.Grade, ct);
        await using var work = await db.BeginWorkAsync(ct);
        var results = new List<GradeResult>(graded.Count);
        foreach (var g in graded)
        {
            var o = g.Outcome;
            var result = new GradeResult
            {
                Year = request.Year, OrganizationId = g.OrganizationId, SchemeVersion = scheme.Version, Composite = o.Composite,
                Grade = o.Grade!.Value, PublishedGrade = o.Grade!.Value, ScoreGrade = o.ScoreGrade, Position = o.Position,
                Graded = graded.Count, Exemplary = o.Exemplary, Flags = o.Flags, VetoReason = g.VetoReason,
                Parts = JsonSerializer.Serialize(o.Parts, JsonSerializerOptions.Web),
                PreviousGrade = previous.TryGetValue(g.OrganizationId, out var p) ? p : null, PublishedAt = now,
            };
            results.Add(result);
        }
        db.GradeResults.AddRange(results);
        await db.SaveChangesAsync(ct);
        db.GradeEvents.AddRange(results.Select(r => new GradeEvent
        {
            GradeResultId = r.Id, FromGrade = r.PreviousGrade, ToGrade = r.Grade, Reason = "年度定级", UserName = scope.UserName ?? "system", At = now,
        }));
        var path = await scope.PathAsync(ct);
        audit.Record("grading.publish", "GradingYear", request.Year, path, new
        {
            year = request.Year, scheme = scheme.Version, graded = graded.Count,
            advanced = results.Count(r => r.Grade == OrganizationGrade.Advanced),
            average = results.Count(r => r.Grade == OrganizationGrade.Average),
            lagging = results.Count(r => r.Grade == OrganizationGrade.Lagging),
            exemplary = results.Count(r => r.Exemplary),
        });
        // A lagging organization is told, and asked for its conversion measures (整顿转化).
        foreach (var r in results.Where(r => r.Grade == OrganizationGrade.Lagging))
        {
            await notifier.NotifyAsync(r.OrganizationId, Policies.GradingRecorders, "Grading",
                $"{request.Year} 年度定级为后进，请制定整顿转化措施", $"/Grading/Organization/{r.OrganizationId}?year={request.Year}", null, ct);
        }
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return results.Count;
    }
}
