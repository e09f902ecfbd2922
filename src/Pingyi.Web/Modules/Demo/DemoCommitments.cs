using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Commitments;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Commitments;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's commitments: every village branch made one last year (closed out, most fulfilled) and one this
/// year — most published and being fulfilled with progress that follows the calendar (a few behind, so overdue), some
/// awaiting the township's approval, some still drafts.
/// </summary>
public sealed class DemoCommitments(PingyiDbContext db, AuditLog audit, TimeProvider clock, EvaluateCommitmentsHandler evaluate, Meetings.PublishResultsHandler publish)
{
    private static readonly (string Category, string Target)[] Pool =
    [
        ("阵地建设", "改造提升党群服务中心，便民服务事项全部进驻"),
        ("队伍建设", "发展党员1名，培养35岁以下后备干部2名"),
        ("发展经济", "村集体经济收入比上年增长10%以上"),
        ("服务群众", "为群众办实事5件，建立台账逐件销号"),
        ("乡风文明", "评选“好媳妇”“好婆婆”等先进典型各2名"),
        ("基层治理", "矛盾纠纷调解成功率达到95%以上"),
        ("制度建设", "“四议两公开”事项全部按程序办理并公示"),
        ("服务群众", "党员联系户全覆盖，每季度走访一遍"),
    ];

