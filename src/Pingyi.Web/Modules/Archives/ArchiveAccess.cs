using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;

namespace Pingyi.Web.Modules.Archives;

/// <summary>
/// What of the archives the caller can see: the scores of organizations in the caller's subtree, to the organization
/// department, the superior committees (by their scope) and the discipline body — never to a branch secretary, who would
/// otherwise read their neighbours'. Every query of the module starts here.
/// </summary>
public sealed class ArchiveAccess(PingyiDbContext db, Scope scope)
{
    /// <summary>Scores of organizations in the caller's subtree; 403 for a role that does not read archives.</summary>
    public async Task<IQueryable<ArchiveScore>> ScoresAsync(CancellationToken ct)
    {
        scope.User.Require(Policies.ArchiveReaders, "实绩档案只对组织部门、上级党委和纪检监察机关开放");
        var path = await scope.PathAsync(ct);
        return db.ArchiveScores.Where(s => s.Organization!.Path.StartsWith(path));
    }

    /// <summary>A person whose archive the caller can read: one with a score, a position, a project, a stay in a village, an accountability record, a reverse evaluation or a "三五" judgement in the caller's subtree; 404 otherwise.</summary>
    public async Task<People.Person> CadreAsync(long personId, CancellationToken ct)
    {
        scope.User.Require(Policies.ArchiveReaders, "实绩档案只对组织部门、上级党委和纪检监察机关开放");
        var path = await scope.PathAsync(ct);
        return await db.People.Where(p => p.Id == personId
                && (db.ArchiveScores.Any(s => s.PersonId == p.Id && s.Organization!.Path.StartsWith(path))
                    || db.CadrePositions.Any(c => c.PersonId == p.Id && c.Organization!.Path.StartsWith(path))
                    || db.Projects.Any(x => x.LeaderPersonId == p.Id && x.Organization!.Path.StartsWith(path))
                    || db.StationAssignments.Any(a => a.PersonId == p.Id && a.Village!.Path.StartsWith(path))
                    || db.AccountabilityRecords.Any(a => a.PersonId == p.Id && a.Organization!.Path.StartsWith(path))
                    || db.CadreNotes.Any(n => n.PersonId == p.Id && n.Organization!.Path.StartsWith(path))
                    || db.ReverseEvaluationMeetings.Any(e => e.PersonId == p.Id && e.Organization!.Path.StartsWith(path))
                    || db.AuditReports.Any(r => r.PersonId == p.Id && r.Organization!.Path.StartsWith(path))
                    || db.CadreJudgements.Any(j => j.PersonId == p.Id && db.Organizations.Any(o => o.Id == j.OrganizationId && o.Path.StartsWith(path)))))
                .FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"干部 {personId} 不存在或不在您的管理范围内");
    }

    /// <summary>Refuses a year or quarter outside those the platform keeps.</summary>
    public static void CheckPeriod(int year, int? quarter)
    {
        Years.Check(year);
        if (quarter is < 1 or > 4)
        {
            throw RuleViolation.Invalid("季度须在 1 到 4 之间", "quarter");
        }
    }
}
