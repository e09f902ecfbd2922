using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Grading;
using Pingyi.Core.Ledger;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Grading;
using Pingyi.Web.Modules.Ledger;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's grading: the last two years graded (12 monthly, 4 quarterly and 1 annual input for every grassroots
/// organization, two vetoes) with about seed 004's distribution — 30% 先进, 60% 一般, 10% 后进, the quotas doing their
/// part — conversion plans of the lagging organizations in the ledger (the older year's all closed out and three of them
/// upgraded during the year), and this year's inputs so far, not yet graded.
/// </summary>
public sealed class DemoGrading(PingyiDbContext db, AuditLog audit, TimeProvider clock, GradingAccess access, PublishGradesHandler publish,
    SaveGradingSchemeHandler schemes)
{
    private static readonly string[] Problems =
    [
        "班子软弱涣散，组织生活不正常", "党员教育管理松散，“三会一课”不落实", "村集体经济薄弱，无稳定收入来源", "群众反映问题长期得不到解决",
    ];

    private static readonly string[] Measures =
    [
        "乡镇党委班子成员包联，选派第一书记驻村", "建立“三会一课”台账，每月检查", "引进合作社项目，发展集体经济", "逐户走访，建立问题清单逐件销号",
    ];

    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        var random = new Random(seed + 11);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var organizations = await (await access.GradedAsync(ct)).OrderBy(o => o.Path).Select(o => new { o.Id, o.ParentId, o.Path }).ToListAsync(ct);
        if (organizations.Count == 0)
        {
            return;
        }
        if (!await db.GradingSchemes.AnyAsync(ct))
        {
            await schemes.AddVersionAsync(GradingModule.FirstVersion, ct);
        }
        // Each organization's standing, slowly improving: about 8% below the 一般 line and 38% above the 先进 line, so the
        // least share of 后进 and the cap on 先进 both act.
        var standing = organizations.Select(_ => random.NextDouble() switch
        {
            < 0.08 => 55 + random.NextDouble() * 14,
            < 0.62 => 70 + random.NextDouble() * 19.9,
            _ => 90 + random.NextDouble() * 9,
        }).ToArray();
        decimal Score(int i, double drift) => decimal.Round((decimal)Math.Clamp(standing[i] + drift + (random.NextDouble() - 0.5) * 6, 0, 100), 1);

        await using var work = await db.BeginWorkAsync(ct);
        foreach (var year in new[] { today.Year - 2, today.Year - 1, today.Year })
        {
            var drift = (year - today.Year + 1) * 1.5;
            var months = year < today.Year ? 12 : today.Month - 1;
            for (var i = 0; i < organizations.Count; i++)
            {
                var id = organizations[i].Id;
                for (var m = 1; m <= months; m++)
                {
                    db.GradingInputs.Add(Input(id, year, GradingInputKind.Monthly, m, Score(i, drift), "党员和群众代表月评", new DateTime(year, m, 28, 2, 0, 0, DateTimeKind.Utc)));
                }
                for (var q = 1; q <= months / 3; q++)
                {
                    db.GradingInputs.Add(Input(id, year, GradingInputKind.Quarterly, q, Score(i, drift + 2), "季度自评（附“三会一课”记录）", new DateTime(year, q * 3, 28, 3, 0, 0, DateTimeKind.Utc)));
                }
                if (year < today.Year)
                {
                    db.GradingInputs.Add(Input(id, year, GradingInputKind.Annual, 1, Score(i, drift), "县委年度考核", new DateTime(year, 12, 26, 2, 0, 0, DateTimeKind.Utc)));
                }
            }
        }
        var vetoed = organizations[random.Next(organizations.Count)];
        db.GradingVetoes.Add(new GradingVeto { OrganizationId = vetoed.Id, Year = today.Year - 1, Reason = "发生安全生产责任事故，被县委通报", UserName = "demo", At = now });
        audit.Record("demo.grading", nameof(GradeResult), seed, "/", new { organizations = organizations.Count, years = new[] { today.Year - 2, today.Year - 1 } });
        await db.SaveChangesAsync(ct);

        foreach (var year in new[] { today.Year - 2, today.Year - 1 })
        {
            await publish.PublishAsync(new PublishGrades(year, null), ct);
            var lagging = await db.GradeResults.Where(r => r.Year == year && r.Grade == OrganizationGrade.Lagging)
                .Join(db.Organizations, r => r.OrganizationId, o => o.Id, (r, o) => new { Result = r, o.ParentId }).OrderBy(x => x.Result.Position).ToListAsync(ct);
            var older = year < today.Year - 1;
            foreach (var (x, n) in lagging.Select((x, n) => (x, n)))
            {
                for (var k = 0; k < 2; k++)
                {
                    var closed = older || random.NextDouble() < 0.45;
                    var item = new LedgerItem
                    {
                        Source = LedgerSource.Conversion, Category = AddConversionMeasureHandler.Category, Description = Problems[(n + k) % Problems.Length],
                        Measures = Measures[(n + k) % Measures.Length], ResponsibleOrganizationId = x.Result.OrganizationId, SupervisingOrganizationId = x.ParentId,
                        Deadline = new DateOnly(year + 1, 6, 30), State = closed ? LedgerState.ClosedOut : random.NextDouble() < 0.7 ? LedgerState.InProgress : LedgerState.ToRectify,
                        CreatedAt = new DateTime(year + 1, 1, 20, 2, 0, 0, DateTimeKind.Utc),
                        ClosedOutAt = closed ? new DateTime(year + 1, 6, 10, 2, 0, 0, DateTimeKind.Utc) : null,
                    };
                    db.LedgerItems.Add(item);
                    await db.SaveChangesAsync(ct);
                    db.ConversionMeasures.Add(new ConversionMeasure { GradeResultId = x.Result.Id, LedgerItemId = item.Id });
                }
                if (older && n < 3)
                {
                    // 动态升级: converted and accepted during the year.
                    db.GradeEvents.Add(new GradeEvent
                    {
                        GradeResultId = x.Result.Id, FromGrade = OrganizationGrade.Lagging, ToGrade = OrganizationGrade.Average,
                        Reason = "整顿转化完成，经乡镇党委验收", UserName = "demo", At = new DateTime(year + 1, 7, 1, 2, 0, 0, DateTimeKind.Utc),
                    });
                    x.Result.Grade = OrganizationGrade.Average;
                }
            }
            await db.SaveChangesAsync(ct);
        }
        await work.CommitAsync(ct);
    }

    private static GradingInputRecord Input(long organizationId, int year, GradingInputKind kind, int period, decimal score, string note, DateTime at) =>
        new() { OrganizationId = organizationId, Year = year, Kind = kind, Period = period, Score = score, Note = note, UserName = "demo", At = at };
}
