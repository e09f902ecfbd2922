using Microsoft.EntityFrameworkCore;
using Pingyi.Core.OpenAffairs;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.OpenAffairs;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's open affairs: a micro-power list of the usual pilot (seed 003), this year's major matters of twelve villages (two in each of six townships) taken
/// through 四议两公开 (seed 002) — most completed and published, some under way at each step, two voted down — and last year's
/// openness ratings (seed 004) of six villages answered on phones and published. Every step is checked by Core
/// <see cref="DecisionProcedure"/> as the handlers check it.
/// </summary>
public sealed class DemoOpenAffairs(PingyiDbContext db, AuditLog audit, TimeProvider clock, Meetings.CreateSurveyMeetingHandler surveys,
    Meetings.PublishResultsHandler publish)
{
    private static readonly (string Name, string Category, string Procedure, string? Basis, bool Decision)[] Powers =
    [
        ("村级重大事项决策", "重大事项决策", "村党组织提议→村“两委”会议商议→党员大会审议→村民代表会议或村民会议决议→决议公开→实施结果公开", "《中华人民共和国村民委员会组织法》第二十四条", true),
        ("村级工程项目建设", "工程建设", "立项（按四议两公开决策）→编制预算→公开招标或比选→签订合同→施工监管→竣工验收→结算公开", "《中华人民共和国招标投标法》", true),
        ("村级集体资产资源处置", "集体“三资”", "提出处置方案→评估→四议两公开决策→公开交易→签订合同→结果公开", "《农村集体经济组织财务制度》", true),
        ("村级集体土地承包流转", "集体“三资”", "提出方案→村民代表会议决议→公示→签订合同→报乡镇备案", "《中华人民共和国农村土地承包法》", true),
        ("村级财务收支审批", "财务管理", "经办人填单→村务监督委员会审核→村委会主任审批→乡镇代理记账→每月公开", "《农村集体经济组织财务制度》", false),
        ("村级物资采购", "财务管理", "提出需求→村“两委”商议→询价比选（三家以上）→采购→验收入库→公开", null, false),
        ("低保、特困供养申请初审", "便民服务", "村民申请→入户调查→民主评议→村内公示 7 天→报乡镇审核", "《社会救助暂行办法》", false),
        ("农村危房改造申请初审", "便民服务", "农户申请→村民代表评议→村内公示→报乡镇审核", null, false),
        ("宅基地申请审查", "便民服务", "农户申请→村民小组讨论→村委会审查→村内公示→报乡镇审批", "《中华人民共和国土地管理法》第六十二条", false),
        ("村集体经济收益分配", "集体“三资”", "提出分配方案→四议两公开决策→公示→兑付→结果公开", null, true),
        ("村级印章使用管理", "日常管理", "申请人填写用印登记→村党组织书记审批→专人用印→登记存档", null, false),
        ("征地补偿款分配", "集体“三资”", "公布征地补偿标准→提出分配方案→四议两公开决策→公示→发放→结果公开", "《中华人民共和国土地管理法》第四十八条", true),
    ];

    private static readonly (string Title, string Matter, int Power)[] Matters =
    [
        ("村组道路硬化", "硬化通组道路 {0} 公里，预算 {1} 万元，申请一事一议财政奖补，其余由村集体经济收入列支。", 1),
        ("集体土地流转", "将村集体 {0} 百亩耕地流转给种植合作社，期限 10 年，每年租金 {1} 万元归村集体。", 3),
        ("村级光伏电站建设", "在村委会和学校屋顶建设光伏电站，装机 {0} 百千瓦，投资 {1} 万元，收益用于公益岗位和村级运转。", 1),
        ("农田水利沟渠修缮", "修缮灌溉沟渠 {0} 公里，预算 {1} 万元。", 1),
        ("村集体厂房出租", "将闲置的村集体厂房公开出租，面积 {0} 百平方米，底价每年 {1} 万元。", 2),
        ("文化广场建设", "在村委会旁建设文化广场 {0} 千平方米，预算 {1} 万元。", 1),
        ("安全饮水提升工程", "新建蓄水池并更换管网 {0} 公里，预算 {1} 万元。", 1),
        ("产业扶持资金分配", "将 {1} 万元产业扶持资金按 {0} 个村民小组的种养规模分配。", 9),
    ];

    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        if (await db.MicroPowers.AnyAsync(ct))
        {
            return;
        }
        // Two villages of each of the first six townships (or whatever the county has), so that every level has decisions to count.
        var villages = (await Organizations.VillageOrganizations.Active(db.Organizations).Where(o => o.Category == OrganizationCategory.Village)
                .OrderBy(o => o.Id).Select(o => new { o.Id, o.Name, o.Path, o.ParentId }).ToListAsync(ct))
            .GroupBy(v => v.ParentId).OrderBy(g => g.Key).SelectMany(g => g.Take(2)).Take(12).ToList();
        var county = await db.Organizations.Where(o => o.ParentId == null).OrderBy(o => o.Id).Select(o => new { o.Id, o.Path }).FirstOrDefaultAsync(ct);
        if (county is null || villages.Count == 0)
        {
            return;
        }
        var random = new Random(seed + 131);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        await using var work = await db.BeginWorkAsync(ct);
        var powers = Powers.Select((p, i) => new MicroPower { Number = i + 1, Name = p.Name, Category = p.Category, Procedure = p.Procedure, Basis = p.Basis, NeedsDecision = p.Decision, UpdatedAt = now }).ToList();
        db.MicroPowers.AddRange(powers);
        await db.SaveChangesAsync(ct);
        audit.Record("openaffairs.power.add", nameof(MicroPower), null, county.Path, new { demo = true, count = powers.Count });

        var procedure = DecisionProcedure.FourDeliberations;
        var number = 0;
        foreach (var village in villages)
        {
            for (var k = 0; k < 2; k++)
            {
                var (title, matter, power) = Matters[(number + k * 5) % Matters.Length];
                // Mostly completed; every fifth under way at some step; the 8th and 18th voted down.
                var fate = number % 5 == 4 ? "open" : number is 7 or 17 ? "down" : "done";
                number++;
                var proposed = today.AddDays(-random.Next(60, 300));
                var decision = new VillageDecision
                {
                    OrganizationId = village.Id, Title = title, Matter = string.Format(System.Globalization.CultureInfo.InvariantCulture, matter, random.Next(2, 9), random.Next(12, 90)),
                    PowerId = powers[power - 1].Id, ProcedureName = procedure.Name, ProcedureSteps = procedure.Serialize(), ProposedOn = proposed, CreatedAt = now, UpdatedAt = now,
                };
                var stop = fate switch { "open" => random.Next(1, procedure.Steps.Count), "down" => 3 + random.Next(2), _ => procedure.Steps.Count };
                var on = proposed;
                for (var i = 0; i < stop; i++)
                {
                    var step = procedure.Steps[i];
                    on = i == 0 ? on : on.AddDays(i == procedure.Steps.Count - 1 ? random.Next(20, 50) : random.Next(1, 8));
                    on = on > today ? today : on;
                    var last = fate == "down" && i == stop - 1;
                    DecisionVote? vote = null;
                    if (step.Votes)
                    {
                        var entitled = step.Kind == DecisionStepKind.RepresentativesMeeting ? random.Next(25, 41) : random.Next(18, 60);
                        var present = entitled - random.Next(0, entitled / 4);
                        var yes = last ? present / 2 - random.Next(0, 3) : present - random.Next(0, present / 5);
                        var against = Math.Min(present - yes, last ? present / 3 : random.Next(0, 3));
                        vote = new DecisionVote(entitled, present, yes, against, present - yes - against);
                    }
                    if (procedure.Refusal(i, i, on, i == 0 ? null : decision.Steps[^1].On, today, vote) is { } refusal)
                    {
                        throw new InvalidOperationException($"Demo decision {title} breaks its procedure: {refusal.Message}");
                    }
                    decision.Steps.Add(new VillageDecisionStep
                    {
                        Index = i, Name = step.Name, Kind = step.Kind, On = on, UserName = "admin", At = now,
                        Minutes = step.Kind switch
                        {
                            DecisionStepKind.Proposal => "村党组织委员会研究，提出初步方案。",
                            DecisionStepKind.Consultation => "村“两委”联席会议商议，完善实施方案和资金来源。",
                            DecisionStepKind.MembersMeeting => "党员大会审议实施方案，党员提出意见建议。",
                            DecisionStepKind.RepresentativesMeeting => "村民代表会议表决。",
                            DecisionStepKind.ResolutionPublished => "决议全文、预算及实施方案。",
                            _ => "实施情况、验收结论和资金使用明细。",
                        },
                        Entitled = vote?.Entitled, Present = vote?.Present, For = vote?.For, Against = vote?.Against, Abstain = vote?.Abstain,
                        Passed = vote is null ? null : DecisionProcedure.Passed(vote),
                        Place = step.Publishes ? (random.Next(2) == 0 ? "村务公开栏" : "村务公开栏、村民微信群") : null,
                    });
                    if (step.Kind == DecisionStepKind.ResolutionPublished)
                    {
                        decision.PublishedOn = on;
                    }
                }
                decision.StepsDone = decision.Steps.Count;
                decision.State = decision.Steps[^1].Passed == false ? DecisionState.NotPassed
                    : decision.StepsDone == procedure.Steps.Count ? DecisionState.Completed : DecisionState.InProgress;
                if (decision.State == DecisionState.Completed)
                {
                    decision.Result = $"{title}已按决议完成并通过验收，资金使用明细已公开。";
                }
                db.VillageDecisions.Add(decision);
                await db.SaveChangesAsync(ct);
                audit.Record("openaffairs.propose", nameof(VillageDecision), decision.Id, village.Path,
                    new { village = village.Name, title, procedure = procedure.Name, steps = decision.StepsDone, state = OpenAffairsText.State(decision.State), demo = true });
            }
        }
        await db.SaveChangesAsync(ct);

        // Last year's openness ratings of the first six villages, answered and published.
        foreach (var village in villages.Take(6))
        {
            int[] answers = [random.Next(20, 45), random.Next(5, 15), random.Next(0, 5), random.Next(0, 6)];
            await RatingAsync(village.Id, village.Name, village.Path, today.Year - 1, new DateOnly(today.Year - 1, 12, 10), answers, ct);
        }
        await work.CommitAsync(ct);
    }

    private async Task RatingAsync(long village, string name, string path, int year, DateOnly heldOn, int[] answers, CancellationToken ct)
    {
        var meeting = await surveys.HandleAsync(OpenAffairs.StartOpennessRatingHandler.Survey(name, village, year, heldOn, answers.Sum()), ct);
        DemoBallots.AnswerSurvey(db, meeting, answers);
        var rating = new OpennessRating { Year = year, OrganizationId = village, MeetingId = meeting.Id, UserName = "admin", CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.OpennessRatings.Add(rating);
        await db.SaveChangesAsync(ct);
        audit.Record("openaffairs.rating", nameof(OpennessRating), rating.Id, path, new { village = name, year, meeting = meeting.Id, respondents = answers.Sum(), demo = true });
        await db.SaveChangesAsync(ct);
        await publish.HandleAsync(meeting.Id, ct);
    }
}