    public async Task<int> GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        var random = new Random(seed + 7);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var branches = await db.Organizations.Where(o => o.Status == OrganizationStatus.Active && o.Level == OrganizationLevel.Branch
                && o.Category == OrganizationCategory.Village && o.ParentId != null)
            .OrderBy(o => o.Path).Select(o => new { o.Id, o.Name, ParentId = o.ParentId!.Value }).ToListAsync(ct);
        if (branches.Count == 0)
        {
            return 0;
        }
        await using var work = await db.BeginWorkAsync(ct);
        var made = 0;
        foreach (var branch in branches)
        {
            foreach (var year in new[] { today.Year - 1, today.Year })
            {
                var picks = Pool.OrderBy(_ => random.Next()).Take(3).ToList();
                var roll = random.NextDouble();
                var state = year < today.Year
                    ? (roll < 0.88 ? CommitmentState.Fulfilled : CommitmentState.Unfulfilled)
                    : roll < 0.75 ? CommitmentState.Published : roll < 0.87 ? CommitmentState.Submitted : CommitmentState.Draft;
                var published = state is CommitmentState.Published or CommitmentState.Fulfilled or CommitmentState.Unfulfilled;
                var behind = random.NextDouble() < 0.12;
                var commitment = new Commitment
                {
                    Owner = CommitmentOwner.Organization, OrganizationId = branch.Id, SupervisingOrganizationId = branch.ParentId, Year = year,
                    Title = $"{branch.Name}{year}年度公开承诺", State = state, CreatedAt = new DateTime(year, 1, 10, 2, 0, 0, DateTimeKind.Utc),
                    PublishedAt = published ? new DateTime(year, 2, 1 + random.Next(20), 2, 0, 0, DateTimeKind.Utc) : null,
                    ClosedAt = CommitmentWorkflow.Closed(state) ? new DateTime(year, 12, 20, 2, 0, 0, DateTimeKind.Utc) : null,
                    Reason = state == CommitmentState.Unfulfilled ? "项目资金未落实，部分事项未完成" : null,
                };
                commitment.Items.AddRange(picks.Select((p, i) =>
                {
                    var deadline = new DateOnly(year, 3 + i * 4 + random.Next(2), 28);
                    var due = deadline <= today;
                    var progress = !published ? 0
                        : state == CommitmentState.Fulfilled ? 100
                        : state == CommitmentState.Unfulfilled ? (i == 0 ? 100 : 40 + random.Next(40))
                        : due ? (behind && i == 0 ? 50 + random.Next(40) : 100)
                        : Math.Clamp((int)(100.0 * (today.DayOfYear - 30) / Math.Max(1, deadline.DayOfYear - 30)) + random.Next(-10, 10), 0, 95);
                    return new CommitmentItem
                    {
                        Order = i + 1, Category = p.Category, Target = p.Target, Deadline = deadline, Progress = progress,
                        ProgressNote = progress > 0 ? "按计划推进，已完成阶段任务" : null,
                        OverdueMarkedAt = published && !CommitmentWorkflow.Closed(state) && progress < 100 && deadline < today ? now : null,
                    };
                }));
                db.Commitments.Add(commitment);
                made++;
            }
        }
        await db.SaveChangesAsync(ct);
        audit.Record("demo.commitments", nameof(Commitment), null, null, new { commitments = made, seed });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return made;
    }

    /// <summary>
    /// The first township's 三评 of last year's commitments, held and published: three members' and three of the public's
    /// grades and the organization's sheet for each, as the phones would have sent them — so last year has stars and this
    /// year's evaluation shows 晋星.
    /// </summary>
    public async Task<long?> PastEvaluationAsync(int seed = 1, CancellationToken ct = default)
    {
        var township = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee).OrderBy(o => o.SortOrder).ThenBy(o => o.Id)
            .Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
        var year = ChinaTime.Today(clock).Year - 1;
        if (township is null || !await db.Commitments.AnyAsync(c => c.Year == year && (c.State == CommitmentState.Fulfilled || c.State == CommitmentState.Unfulfilled), ct))
        {
            return null;
        }
        var random = new Random(seed + 23);
        var meeting = await evaluate.EvaluateAsync(new EvaluateCommitments(township.Value, year, new DateOnly(year, 12, 26)), ct);
        var groups = await db.MeetingGroups.Where(g => g.MeetingId == meeting.Id).ToDictionaryAsync(g => g.Key, ct);
        foreach (var g in groups.Values)
        {
            for (var i = 0; i < g.ExpectedRaters; i++)
            {
                DemoBallots.Code(db, meeting.Id, g.Id, "");
            }
        }
        foreach (var r in meeting.Reporters)
        {
            // Each commitment's standing: most good, a few average.
            var standing = random.NextDouble();
            Core.Evaluation.Grade Grade() => (standing + random.NextDouble() * 0.5) switch
            {
                > 0.95 => Core.Evaluation.Grade.Good,
                > 0.6 => Core.Evaluation.Grade.FairlyGood,
                > 0.3 => Core.Evaluation.Grade.Average,
                _ => Core.Evaluation.Grade.Poor,
            };
            foreach (var key in new[] { "members", "public" })
            {
                for (var i = 0; i < groups[key].ExpectedRaters; i++)
                {
                    Add(r.Id, groups[key].Id, Grade(), null);
                }
            }
            var sheet = new Core.Evaluation.IndicatorPoints([.. new[] { 20m, 30m, 30m, 20m }.Select(max => decimal.Round(max * (decimal)(0.7 + 0.3 * standing), 0))]).Format();
            Add(r.Id, groups["organization"].Id, null, sheet);
            r.State = Meetings.ScoringState.Closed;
        }
        meeting.Stage = Meetings.MeetingStage.Assessment;
        await db.SaveChangesAsync(ct);
        await publish.HandleAsync(meeting.Id, ct);
        return meeting.Id;

        void Add(long reporterId, long groupId, Core.Evaluation.Grade? grade, string? indicators) => DemoBallots.Add(db, meeting.Id, reporterId, groupId, grade, indicators);
    }

    /// <summary>The first township's 三评 of this year's published commitments, ready to run: print codes, open scoring, score on a phone.</summary>
    public async Task<long?> EvaluationAsync(CancellationToken ct = default)
    {
        var township = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee).OrderBy(o => o.SortOrder).ThenBy(o => o.Id)
            .Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
        if (township is null || !await db.Commitments.AnyAsync(c => c.State == CommitmentState.Published, ct))
        {
            return null;
        }
        var today = ChinaTime.Today(clock);
        return (await evaluate.EvaluateAsync(new EvaluateCommitments(township.Value, today.Year, today), ct)).Id;
    }
}
