using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Awards;
using Pingyi.Core.Grading;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Awards;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's commendations: last year's customary awards run to the end — nominees taken from last year's 先进
/// organizations and their members and secretaries, each checked against the record as a nomination is
/// (<see cref="NomineeRecords"/>), a few turned down or withdrawn after an objection, publicized in January, approved and
/// published with numbered decisions — and this year's customary awards opened, waiting for this year's grades.
/// </summary>
public sealed class DemoAwards(PingyiDbContext db, AuditLog audit, TimeProvider clock, NomineeRecords records, Documents.DocumentRegister register)
{
    private static readonly string[] OrganizationDeeds =
    [
        "“三会一课”规范落实，村集体经济收入稳步增长", "带领群众发展特色产业，党员活动阵地建设达标", "软弱涣散整顿转化成效明显，群众满意度高",
        "党员先锋岗作用突出，服务群众“最后一公里”打通",
    ];

    private static readonly string[] PersonDeeds =
    [
        "带头发展产业，帮带困难群众增收", "扎根基层二十年，党务工作台账规范", "疫情防控和防汛救灾冲在一线", "义务调解邻里纠纷，群众称赞",
    ];

    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        var random = new Random(seed + 17);
        var today = ChinaTime.Today(clock);
        var year = today.Year - 1;
        var county = await db.Organizations.Where(o => o.ParentId == null).OrderBy(o => o.Id).Select(o => new { o.Id, o.Path }).FirstOrDefaultAsync(ct);
        if (county is null || !await db.GradeResults.AnyAsync(r => r.Year == year, ct))
        {
            return;
        }
        var advanced = await db.GradeResults.Where(r => r.Year == year && r.Grade == OrganizationGrade.Advanced).OrderBy(r => r.Position)
            .Select(r => r.OrganizationId).ToListAsync(ct);
        var secretaries = await db.CadrePositions.Where(p => p.Title == PositionTitle.Secretary && p.TermEnd == null)
            .Select(p => new { p.PersonId, p.OrganizationId, p.Person!.Name, Level = p.Organization!.Level }).ToListAsync(ct);
        var members = await db.People.Where(p => p.OrganizationId != null && advanced.Contains(p.OrganizationId.Value) && p.MemberStatus != Core.People.MemberStatus.None)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Name, OrganizationId = p.OrganizationId!.Value }).ToListAsync(ct);
        var shuffled = members.OrderBy(_ => random.Next()).ToList();
        var villageSecretaries = secretaries.Where(s => advanced.Contains(s.OrganizationId)).OrderBy(_ => random.Next()).ToList();
        var townshipSecretaries = secretaries.Where(s => s.Level == Core.Organizations.OrganizationLevel.TownshipCommittee).OrderBy(_ => random.Next()).ToList();

        var publicityFrom = new DateOnly(today.Year, 1, 5);
        var publicityUntil = new DateOnly(today.Year, 1, 12);
        var published = new DateTime(today.Year, 1, 20, 2, 0, 0, DateTimeKind.Utc);
        var nominated = new DateTime(today.Year, 1, 2, 2, 0, 0, DateTimeKind.Utc);
        await using var work = await db.BeginWorkAsync(ct);
        var awards = new List<Award>();
        foreach (var c in CreateAwardHandler.Customary)
        {
            var nominees = c.Name switch
            {
                "“五好”基层党组织" => advanced.Skip(35).Take(c.Quota).Select(o => (o, (long?)null, (string?)null)),
                "先进基层党组织" => advanced.Take(c.Quota + 3).Select(o => (o, (long?)null, (string?)null)),
                "优秀共产党员" => shuffled.Take(60).Select(p => (p.OrganizationId, (long?)p.Id, (string?)p.Name)),
                "优秀党务工作者" => shuffled.Skip(60).Take(30).Select(p => (p.OrganizationId, (long?)p.Id, (string?)p.Name)),
                "十佳抓党建村党组织书记" => villageSecretaries.Take(c.Quota + 2).Select(s => (s.OrganizationId, (long?)s.PersonId, (string?)s.Name)),
                _ => townshipSecretaries.Take(c.Quota).Select(s => (s.OrganizationId, (long?)s.PersonId, (string?)s.Name)),
            };
            var award = new Award
            {
                Year = year, Name = c.Name, Subject = c.Subject, Quota = c.Quota, Rules = c.Rules, OrganizationId = county.Id, Stage = AwardStage.Published,
                PublicityFrom = publicityFrom, PublicityUntil = publicityUntil, CreatedAt = nominated.AddDays(-20), ApprovedAt = published.AddDays(-3), PublishedAt = published,
            };
            db.Awards.Add(award);
            await db.SaveChangesAsync(ct);
            awards.Add(award);
            var recommended = 0;
            foreach (var (organizationId, personId, name) in nominees.ToList())
            {
                if ((await records.FactsAsync(organizationId, personId, year, ct)) is var facts && AwardEligibility.Refusals(c.Rules, year, facts).Count > 0)
                {
                    continue; // refused at nomination: never saved
                }
                var nomination = new AwardNomination
                {
                    AwardId = award.Id, OrganizationId = organizationId, PersonId = personId, PersonName = name, NomineeKey = personId is { } p ? $"p:{p}" : $"o:{organizationId}",
                    Deeds = (personId is null ? OrganizationDeeds : PersonDeeds)[random.Next(4)], State = NominationState.Recommended, NominatedBy = "demo", NominatedAt = nominated,
                    ReviewedBy = "demo", ReviewedAt = nominated.AddDays(1),
                };
                if (recommended >= c.Quota)
                {
                    (nomination.State, nomination.Reason) = (NominationState.Rejected, "名额已满，综合比较后本年度不予推荐");
                }
                else
                {
                    recommended++;
                }
                db.AwardNominations.Add(nomination);
            }
            await db.SaveChangesAsync(ct);
        }
        // One objection found true during the publicity: that member's nomination withdrawn.
        var objected = await db.AwardNominations.Where(n => n.Award!.Year == year && n.PersonId != null && n.State == NominationState.Recommended).OrderBy(n => n.Id).FirstOrDefaultAsync(ct);
        if (objected is not null)
        {
            var objection = new AwardObjection
            {
                NominationId = objected.Id, Text = "反映该同志年内有违反村规民约的行为", ReceivedOn = publicityFrom.AddDays(2), RecordedBy = "demo", Upheld = true,
                Finding = "经乡镇党委核实，反映情况属实", ResolvedBy = "demo", ResolvedAt = published.AddDays(-6),
            };
            db.AwardObjections.Add(objection);
            await db.SaveChangesAsync(ct);
            (objected.State, objected.Reason) = (NominationState.Withdrawn, $"公示期间异议经核实属实（见异议 {objection.Id} 的核实情况）");
        }
        foreach (var award in awards)
        {
            await register.IssueAsync(county.Id, AwardDecision.Subject(award.Id), AwardDecision.Title(award.Year, award.Name), DateOnly.FromDateTime(ChinaTime.ToChina(published)), county.Path, ct);
        }
        // This year's customary awards, open: nominations follow this year's grading.
        foreach (var c in CreateAwardHandler.Customary)
        {
            db.Awards.Add(new Award
            {
                Year = today.Year, Name = c.Name, Subject = c.Subject, Quota = c.Quota, Rules = c.Rules, OrganizationId = county.Id, Stage = AwardStage.Nominating,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        }
        audit.Record("demo.awards", nameof(Award), seed, county.Path, new { year, awards = awards.Count });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
