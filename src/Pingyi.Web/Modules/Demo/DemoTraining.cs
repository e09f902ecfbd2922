using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Training;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's training (seeds 003 and 004): last year's and this year's county party-school course for branch
/// secretaries — this year a few have not come yet, so coverage is short of the target — a 送课下乡 lecture for the
/// members of the first township, this year's course for the committees' leading cadres (most of them) and the training camp
/// of the young cadres under 30 (all of them, seed 003).
/// </summary>
public sealed class DemoTraining(PingyiDbContext db, AuditLog audit, TimeProvider clock, PiiProtector pii)
{
    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        var county = await db.Organizations.Where(o => o.ParentId == null).OrderBy(o => o.Id).Select(o => new { o.Id, o.Path }).FirstOrDefaultAsync(ct);
        if (county is null || await db.TrainingCourses.AnyAsync(ct))
        {
            return;
        }
        var random = new Random(seed + 41);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var secretaries = await db.CadrePositions.Where(p => p.TermEnd == null && p.Title == People.PositionTitle.Secretary
                && (p.Organization!.Level == OrganizationLevel.Branch || p.Organization.Level == OrganizationLevel.GeneralBranch))
            .Select(p => p.PersonId).Distinct().OrderBy(id => id).ToListAsync(ct);
        var township = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee).OrderBy(o => o.SortOrder).ThenBy(o => o.Id)
            .Select(o => new { o.Id, o.Path }).FirstAsync(ct);
        var members = await db.People.Where(p => p.MemberStatus != Core.People.MemberStatus.None && p.Organization!.Path.StartsWith(township.Path))
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        await using var work = await db.BeginWorkAsync(ct);
        async Task CourseAsync(string title, CourseKind kind, long organizationId, string path, DateOnly start, int days, decimal hours, string place, IEnumerable<long> attendees)
        {
            var course = new TrainingCourse
            {
                Title = title, Kind = kind, OrganizationId = organizationId, StartOn = start, EndOn = start.AddDays(days - 1), Place = place, Teachers = "县委党校教师",
                Hours = hours, CreatedAt = now,
            };
            db.TrainingCourses.Add(course);
            await db.SaveChangesAsync(ct);
            var list = attendees.ToList();
            db.TrainingAttendances.AddRange(list.Select(p => new TrainingAttendance { CourseId = course.Id, PersonId = p, Hours = hours }));
            audit.Record("training.create", nameof(TrainingCourse), course.Id, path, new { title, kind = kind.ToString(), hours, attendees = list.Count, demo = true });
            await db.SaveChangesAsync(ct);
        }
        await CourseAsync($"{today.Year - 1}年村（社区）党组织书记轮训班", CourseKind.PartySchool, county.Id, county.Path, new DateOnly(today.Year - 1, 4, 10), 3, 24, "县委党校", secretaries);
        await CourseAsync($"{today.Year}年村（社区）党组织书记轮训班", CourseKind.PartySchool, county.Id, county.Path, new DateOnly(today.Year, 4, 9), 3, 24, "县委党校",
            secretaries.Where(_ => random.NextDouble() < 0.93));
        await CourseAsync($"{today.Year}年送课下乡：基层党建业务知识", CourseKind.OnSiteLecture, township.Id, township.Path, new DateOnly(today.Year, 6, 18), 1, 3, "镇党群服务中心",
            members.Where(_ => random.NextDouble() < 0.6));
        var cadres = await db.CadrePositions.Where(p => p.TermEnd == null && p.Organization!.Level != OrganizationLevel.Branch && p.Organization.Level != OrganizationLevel.GeneralBranch)
            .Select(p => p.PersonId).Distinct().OrderBy(id => id).ToListAsync(ct);
        await CourseAsync($"{today.Year}年乡镇领导干部能力提升轮训班", CourseKind.PartySchool, county.Id, county.Path, new DateOnly(today.Year, 5, 12), 5, 40, "县委党校",
            cadres.Where(_ => random.NextDouble() < 0.85));
        var yearEnd = new DateOnly(today.Year, 12, 31);
        var young = (await db.People.Where(p => db.CadrePositions.Any(c => c.PersonId == p.Id && c.TermEnd == null)).OrderBy(p => p.Id).Select(p => new { p.Id, p.IdNumberCipher }).ToListAsync(ct))
            .Where(p => pii.BirthDateOrNull(p.IdNumberCipher) is { } born && born.AddYears(30) > yearEnd).Select(p => p.Id).ToList();
        if (young.Count > 0)
        {
            await CourseAsync($"{today.Year}年青年干部培训营", CourseKind.PartySchool, county.Id, county.Path, new DateOnly(today.Year, 7, 6), 7, 56, "县委党校", young);
        }
        await work.CommitAsync(ct);
    }
}
