using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Training;

public sealed record CourseView(long Id, string Title, CourseKind Kind, long OrganizationId, string Organization, DateOnly StartOn, DateOnly EndOn, string? Place,
    string? Teachers, decimal Hours, int Attendees);

public sealed record AttendeeView(long PersonId, string Name, string Organization, decimal Hours);

/// <summary>
/// Coverage of a township (or the total) in a year: branch secretaries trained at least once (seed 004: every one of 691, once a
/// year — the target is 100%), members trained, and the hours.
/// </summary>
public sealed record CoverageRow(long? OrganizationId, string Name, int Secretaries, int SecretariesTrained, int Members, int MembersTrained, decimal Hours)
{
    public decimal SecretaryRate => Secretaries == 0 ? 0 : (decimal)SecretariesTrained / Secretaries;

    public decimal MemberRate => Members == 0 ? 0 : (decimal)MembersTrained / Members;
}

public sealed record TrainingRecord(long CourseId, string Title, CourseKind Kind, DateOnly StartOn, decimal Hours);

/// <summary>Courses in scope, a course's attendees, coverage per township against the target, a person's training record.</summary>
public sealed class TrainingQueries(PingyiDbContext db, Scope scope)
{
    /// <summary>Branch secretaries are to be trained once a year (seed 004): the target share.</summary>
    public const decimal SecretaryTarget = 1m;

    public async Task<IReadOnlyList<CourseView>> CoursesAsync(int year, CancellationToken ct = default)
    {
        var path = await scope.PathAsync(ct);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return await db.TrainingCourses.Where(c => c.Organization!.Path.StartsWith(path) && c.StartOn >= first && c.StartOn <= last).OrderByDescending(c => c.StartOn).ThenBy(c => c.Id)
            .Select(c => new CourseView(c.Id, c.Title, c.Kind, c.OrganizationId, c.Organization!.Name, c.StartOn, c.EndOn, c.Place, c.Teachers, c.Hours,
                db.TrainingAttendances.Count(a => a.CourseId == c.Id)))
            .ToListAsync(ct);
    }

    public async Task<(CourseView Course, IReadOnlyList<AttendeeView> Attendees)> CourseAsync(long id, CancellationToken ct = default)
    {
        var path = await scope.PathAsync(ct);
        var course = await db.TrainingCourses.Where(c => c.Id == id && c.Organization!.Path.StartsWith(path))
            .Select(c => new CourseView(c.Id, c.Title, c.Kind, c.OrganizationId, c.Organization!.Name, c.StartOn, c.EndOn, c.Place, c.Teachers, c.Hours,
                db.TrainingAttendances.Count(a => a.CourseId == c.Id)))
            .FirstOrDefaultAsync(ct) ?? throw RuleViolation.NotFound($"培训 {id} 不存在或不在您的管理范围内");
        var attendees = await (from a in db.TrainingAttendances
                               where a.CourseId == id
                               join p in db.People on a.PersonId equals p.Id
                               orderby p.Organization!.Name, p.Name
                               select new AttendeeView(p.Id, p.Name, p.Organization!.Name, a.Hours)).ToListAsync(ct);
        return (course, attendees);
    }

    /// <summary>The year's coverage per township of the caller's subtree (a township clerk sees their township), and the total.</summary>
    public async Task<IReadOnlyList<CoverageRow>> CoverageAsync(int year, CancellationToken ct = default)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var trained = db.TrainingAttendances.Where(a => db.TrainingCourses.Any(c => c.Id == a.CourseId && c.StartOn >= first && c.StartOn <= last));
        var secretaries = await db.CadrePositions.Where(p => p.TermEnd == null && p.Title == People.PositionTitle.Secretary
                && (p.Organization!.Level == OrganizationLevel.Branch || p.Organization.Level == OrganizationLevel.GeneralBranch) && organizations.Any(o => o.Id == p.OrganizationId))
            .Select(p => new { p.PersonId, p.Organization!.Path, Trained = trained.Any(a => a.PersonId == p.PersonId) }).ToListAsync(ct);
        var members = await db.People.Where(p => p.MemberStatus != Core.People.MemberStatus.None && organizations.Any(o => o.Id == p.OrganizationId))
            .Select(p => new { p.Id, p.Organization!.Path, Hours = trained.Where(a => a.PersonId == p.Id).Sum(a => (decimal?)a.Hours) ?? 0 }).ToListAsync(ct);
        var townships = await organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee || o.Level == OrganizationLevel.WorkingCommittee)
            .OrderBy(o => o.Path).Select(o => new { o.Id, o.Name, o.Path }).ToListAsync(ct);
        CoverageRow Row(long? id, string name, Func<string, bool> under)
        {
            var s = secretaries.Where(x => under(x.Path)).DistinctBy(x => x.PersonId).ToList();
            var m = members.Where(x => under(x.Path)).ToList();
            return new CoverageRow(id, name, s.Count, s.Count(x => x.Trained), m.Count, m.Count(x => x.Hours > 0), m.Sum(x => x.Hours));
        }
        return [.. townships.Select(t => Row(t.Id, t.Name, p => p.StartsWith(t.Path, StringComparison.Ordinal))), Row(null, "合计", _ => true)];
    }

    /// <summary>A person's training, the latest first (courses the caller can see).</summary>
    public async Task<IReadOnlyList<TrainingRecord>> RecordsAsync(long personId, CancellationToken ct = default)
    {
        var path = await scope.PathAsync(ct);
        return await db.TrainingAttendances.Where(a => a.PersonId == personId)
            .Join(db.TrainingCourses.Where(c => c.Organization!.Path.StartsWith(path)), a => a.CourseId, c => c.Id, (a, c) => new { c.Id, c.Title, c.Kind, c.StartOn, a.Hours })
            .OrderByDescending(r => r.StartOn).Select(r => new TrainingRecord(r.Id, r.Title, r.Kind, r.StartOn, r.Hours)).ToListAsync(ct);
    }
}
