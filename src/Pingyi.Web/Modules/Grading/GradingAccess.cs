using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Grading;

/// <summary>
/// Which organizations are graded and which the caller can see: the active grassroots organizations (branches and general
/// branches) of the caller's subtree. Every use case and query of the module starts here.
/// </summary>
public sealed class GradingAccess(PingyiDbContext db, Scope scope)
{
    /// <summary>The organizations a year's grading covers, in the caller's subtree.</summary>
    public async Task<IQueryable<Organization>> GradedAsync(CancellationToken ct) =>
        (await scope.OrganizationsAsync(ct)).Where(o => o.Status == OrganizationStatus.Active
            && (o.Level == OrganizationLevel.Branch || o.Level == OrganizationLevel.GeneralBranch));

    /// <summary>A graded organization the caller can see; 404 otherwise.</summary>
    public async Task<Organization> OrganizationAsync(long id, CancellationToken ct) =>
        await (await scope.OrganizationsAsync(ct)).FirstOrDefaultAsync(o => o.Id == id
            && (o.Level == OrganizationLevel.Branch || o.Level == OrganizationLevel.GeneralBranch), ct)
        ?? throw RuleViolation.NotFound($"基层党组织 {id} 不存在或不在您的管理范围内");

    /// <summary>The published grade of an organization the caller can see; 404 otherwise.</summary>
    public async Task<(GradeResult Result, string Path)> ResultAsync(long organizationId, int year, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        var found = await db.GradeResults.Where(r => r.OrganizationId == organizationId && r.Year == year && r.Organization!.Path.StartsWith(path))
            .Select(r => new { Result = r, r.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"组织 {organizationId} 的 {year} 年度定级结果不存在或不在您的管理范围内");
        return (found.Result, found.Path);
    }

    /// <summary>The scheme version to use: the one asked for, or the latest; 404 when there is none.</summary>
    public async Task<GradingScheme> SchemeAsync(int? version, CancellationToken ct) =>
        await (version is { } v ? db.GradingSchemes.Where(s => s.Version == v) : db.GradingSchemes.OrderByDescending(s => s.Version)).FirstOrDefaultAsync(ct)
        ?? throw RuleViolation.NotFound(version is { } w ? $"定级方案第 {w} 版不存在" : "还没有定级方案");

    /// <summary>Whether the year is graded in the caller's subtree (a published year's inputs are frozen).</summary>
    public async Task<bool> PublishedAsync(int year, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return await db.GradeResults.AnyAsync(r => r.Year == year && r.Organization!.Path.StartsWith(path), ct);
    }

    /// <summary>Refuses a year outside the years the platform grades.</summary>
    public static void CheckYear(int year)
    {
        Years.Check(year);
    }
}
