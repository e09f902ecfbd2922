using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Selection;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's cadre selection (seed 000, "一七三"): an earlier batch whose window has closed — seven eligible village
/// secretaries nominated by the seven channels (a committee secretary answering for one, ten residents co-signing another, the
/// leading cadres' meeting voting on phones for a third), the organization department's round (seven to four) and all serving
/// cadres' round (four to two) voted on phones and closed by their meetings' publication, the county committee
/// plenary's round left for the clerk to plan (on phones) — and this month's batch, open for nominations, on the public page; the
/// last two years' satisfaction surveys with seed 000's answers (72.3%, then 92.7%).
/// </summary>
public sealed class DemoSelection(PingyiDbContext db, AuditLog audit, TimeProvider clock, PiiProtector pii, Meetings.CreateSchemeHandler schemes,
    Meetings.CreateMeetingHandler meetings, Meetings.CreateSurveyMeetingHandler surveys, Meetings.PublishResultsHandler publish)
{
    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        var county = await db.Organizations.Where(o => o.ParentId == null).OrderBy(o => o.Id).Select(o => new { o.Id, o.Path }).FirstOrDefaultAsync(ct);
        if (county is null || await db.SelectionBatches.AnyAsync(ct))
        {
            return;
        }
        var townships = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee).OrderBy(o => o.SortOrder).ThenBy(o => o.Id)
            .Select(o => new { o.Id, o.Name }).Take(3).ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(seed + 67);
        var requirements = new PostRequirements(28, 50, 2, EducationLevel.College);
        // Eligible village secretaries, as the 点将台 would show them.
        var secretaries = await db.CadrePositions.Where(p => p.TermEnd == null && p.Title == People.PositionTitle.Secretary && p.Organization!.Category == OrganizationCategory.Village)
            .OrderBy(p => p.OrganizationId).Select(p => new { p.PersonId, p.Person!.Name, p.Person.IdNumberCipher, p.Person.Education, p.TermStart, p.OrganizationId }).Take(200).ToListAsync(ct);
        var eligible = secretaries.DistinctBy(s => s.PersonId).Where(s =>
        {
            int? age = pii.BirthDateOrNull(s.IdNumberCipher) is { } born ? Archives.ArchiveQueries.FullYears(born, today) : null;
            return SelectionRules.Refusals(requirements, new NomineeFacts(age, Archives.ArchiveQueries.FullYears(s.TermStart, today), null, false, s.Education)).Count == 0;
        }).Take(9).ToList();
        // A leading cadre of a committee answers for the personal recommendation.
        var leader = await db.CadrePositions.Where(p => p.TermEnd == null && p.Title == People.PositionTitle.Secretary
                && (p.Organization!.Level == OrganizationLevel.CountyCommittee || p.Organization.Level == OrganizationLevel.TownshipCommittee))
            .OrderBy(p => p.Organization!.Level).ThenBy(p => p.Organization!.SortOrder).Select(p => (long?)p.PersonId).FirstOrDefaultAsync(ct);
        if (townships.Count == 0 || eligible.Count < 9 || leader is null)
        {
            return;
        }
        await using var work = await db.BeginWorkAsync(ct);
        async Task<SelectionBatch> BatchAsync(string title, DateOnly from, DateOnly until, params (string Title, long Organization)[] posts)
        {
            var batch = new SelectionBatch
            {
                Title = title, Year = today.Year, OrganizationId = county.Id, NominationFrom = from, NominationUntil = until, PublishedAt = now.AddDays(from.DayNumber - today.DayNumber - 1),
                CreatedAt = now.AddDays(from.DayNumber - today.DayNumber - 2),
                Posts = [.. posts.Select(p => new SelectionPost { Title = p.Title, OrganizationId = p.Organization, Rank = "副科级", Places = 1, MinAge = 28, MaxAge = 50, MinYearsInPost = 2,
                    MinEducation = requirements.MinEducation, Education = SelectionPost.EducationText(requirements.MinEducation), Field = "农村工作" })],
            };
            db.SelectionBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            audit.Record("selection.batch", nameof(SelectionBatch), batch.Id, county.Path, new { title, posts = batch.Posts.Count, demo = true });
            audit.Record("selection.publish", nameof(SelectionBatch), batch.Id, county.Path, new { title, demo = true });
            return batch;
        }
        async Task<Nomination> NominateAsync(SelectionBatch batch, SelectionPost post, int who, NominationChannel channel, string evidence)
        {
            var nominee = eligible[who];
            var nomination = new Nomination
            {
                PostId = post.Id, PersonId = nominee.PersonId, Channel = channel, Evidence = evidence, NominatorPersonId = channel == NominationChannel.LeadingCadre ? leader : null,
                State = NominationState.Standing, UserName = "demo", CreatedAt = now,
            };
            db.Nominations.Add(nomination);
            await db.SaveChangesAsync(ct);
            if (channel == NominationChannel.PublicJoint)
            {
                db.CoSigners.AddRange(Enumerable.Range(1, 10).Select(n => new CoSigner
                {
                    PostId = post.Id, NominationId = nomination.Id, NameCipher = pii.Encrypt($"联名群众{n}"),
                    IdNumberHash = pii.LookupHash(ResidentIdNumber.Create("520425", new DateOnly(1975 + n, n, n), 300 + n).Value),
                }));
            }
            audit.Record("selection.nominate", nameof(SelectionBatch), batch.Id, county.Path, new
            {
                nomination = nomination.Id, post = post.Title, nominee = nominee.Name, channel = SelectionRules.Chinese(channel), coSigners = channel == NominationChannel.PublicJoint ? 10 : 0,
                nominatorName = channel == NominationChannel.LeadingCadre ? await db.People.Where(p => p.Id == leader).Select(p => p.Name).SingleAsync(ct) : null, demo = true,
            });
            return nomination;
        }
        // A meeting of the selecting county on phones: every voter's code used, each candidate's grades as given, published.
        async Task<Meetings.Meeting> PhoneMeetingAsync(SelectionPost post, string title, Meetings.SchemeTemplates.Template template, DateOnly heldOn, IReadOnlyList<int> who, int voters, Func<int, int, Core.Evaluation.Grade> grade)
        {
            var meeting = await meetings.HandleAsync(new Meetings.CreateMeeting(title, $"{today.Year}年干部选任", county.Id, Meetings.MeetingDirection.Upward,
                await schemes.FromTemplateAsync(template, county.Id, ct), heldOn, null,
                [.. who.Select(w => new Meetings.NewReporter(eligible[w].OrganizationId, eligible[w].PersonId, eligible[w].Name, post.Title))], [new Meetings.NewGroupSize("voters", voters)]), ct);
            var reporters = meeting.Reporters.OrderBy(r => r.Order).ToList();
            var group = meeting.Groups.Single();
            var scored = string.Join(",", reporters.Select(r => r.Id));
            for (var v = 0; v < voters; v++)
            {
                DemoBallots.Code(db, meeting.Id, group.Id, scored);
                for (var c = 0; c < reporters.Count; c++)
                {
                    DemoBallots.Add(db, meeting.Id, reporters[c].Id, group.Id, grade(c, v), null);
                }
            }
            reporters.ForEach(r => r.State = Meetings.ScoringState.Closed);
            meeting.Stage = Meetings.MeetingStage.Assessment;
            await db.SaveChangesAsync(ct);
            return meeting;
        }
        async Task RecommendationAsync(SelectionBatch batch, SelectionPost post, DateOnly heldOn, (int Who, int Yes)[] candidates, int voters)
        {
            var meeting = await PhoneMeetingAsync(post, $"{post.Title}领导干部会议推荐", Meetings.SchemeTemplates.LeadersRecommendation, heldOn, [.. candidates.Select(c => c.Who)], voters,
                (c, v) => v < candidates[c].Yes ? Core.Evaluation.Grade.Good : Core.Evaluation.Grade.FairlyGood);
            db.MeetingRecommendations.Add(new MeetingRecommendation { PostId = post.Id, MeetingId = meeting.Id, UserName = "demo", CreatedAt = now });
            await db.SaveChangesAsync(ct);
            audit.Record("selection.recommendation", nameof(SelectionBatch), batch.Id, county.Path, new
            {
                post = post.Title, meeting = meeting.Id, heldOn, voters, candidates = candidates.Select(c => eligible[c.Who].Name), demo = true,
            });
            await publish.HandleAsync(meeting.Id, ct); // nominates the majority
        }
        async Task PhoneRoundAsync(SelectionBatch batch, SelectionPost post, int number, int advancing, TieRule rule, int voters, DateOnly heldOn, IReadOnlyList<Nomination> candidates)
        {
            var index = eligible.Select((e, i) => (e.PersonId, i)).ToDictionary(x => x.PersonId, x => x.i);
            // Distinct results, best first in the order of nomination, so the cut is settled: fewer 优秀 for each later candidate.
            var meeting = await PhoneMeetingAsync(post, $"{post.Title}第{number}轮差额票决", Meetings.SchemeTemplates.SelectionRound, heldOn, [.. candidates.Select(c => index[c.PersonId])], voters,
                (c, v) => v < voters - 2 - c * 3 - random.Next(0, 2) ? Core.Evaluation.Grade.Good : v % 3 == 0 ? Core.Evaluation.Grade.Average : Core.Evaluation.Grade.FairlyGood);
            var reporters = meeting.Reporters.OrderBy(r => r.Order).ToList();
            var round = new SelectionRound
            {
                PostId = post.Id, Number = number, Stage = (RoundStage)number, Method = RoundMethod.Phones, Advancing = advancing, TieRule = rule, State = RoundState.Open, MeetingId = meeting.Id,
                CreatedAt = now, Entries = [.. candidates.Select((c, i) => new RoundEntry { NominationId = c.Id, ReporterId = reporters[i].Id, Outcome = EntryOutcome.Pending })],
            };
            db.SelectionRounds.Add(round);
            await db.SaveChangesAsync(ct);
            audit.Record("selection.round", nameof(SelectionBatch), batch.Id, county.Path, new
            {
                post = post.Title, round = number, method = nameof(RoundMethod.Phones), meeting = meeting.Id, heldOn, candidates = candidates.Count, candidateIds = candidates.Select(c => c.Id), advancing, demo = true,
            });
            await db.SaveChangesAsync(ct);
            await publish.HandleAsync(meeting.Id, ct); // closes the round
        }

        var earlier = await BatchAsync($"{today.Year}年第三批科级领导干部选任", today.AddDays(-40), today.AddDays(-25), ($"{townships[0].Name}副书记", townships[0].Id));
        var post = earlier.Posts[0];
        string[] evidence = ["乡镇党委推荐函", "领导干部个人推荐表（推荐人对人选负责）", "群众联名推荐书（10 人联名）", "个人自荐表", "", "县委全委会推荐计票结果", "组织部部务会推荐记录"];
        foreach (var channel in Enum.GetValues<NominationChannel>())
        {
            if (channel == NominationChannel.LeadersMeeting)
            {
                // The leading cadres' meeting on phones: 18 present, 15 recommend the first cadre put before it (nominated), 6 the second.
                await RecommendationAsync(earlier, post, today.AddDays(-30), [((int)channel, 15), (7, 6)], 18);
            }
            else
            {
                await NominateAsync(earlier, post, (int)channel, channel, evidence[(int)channel]);
            }
        }
        var nominations = await db.Nominations.Where(n => n.PostId == post.Id).OrderBy(n => n.Id).ToListAsync(ct);
        // The first two rounds on phones, closed by their meetings' publication: seven to four, then four to two.
        await PhoneRoundAsync(earlier, post, 1, 4, TieRule.Runoff, 35, today.AddDays(-20), nominations);
        await PhoneRoundAsync(earlier, post, 2, 2, TieRule.PreviousRound, 120, today.AddDays(-10), await db.Nominations.Where(n => n.PostId == post.Id && n.State == NominationState.Standing).OrderBy(n => n.Id).ToListAsync(ct));
        // The plenary's round is left to plan: on phones, its publication closes it; then the integrity review and the appointment.

        var current = await BatchAsync($"{today.Year}年第四批科级领导干部选任", today.AddDays(-3), today.AddDays(10),
            ($"{townships[1 % townships.Count].Name}副书记", townships[1 % townships.Count].Id), ($"{townships[2 % townships.Count].Name}组织委员", townships[2 % townships.Count].Id));
        await NominateAsync(current, current.Posts[0], 7, NominationChannel.Organization, "乡镇党委推荐函");
        await NominateAsync(current, current.Posts[0], 8, NominationChannel.Self, "个人自荐表");
        await db.SaveChangesAsync(ct);
        // Seed 000's two years of satisfaction with appointments, as the last two years' surveys: 72.3%, then 92.7% (+20.4).
        await SurveyAsync(county.Id, county.Path, today.Year - 2, new DateOnly(today.Year - 2, 12, 20), [217, 70, 13, 20], ct);
        await SurveyAsync(county.Id, county.Path, today.Year - 1, new DateOnly(today.Year - 1, 12, 20), [139, 11, 0, 5], ct);
        await work.CommitAsync(ct);
    }

    /// <summary>A year's satisfaction survey held on phones and published: answers 满意, 基本满意, 不满意, 不了解 in these numbers.</summary>
    private async Task SurveyAsync(long county, string path, int year, DateOnly heldOn, int[] answers, CancellationToken ct)
    {
        var name = await db.Organizations.Where(o => o.Id == county).Select(o => o.Name).SingleAsync(ct);
        var meeting = await surveys.HandleAsync(Selection.StartSatisfactionSurveyHandler.Survey(name, county, year, heldOn, answers.Sum()), ct);
        DemoBallots.AnswerSurvey(db, meeting, answers);
        var survey = new SatisfactionSurvey { Year = year, OrganizationId = county, MeetingId = meeting.Id, UserName = "admin", CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.SatisfactionSurveys.Add(survey);
        await db.SaveChangesAsync(ct);
        audit.Record("selection.survey", nameof(SatisfactionSurvey), survey.Id, path, new { year, meeting = meeting.Id, respondents = answers.Sum(), demo = true });
        await db.SaveChangesAsync(ct);
        await publish.HandleAsync(meeting.Id, ct);
    }
}
