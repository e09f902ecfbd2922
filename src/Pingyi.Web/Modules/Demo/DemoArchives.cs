using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Archives;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Archives;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's performance archives: last year's four quarters of 一考双评 in the first three townships — the third
/// missed its third quarter, and the second switched to a revised indicator set (seed 003's cut) from the third quarter —
/// the county's four 季度讲评 of its township teams and of the first township's leading cadres, and this year's first three quarters of both in the first township. Ballots are
/// written as the phones would send them (the villagers' for their own secretary) and every quarter is published through
/// the engine, so the archive holds what a real year leaves.
/// </summary>
public sealed class DemoArchives(PingyiDbContext db, TimeProvider clock, StartQuarterHandler start, CreateSchemeHandler schemes, PublishResultsHandler publish)
{
    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        var townships = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee && o.Status == OrganizationStatus.Active)
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => o.Id).Take(3).ToListAsync(ct);
        var county = await db.Organizations.Where(o => o.ParentId == null).OrderBy(o => o.Id).Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
        if (townships.Count < 3 || county is null || await db.ArchiveQuarters.AnyAsync(ct))
        {
            return;
        }
        _random = new Random(seed + 31);
        var today = ChinaTime.Today(clock);
        var last = today.Year - 1;
        var revised = SchemeTemplates.VillageSecretaryQuarter.Rules with
        {
            Indicators = [new("i1", "抓党建促发展", 40), new("i2", "为民办事服务", 35), new("i3", "廉洁自律", 25)],
        };
        long? revisedScheme = null;
        for (var t = 0; t < townships.Count; t++)
        {
            for (var q = 1; q <= 4; q++)
            {
                if (t == 2 && q == 3)
                {
                    continue; // the third township missed a quarter: the year's rule fills it
                }
                long? scheme = null;
                if (t == 1 && q >= 3)
                {
                    revisedScheme ??= (await schemes.HandleAsync(new CreateScheme("村党组织书记“一考双评”季度方案（精简指标版）", townships[t], revised), ct)).Id;
                    scheme = revisedScheme;
                }
                await QuarterAsync(new StartQuarter(townships[t], ArchiveKind.VillageSecretary, last, q, new DateOnly(last, q * 3, 25), scheme), ct);
            }
        }
        for (var q = 1; q <= 4; q++)
        {
            await QuarterAsync(new StartQuarter(county.Value, ArchiveKind.TownshipTeam, last, q, new DateOnly(last, q * 3, 28)), ct);
        }
        for (var q = 1; q <= 4; q++)
        {
            // The first township's leading cadres one by one (乡镇领导干部季度讲评), on the 点将台 beside the secretaries.
            await QuarterAsync(new StartQuarter(townships[0], ArchiveKind.SectionCadre, last, q, new DateOnly(last, q * 3, 27)), ct);
        }
        for (var q = 1; q <= 3 && new DateOnly(today.Year, q * 3, 27) < today; q++)
        {
            await QuarterAsync(new StartQuarter(townships[0], ArchiveKind.VillageSecretary, today.Year, q, new DateOnly(today.Year, q * 3, 25)), ct);
            await QuarterAsync(new StartQuarter(townships[0], ArchiveKind.SectionCadre, today.Year, q, new DateOnly(today.Year, q * 3, 27)), ct);
        }
    }

    /// <summary>
    /// Earlier years of the first township's 一考双评, before last year: the archive of a cadre with several years (the
    /// benchmark's five-year archive page).
    /// </summary>
    public async Task EarlierYearsAsync(int years, int seed = 1, CancellationToken ct = default)
    {
        _random ??= new Random(seed + 31);
        var township = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee && o.Status == OrganizationStatus.Active)
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => o.Id).FirstAsync(ct);
        var last = ChinaTime.Today(clock).Year - 1;
        for (var year = last - years; year < last; year++)
        {
            for (var q = 1; q <= 4; q++)
            {
                await QuarterAsync(new StartQuarter(township, ArchiveKind.VillageSecretary, year, q, new DateOnly(year, q * 3, 25)), ct);
            }
        }
    }

    private Random? _random;

    private readonly Dictionary<long, double> _standing = [];

    private async Task QuarterAsync(StartQuarter request, CancellationToken token)
    {
        var started = await start.StartAsync(request, token);
        var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Groups).SingleAsync(m => m.Id == started.MeetingId, token);
        var rules = RulesJson.Read(meeting.Rules);
        var everyone = string.Join(",", meeting.Reporters.Select(r => r.Id).Order());
        foreach (var g in meeting.Groups.Where(g => g.Key != "villagers"))
        {
            // The examination sheet and each leader's code score every reporter.
            for (var i = 0; i < Raters(g); i++)
            {
                Code(g.Id, everyone, null);
            }
        }
        foreach (var r in meeting.Reporters)
        {
            var key = r.PersonId ?? r.OrganizationId;
            if (!_standing.TryGetValue(key, out var s))
            {
                _standing[key] = s = _random!.NextDouble();
            }
            var form = s * 0.8 + _random!.NextDouble() * 0.2;
            foreach (var g in meeting.Groups)
            {
                var group = rules.Groups[g.Index];
                for (var i = 0; i < Raters(g); i++)
                {
                    if (g.Key == "villagers")
                    {
                        // A villager's code is made for their own secretary, as on the day.
                        Code(g.Id, r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Id);
                    }
                    var sheet = group.Parts.HasFlag(BallotParts.Indicators)
                        ? new IndicatorPoints([.. rules.Indicators.Select(x => decimal.Round(x.MaxPoints * (decimal)(0.45 + 0.55 * form), 0))]).Format()
                        : null;
                    Grade? grade = sheet is null ? (form + _random.NextDouble() * 0.4) switch { > 1.05 => Grade.Good, > 0.7 => Grade.FairlyGood, > 0.3 => Grade.Average, _ => Grade.Poor } : null;
                    DemoBallots.Add(db, meeting.Id, r.Id, g.Id, grade, sheet);
                }
            }
            r.State = ScoringState.Closed;
        }
        meeting.Stage = MeetingStage.Assessment;
        await db.SaveChangesAsync(token);
        await publish.HandleAsync(meeting.Id, token);

        int Raters(MeetingGroup g) => rules.Groups[g.Index].Parts.HasFlag(BallotParts.Indicators) ? 1 : 5;

        void Code(long groupId, string scored, long? reporterId) => DemoBallots.Code(db, meeting.Id, groupId, scored, reporterId);
    }
}
