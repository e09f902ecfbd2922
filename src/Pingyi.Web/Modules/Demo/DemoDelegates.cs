using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Delegates;
using Pingyi.Web.Modules.Ledger;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's delegates at work (seed 004): this year's inspections, inquiries and proposals of party congress delegates to the
/// townships, most answered and followed up, two proposals raised as ledger items, a few waiting for an answer; and members attending
/// township committee meetings (党员旁听).
/// </summary>
public sealed class DemoDelegates(PingyiDbContext db, AuditLog audit, TimeProvider clock)
{
    private static readonly (DutyKind Kind, string Subject, string Content)[] Duties =
    [
        (DutyKind.Inspection, "视察村级活动场所建设", "视察部分村活动场所面积不足、运转经费不到位的情况。"),
        (DutyKind.Inquiry, "质询农村饮水安全工程进度", "部分村组安全饮水工程进度滞后，请说明原因和完成时限。"),
        (DutyKind.Proposal, "关于加强村级集体经济发展的提案", "建议设立村级集体经济发展扶持资金，推广土地股份合作。"),
        (DutyKind.Proposal, "关于改善通组道路的提案", "部分通组道路仍为砂石路，雨季出行困难，建议纳入年度硬化计划。"),
        (DutyKind.Inspection, "视察党员教育培训开展情况", "视察远程教育站点使用和党员集中轮训情况。"),
        (DutyKind.Proposal, "关于加强农村留守老人关爱服务的提案", "建议依托村级活动场所建设老年人日间照料中心。"),
    ];

    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        if (await db.DelegateDuties.AnyAsync(ct))
        {
            return;
        }
        var townships = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee && o.Status == OrganizationStatus.Active)
            .OrderBy(o => o.Id).Select(o => new { o.Id, o.Path }).ToListAsync(ct);
        // Delegates of the townships, each inspecting, questioning and proposing to the township committee of their own township.
        var delegates = (await db.People.Where(p => (p.Representatives & RepresentativeRoles.PartyCongress) != 0 && p.OrganizationId != null)
                .OrderBy(p => p.Id).Select(p => new { p.Id, OrganizationId = p.OrganizationId!.Value, p.Organization!.Path }).Take(200).ToListAsync(ct))
            .Select(p => new { p.Id, p.OrganizationId, Township = townships.FirstOrDefault(t => p.Path.StartsWith(t.Path, StringComparison.Ordinal)) })
            .Where(p => p.Township is not null).GroupBy(p => p.Township!.Id).Select(g => g.First()).ToList();
        if (delegates.Count == 0)
        {
            return;
        }
        var random = new Random(seed + 211);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        await using var work = await db.BeginWorkAsync(ct);
        var duties = new List<DelegateDuty>();
        for (var i = 0; i < 18; i++)
        {
            var (kind, subject, content) = Duties[i % Duties.Length];
            var person = delegates[i % delegates.Count];
            var township = person.Township!;
            var on = today.AddDays(-random.Next(20, Math.Max(21, today.DayOfYear)));
            var duty = new DelegateDuty
            {
                Kind = kind, PersonId = person.Id, OrganizationId = person.OrganizationId, AddressedOrganizationId = township.Id, On = on, Subject = subject, Content = content,
                UserName = "admin", CreatedAt = now, UpdatedAt = now,
            };
            if (i % 6 != 5)
            {
                duty.AnsweredOn = on.AddDays(random.Next(5, 20)) is var a && a <= today ? a : today;
                duty.Answer = "已研究并制定落实方案，明确责任人和完成时限，将按期向党代表反馈。";
                if (i % 3 != 2)
                {
                    duty.Satisfied = i % 7 != 3;
                    duty.FollowUp = duty.Satisfied == true ? "党代表跟踪查看，已按答复落实。" : "党代表认为落实进度偏慢，继续跟踪。";
                }
            }
            duties.Add(duty);
        }
        db.DelegateDuties.AddRange(duties);
        await db.SaveChangesAsync(ct);
        // Two answered proposals raised as ledger items of the township asked.
        foreach (var duty in duties.Where(d => d.Kind == DutyKind.Proposal && d.Answer is not null).Take(2))
        {
            var item = new LedgerItem
            {
                Source = LedgerSource.DelegateProposal, Category = "党代表提案", Description = $"{duty.Subject}：{duty.Content}", ResponsibleOrganizationId = duty.AddressedOrganizationId,
                SupervisingOrganizationId = await db.Organizations.Where(o => o.Id == duty.AddressedOrganizationId).Select(o => o.ParentId).FirstAsync(ct),
                Deadline = today.AddDays(60), State = Core.Ledger.LedgerState.ToRectify, CreatedAt = now,
            };
            db.LedgerItems.Add(item);
            await db.SaveChangesAsync(ct);
            duty.LedgerItemId = item.Id;
        }
        foreach (var township in townships.Take(6))
        {
            db.CommitteeObservations.Add(new CommitteeObservation
            {
                OrganizationId = township.Id, On = today.AddDays(-random.Next(10, 200)), Meeting = "党委会", Observers = random.Next(3, 9), Matters = "研究村级集体经济项目和民生实事安排",
                Opinions = "建议项目资金使用情况及时公开。", UserName = "admin", CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        audit.Record("delegates.record", nameof(DelegateDuty), null, "/", new { demo = true, duties = duties.Count, raised = duties.Count(d => d.LedgerItemId != null), observations = Math.Min(6, townships.Count) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
