using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Training;

public sealed record CourseView(long Id, string Title, CourseKind Kind, long OrganizationId, string Organization, DateOnly StartOn, DateOnly EndOn, string? Place,
    string? Teachers, decimal Hours, int Attendees);

public sealed record AttendeeView(long PersonId, string Name, string Organization, decimal Hours);

/// <summary>
/// Coverage of a township (or the total) in a year, level by level: branch secretaries trained at least once (seed 004: every
/// one of 691, once a year), the leading cadres of the committees (township and county: seed 003's 1,270 cadres trained), the
/// young cadres under <see cref="TrainingTargets.YoungAge"/> (seed 003: all of them in a training camp), members (seed 004:
/// 52%), and the hours.
/// </summary>
public sealed record CoverageRow(long? OrganizationId, string Name, int Secretaries, int SecretariesTrained, int Members, int MembersTrained, decimal Hours,
    int Cadres = 0, int CadresTrained = 0, int YoungCadres = 0, int YoungCadresTrained = 0)
{
    public decimal SecretaryRate => Rate(SecretariesTrained, Secretaries);

    public decimal MemberRate => Rate(MembersTrained, Members);

    public decimal CadreRate => Rate(CadresTrained, Cadres);

    public decimal YoungCadreRate => Rate(YoungCadresTrained, YoungCadres);

    private static decimal Rate(int trained, int all) => all == 0 ? 0 : (decimal)trained / all;
}

/// <summary>
/// The year's targets per level (configuration <c>Training:Targets</c>): branch secretaries, leading cadres and young cadres
/// all trained once a year (seeds 003 and 004), members half (seed 004 reports 52% against its plan); who counts as young.
/// </summary>
public sealed class TrainingTargets
{
    public decimal Secretaries { get; set; } = 1m;

    public decimal Cadres { get; set; } = 1m;

    public decimal YoungCadres { get; set; } = 1m;

    public decimal Members { get; set; } = 0.5m;

    /// <summary>A cadre is young under this age at the end of the year (seed 003: 30).</summary>
    public int YoungAge { get; set; } = 30;
}

/// <summary>The coverage rows with the targets they are measured against.</summary>
public sealed record Coverage(TrainingTargets Targets, IReadOnlyList<CoverageRow> Rows);

public sealed record TrainingRecord(long CourseId, string Title, CourseKind Kind, DateOnly StartOn, decimal Hours);

/// <summary>Courses in scope, a course's attendees, coverage per township against the target, a person's training record.</summary>
public sealed class TrainingQueries(PingyiDbContext db, Scope scope, PiiProtector pii, Microsoft.Extensions.Options.IOptions<TrainingTargets> targets)
{
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

    /// <summary>The year's coverage per township of the caller's subtree (a township clerk sees their township), and the total, with the targets.</summary>
    public async Task<Coverage> CoverageAsync(int year, CancellationToken ct = default)
    {
        Years.Check(year);
        var organizations = await scope.OrganizationsAsync(ct);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var trained = db.TrainingAttendances.Where(a => db.TrainingCourses.Any(c => c.Id == a.CourseId && c.StartOn >= first && c.StartOn <= last));
        var secretaries = await db.CadrePositions.Where(p => p.TermEnd == null && p.Title == People.PositionTitle.Secretary
                && (p.Organization!.Level == OrganizationLevel.Branch || p.Organization.Level == OrganizationLevel.GeneralBranch) && organizations.Any(o => o.Id == p.OrganizationId))
            .Select(p => new { p.PersonId, p.Organization!.Path, Trained = trained.Any(a => a.PersonId == p.PersonId) }).ToListAsync(ct);
        // Leading cadres: anyone in a post of a committee (township, county, working committee); young: under the age at the year's end,
        // from the birth date in the encrypted ID number, read here in memory and never kept or shown.
        var posts = await db.CadrePositions.Where(p => p.TermEnd == null && organizations.Any(o => o.Id == p.OrganizationId))
            .Select(p => new
            {
                p.PersonId, p.Organization!.Path,
                Committee = p.Organization.Level != OrganizationLevel.Branch && p.Organization.Level != OrganizationLevel.GeneralBranch,
                Trained = trained.Any(a => a.PersonId == p.PersonId),
            }).ToListAsync(ct);
        var ids = posts.Select(p => p.PersonId).Distinct().ToList();
        var goal = targets.Value;
        var yearEnd = new DateOnly(year, 12, 31);
        var young = (await db.People.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.IdNumberCipher }).ToListAsync(ct))
            .Where(p => pii.BirthDateOrNull(p.IdNumberCipher) is { } born && born.AddYears(goal.YoungAge) > yearEnd)
            .Select(p => p.Id).ToHashSet();
        var members = await db.People.Where(p => p.MemberStatus != Core.People.MemberStatus.None && organizations.Any(o => o.Id == p.OrganizationId))
            .Select(p => new { p.Id, p.Organization!.Path, Hours = trained.Where(a => a.PersonId == p.Id).Sum(a => (decimal?)a.Hours) ?? 0 }).ToListAsync(ct);
        var townships = await organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee || o.Level == OrganizationLevel.WorkingCommittee)
            .OrderBy(o => o.Path).Select(o => new { o.Id, o.Name, o.Path }).ToListAsync(ct);
        CoverageRow Row(long? id, string name, Func<string, bool> under)
        {
            var s = secretaries.Where(x => under(x.Path)).DistinctBy(x => x.PersonId).ToList();
            var m = members.Where(x => under(x.Path)).ToList();
            var c = posts.Where(x => x.Committee && under(x.Path)).DistinctBy(x => x.PersonId).ToList();
            var y = posts.Where(x => young.Contains(x.PersonId) && under(x.Path)).DistinctBy(x => x.PersonId).ToList();
            return new CoverageRow(id, name, s.Count, s.Count(x => x.Trained), m.Count, m.Count(x => x.Hours > 0), m.Sum(x => x.Hours),
                c.Count, c.Count(x => x.Trained), y.Count, y.Count(x => x.Trained));
        }
        return new Coverage(goal, [.. townships.Select(t => Row(t.Id, t.Name, p => p.StartsWith(t.Path, StringComparison.Ordinal))), Row(null, "合计", _ => true)]);
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
