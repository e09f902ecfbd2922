using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Accountability;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accountability;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's accountability and encouragement (seed 003) under the default lists: three decisions on township cadres —
/// a 诫勉 still in its effect period, an 通报批评 whose period has ended, a 批评教育 without one — eight reminder talks, two
/// clarifications of false reports, a tolerated mistake that waives the demo's project accountability when there is one, and this
/// year's "三五" analysis under way (the seed's targets, part of the work, three judgements: 提, 转, 留), the cadre judged 提 with a
/// published reverse evaluation (five sources broken down, the discipline body's two answers not).
/// </summary>
public sealed class DemoAccountability(PingyiDbContext db, AuditLog audit, TimeProvider clock, Meetings.CreateSchemeHandler schemes, Meetings.CreateMeetingHandler meetings,
    Meetings.PublishResultsHandler publish)
{
    public async Task GenerateAsync(CancellationToken ct = default)
    {
        if (await db.AccountabilityRecords.AnyAsync(ct) || await db.CadreNotes.AnyAsync(ct))
        {
            return;
        }
        var cadres = (await db.CadrePositions.Where(p => p.TermEnd == null && p.Organization!.Level == OrganizationLevel.TownshipCommittee
                    && db.People.Any(x => x.Id == p.PersonId && x.OrganizationId != null))
                .OrderBy(p => p.Organization!.SortOrder).ThenBy(p => p.Id)
                .Select(p => new { p.PersonId, p.Person!.Name, OrganizationId = p.Person.OrganizationId!.Value, p.Person.Organization!.Path }).Take(500).ToListAsync(ct))
            .DistinctBy(c => c.PersonId).ToList();
        // Spread over the townships: every n-th cadre.
        cadres = [.. cadres.Where((_, i) => i % Math.Max(1, cadres.Count / 13) == 0).Take(13)];
        if (cadres.Count < 13)
        {
            return;
        }
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var situations = AccountabilityCatalog.DefaultSituations;
        var measures = AccountabilityCatalog.DefaultMeasures;
        await using var work = await db.BeginWorkAsync(ct);
        foreach (var (cadre, situation, measure, document, facts, daysAgo) in new[]
        {
            (cadres[0], 2, 4, "县纪委〔2026〕12号", "群众反映的危房改造补助申请搁置四个月未办理", 45),
            (cadres[1], 8, 3, "县委组织部〔2025〕30号", "集镇污水管网项目推进不力，进度滞后五个月", 400),
            (cadres[2], 7, 1, "镇党委〔2026〕5号", "无故缺席党委理论学习中心组学习两次", 20),
        })
        {
            var decidedOn = today.AddDays(-daysAgo);
            var record = new AccountabilityRecord
            {
                PersonId = cadre.PersonId, OrganizationId = cadre.OrganizationId, ListVersion = 0, SituationNumber = situation, Situation = situations[situation - 1],
                MeasureNumber = measure, Measure = measures[measure - 1].Name, Document = document, Facts = facts, DecidedOn = decidedOn,
                EffectUntil = AccountabilityCatalog.EffectUntil(decidedOn, measures[measure - 1].EffectMonths), UserName = "admin", CreatedAt = now.AddDays(-daysAgo),
            };
            db.AccountabilityRecords.Add(record);
            await db.SaveChangesAsync(ct);
            audit.Record("accountability.record", nameof(AccountabilityRecord), record.Id, cadre.Path,
                new { person = cadre.Name, version = 0, situation, measure = record.Measure, document, decidedOn, effectUntil = record.EffectUntil, demo = true });
        }
        string[] talks = ["季度讲评排名靠后", "包村工作台账不全", "会议迟到两次", "群众反映办事拖拉", "项目推进节点临近", "驻村报到不及时", "整改台账逾期", "学习笔记不全"];
        var notes = talks.Select((reason, i) => (cadres[3 + i], CadreNoteKind.ReminderTalk, reason, 10 + (i * 9)))
            .Concat([
                (cadres[11], CadreNoteKind.Clarification, "经核查，举报其在土地流转中优亲厚友不属实，在乡镇干部大会上澄清正名", 60),
                (cadres[12], CadreNoteKind.Clarification, "经核查，反映其违规报销的信访举报不属实，已书面告知举报人并澄清", 120),
            ]);
        foreach (var (cadre, kind, reasons, daysAgo) in notes)
        {
            var note = new CadreNote
            {
                PersonId = cadre.PersonId, OrganizationId = cadre.OrganizationId, Kind = kind, On = today.AddDays(-daysAgo), Reasons = reasons, UserName = "admin", CreatedAt = now.AddDays(-daysAgo),
            };
            db.CadreNotes.Add(note);
            await db.SaveChangesAsync(ct);
            audit.Record("accountability.note", nameof(CadreNote), note.Id, cadre.Path, new { person = cadre.Name, kind = kind.ToString(), on = note.On, demo = true });
        }
        var waived = await db.ProjectAccountabilities.OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.LeaderPersonId, Person = db.People.Where(p => p.Id == a.LeaderPersonId).Select(p => new { p.Name, p.OrganizationId, p.Organization!.Path }).First() })
            .FirstOrDefaultAsync(ct);
        if (waived?.Person.OrganizationId is { } organizationId)
        {
            var note = new CadreNote
            {
                PersonId = waived.LeaderPersonId, OrganizationId = organizationId, Kind = CadreNoteKind.ToleratedMistake, On = today.AddDays(-3),
                Reasons = "节点延误系上级规划调整所致，本人积极推进、未谋私利，按宽容失误机制免予问责", ProjectAccountabilityId = waived.Id, UserName = "admin", CreatedAt = now.AddDays(-3),
            };
            db.CadreNotes.Add(note);
            await db.SaveChangesAsync(ct);
            audit.Record("accountability.note", nameof(CadreNote), note.Id, waived.Person.Path, new { person = waived.Person.Name, kind = note.Kind.ToString(), on = note.On, covers = waived.Id, demo = true });
        }
        // The "三五" analysis of this year's re-election, under way: the seed's targets, part of the work done, three judgements.
        var county = await db.Organizations.Where(o => o.ParentId == null).OrderBy(o => o.Id).Select(o => new { o.Id, o.Path }).FirstAsync(ct);
        var plan = new AnalysisPlan
        {
            Title = $"{today.Year}年乡镇党委换届分析研判工作方案", Year = today.Year, OrganizationId = county.Id, LettersTarget = 64, InterviewsTarget = 310, InterviewGroupsTarget = 10,
            VisitsTarget = 98, ReviewsTarget = 200, HeartTalksTarget = 0, UserName = "admin", CreatedAt = now.AddDays(-30),
        };
        db.AnalysisPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        audit.Record("analysis.plan", nameof(AnalysisPlan), plan.Id, county.Path, new { title = plan.Title, year = plan.Year, letters = 64, interviews = 310, visits = 98, demo = true });
        foreach (var (method, count, group, text, daysAgo) in new (AnalysisMethod, int, string?, string, int)[]
        {
            (AnalysisMethod.Letter, 64, null, "向对镇街有绩效考核任务的64个县直单位函询意见建议", 28),
            (AnalysisMethod.Interview, 18, "县级领导", "个别访谈县级领导", 25), (AnalysisMethod.Interview, 28, "镇街党政正职", "个别访谈镇街党政正职", 24),
            (AnalysisMethod.Interview, 96, "镇街班子成员", "个别访谈镇街班子成员", 20), (AnalysisMethod.Interview, 60, "站办所负责人", "个别访谈站办所负责人", 18),
            (AnalysisMethod.Visit, 61, null, "实地走访村（社区），听取村组干部意见", 12), (AnalysisMethod.Review, 140, null, "调阅近三年经济责任审计报告、信访举报和集中学习教育资料", 8),
        })
        {
            db.AnalysisRecords.Add(new AnalysisRecord { PlanId = plan.Id, Method = method, On = today.AddDays(-daysAgo), Count = count, Group = group, Notes = text, UserName = "admin", CreatedAt = now.AddDays(-daysAgo) });
            audit.Record("analysis.record", nameof(AnalysisPlan), plan.Id, county.Path, new { method = method.ToString(), count, group, demo = true });
        }
        foreach (var (cadre, category, decision, reasons) in new[]
        {
            (cadres[3], JudgementCategory.First, CadreDecision.Promote, "实绩突出，季度讲评连续靠前，群众公认"),
            (cadres[4], JudgementCategory.Second, CadreDecision.Exchange, "同一岗位任职时间较长，宜交流到产业发展岗位"),
            (cadres[5], JudgementCategory.Third, CadreDecision.Keep, "基层工作经验丰富，熟悉村情民意，宜保留"),
        })
        {
            db.CadreJudgements.Add(new CadreJudgement { PlanId = plan.Id, PersonId = cadre.PersonId, OrganizationId = cadre.OrganizationId, Category = category, Decision = decision, Reasons = reasons, UserName = "admin", CreatedAt = now.AddDays(-2) });
            audit.Record("analysis.judge", nameof(AnalysisPlan), plan.Id, county.Path, new { person = cadre.Name, category = AccountabilityText.Category(category), decision = AccountabilityText.Decision(decision), demo = true });
        }
        await db.SaveChangesAsync(ct);
        await ReverseEvaluationAsync(cadres[3].PersonId, cadres[3].OrganizationId, cadres[3].Name, cadres[3].Path, county.Id, today.AddDays(-5), ct);
        await work.CommitAsync(ct);
    }

    /// <summary>A reverse evaluation held and published: an evaluation meeting of the county, one-time codes per source, the answers.</summary>
    private async Task ReverseEvaluationAsync(long personId, long organizationId, string name, string path, long county, DateOnly heldOn, CancellationToken ct)
    {
        var sizes = new Dictionary<string, int> { ["units"] = 5, ["leaders"] = 3, ["colleagues"] = 8, ["cadres"] = 10, ["served"] = 12, ["discipline"] = 2 };
        var meeting = await meetings.HandleAsync(new Meetings.CreateMeeting($"{name}同志反向测评", $"{heldOn.Year}年干部考察", county, Meetings.MeetingDirection.Upward,
            await schemes.FromTemplateAsync(Meetings.SchemeTemplates.ReverseEvaluation, county, ct), heldOn, null,
            [new Meetings.NewReporter(organizationId, personId, name, "考察对象")], [.. sizes.Select(x => new Meetings.NewGroupSize(x.Key, x.Value))]), ct);
        var reporter = meeting.Reporters.Single();
        var random = new Random(141);
        foreach (var group in meeting.Groups)
        {
            for (var i = 0; i < sizes[group.Key]; i++)
            {
                DemoBallots.Code(db, meeting.Id, group.Id, reporter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var sheet = new Core.Evaluation.IndicatorPoints([.. Core.Selection.ReverseEvaluation.Dimensions.Select(_ => (decimal)random.Next(15, 21))]).Format();
                DemoBallots.Add(db, meeting.Id, reporter.Id, group.Id, null, sheet);
            }
        }
        reporter.State = Meetings.ScoringState.Closed;
        meeting.Stage = Meetings.MeetingStage.Assessment;
        var evaluation = new Selection.ReverseEvaluationMeeting { PersonId = personId, OrganizationId = organizationId, MeetingId = meeting.Id, UserName = "admin", CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.ReverseEvaluationMeetings.Add(evaluation);
        await db.SaveChangesAsync(ct);
        audit.Record("selection.reverse", nameof(Selection.ReverseEvaluationMeeting), evaluation.Id, path, new { person = name, meeting = meeting.Id, heldOn, demo = true });
        await db.SaveChangesAsync(ct);
        await publish.HandleAsync(meeting.Id, ct);
    }
}
