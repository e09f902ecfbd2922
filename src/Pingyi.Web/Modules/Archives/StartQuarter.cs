using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Archives;
using Pingyi.Core.Organizations;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Archives;

/// <summary>
/// A quarter to review: the host (a township for 一考双评, the county for 季度讲评), the kind, year and quarter, the day of the
/// meeting, and the scheme — the indicator-set version — when another than the template's is to be used.
/// </summary>
public sealed record StartQuarter(long HostOrganizationId, ArchiveKind Kind, int Year, int Quarter, DateOnly? HeldOn, long? SchemeId = null);

/// <summary>The quarter's meeting, how many it scores, and the villages left out for want of a secretary.</summary>
public sealed record QuarterStarted(long QuarterId, long MeetingId, int Reporters, IReadOnlyList<string> WithoutSecretary);

/// <summary>
/// Starts a quarter of an archive as a meeting of the engine: 一考双评 — the current secretaries of the host township's
/// village branches are the reporters; the township committee fills the examination sheet, its leaders and each village's
/// people grade them with codes (the villagers' codes made for their own secretary) — or 季度讲评 — the county's township
/// committees are the reporters. When the meeting publishes, <see cref="QuarterPublication"/> freezes the scores into the
/// archive in the same unit of work. One review per host, kind and quarter.
/// </summary>
public sealed class StartQuarterHandler(PingyiDbContext db, Scope scope, AuditLog audit, MeetingAccess meetingAccess, CreateSchemeHandler schemes, CreateMeetingHandler meetings)
{
    public const int MostReporters = 500;

    /// <summary>The scheme template a kind's quarter uses unless another version is chosen.</summary>
    public static SchemeTemplates.Template Template(ArchiveKind kind) => kind switch
    {
        ArchiveKind.VillageSecretary => SchemeTemplates.VillageSecretaryQuarter,
        ArchiveKind.TownshipTeam => SchemeTemplates.TownshipTeamQuarter,
        _ => SchemeTemplates.SectionCadreQuarter,
    };

    public async Task<QuarterStarted> HandleAsync(StartQuarter request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.ArchiveKeepers, "只有组织部门和乡镇党委可以组织季度考评");
        return await StartAsync(request, ct);
    }

    /// <summary>The quarter without asking who (the demo county's year of quarters).</summary>
    internal async Task<QuarterStarted> StartAsync(StartQuarter request, CancellationToken ct = default)
    {
        ArchiveAccess.CheckPeriod(request.Year, request.Quarter);
        var host = await scope.OrganizationAsync(request.HostOrganizationId, ct);
        var template = Template(request.Kind);
        if (host.Level != ArchiveText.HostLevel(request.Kind))
        {
            throw RuleViolation.Invalid(request.Kind switch
            {
                ArchiveKind.VillageSecretary => "村党组织书记“一考双评”由乡镇党委组织：请选择一个乡镇党委",
                ArchiveKind.TownshipTeam => "乡镇领导班子季度讲评由县委组织：请选择县委",
                _ => "乡镇领导干部季度讲评按乡镇组织：请选择一个乡镇党委",
            }, "hostOrganizationId");
        }
        var name = ArchiveText.Kind(request.Kind);
        if (await db.ArchiveQuarters.AnyAsync(q => q.HostOrganizationId == host.Id && q.Kind == request.Kind && q.Year == request.Year && q.Quarter == request.Quarter, ct))
        {
            throw new RuleViolation($"{host.Name}{request.Year}年{ArchiveYear.QuarterName(request.Quarter)}的{name}已经组织过");
        }
        var children = db.Organizations.Where(o => o.Path.StartsWith(host.Path) && o.Id != host.Id && o.Status == OrganizationStatus.Active);
        List<NewReporter> reporters;
        var withoutSecretary = new List<string>();
        if (request.Kind == ArchiveKind.VillageSecretary)
        {
            var villages = await children.Where(o => o.Category == OrganizationCategory.Village && (o.Level == OrganizationLevel.Branch || o.Level == OrganizationLevel.GeneralBranch))
                .OrderBy(o => o.Path)
                .Select(o => new
                {
                    o.Id, o.Name,
                    Secretary = db.CadrePositions.Where(p => p.OrganizationId == o.Id && p.Title == People.PositionTitle.Secretary && p.TermEnd == null)
                        .OrderBy(p => p.TermStart).Select(p => new { p.PersonId, p.Person!.Name }).FirstOrDefault(),
                })
                .ToListAsync(ct);
            withoutSecretary = [.. villages.Where(v => v.Secretary is null).Select(v => v.Name)];
            reporters = [.. villages.Where(v => v.Secretary is not null).Select(v => new NewReporter(v.Id, v.Secretary!.PersonId, v.Secretary.Name, $"{v.Name}书记"))];
        }
        else if (request.Kind == ArchiveKind.SectionCadre)
        {
            // The township committee's own leading cadres in post, each once under the first of their posts there.
            reporters = [.. (await db.CadrePositions.Where(p => p.OrganizationId == host.Id && p.TermEnd == null).OrderBy(p => p.Title).ThenBy(p => p.TermStart)
                    .Select(p => new { p.PersonId, p.Person!.Name, p.Title }).ToListAsync(ct))
                .DistinctBy(p => p.PersonId).Select(p => new NewReporter(host.Id, p.PersonId, p.Name, $"{host.Name}{People.PositionTitles.Chinese(p.Title)}"))];
        }
        else
        {
            reporters = [.. (await children.Where(o => o.Level == OrganizationLevel.TownshipCommittee).OrderBy(o => o.Path).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
                .Select(o => new NewReporter(o.Id, null, o.Name, "乡镇领导班子"))];
        }
        if (reporters.Count == 0)
        {
            throw new RuleViolation(request.Kind switch
            {
                ArchiveKind.VillageSecretary => $"{host.Name}下没有在任书记的村党组织",
                ArchiveKind.TownshipTeam => $"{host.Name}下没有乡镇党委",
                _ => $"{host.Name}没有在任的领导干部：请先在人员页面登记职务",
            });
        }
        if (reporters.Count > MostReporters)
        {
            throw new RuleViolation($"{host.Name}下有 {reporters.Count} 名被考评对象，一次季度考评最多 {MostReporters} 名");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var scheme = request.SchemeId is { } chosen
            ? await meetingAccess.SchemeAsync(chosen, ct)
            : await meetingAccess.SchemeAsync(await schemes.FromTemplateAsync(template, host.Id, ct), ct);
        var period = $"{request.Year}年{ArchiveYear.QuarterName(request.Quarter)}";
        var meeting = await meetings.HandleAsync(new CreateMeeting($"{host.Name}{period}{name}", period, host.Id, MeetingDirection.Upward, scheme.Id, request.HeldOn, null, reporters, null), ct);
        var quarter = new ArchiveQuarter
        {
            MeetingId = meeting.Id, HostOrganizationId = host.Id, Kind = request.Kind, Year = request.Year, Quarter = request.Quarter,
            SchemeId = scheme.Id, SchemeName = scheme.Name,
        };
        db.ArchiveQuarters.Add(quarter);
        await db.SaveChangesAsync(ct);
        audit.Record("archive.quarter", nameof(ArchiveQuarter), quarter.Id, host.Path,
            new { kind = request.Kind.ToString(), year = request.Year, quarter = request.Quarter, meeting = meeting.Id, scheme = scheme.Id, reporters = reporters.Count });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return new QuarterStarted(quarter.Id, meeting.Id, reporters.Count, withoutSecretary);
    }
}

/// <summary>
/// A published quarter's results become the archive's scores: each reporter's composite (rounded to two places), grade,
/// position within the host and the engine's group-by-group explanation, under the quarter's scheme; one without a score
/// (too few ballots in every group) keeps a row without one, so the quarter shows as missing for them. Audited once.
/// </summary>
public sealed class QuarterPublication(PingyiDbContext db, AuditLog audit) : IMeetingPublication
{
    public async Task OnPublishedAsync(Meeting meeting, MeetingOutcome outcome, string organizationPath, CancellationToken ct)
    {
        var quarter = await db.ArchiveQuarters.FirstOrDefaultAsync(q => q.MeetingId == meeting.Id, ct);
        if (quarter is null)
        {
            return;
        }
        foreach (var r in outcome.Reporters)
        {
            db.ArchiveScores.Add(new ArchiveScore
            {
                ArchiveQuarterId = quarter.Id, Kind = quarter.Kind, Year = quarter.Year, Quarter = quarter.Quarter, HostOrganizationId = quarter.HostOrganizationId,
                OrganizationId = r.OrganizationId, PersonId = ArchiveText.OfPeople(quarter.Kind) ? r.PersonId : null, Name = r.Name,
                Score = r.Composite is { } c ? decimal.Round(c, 2, MidpointRounding.AwayFromZero) : null, Grade = r.Grade, Position = r.Position,
                SchemeId = quarter.SchemeId, SchemeName = quarter.SchemeName, MeetingId = meeting.Id,
                Explanation = string.Join("；", r.Groups.Select(g => $"{g.Name} {g.ScoreDisplay ?? (g.Flags.Contains("belowMinimum") ? "票数不足，不计分" : "不公开")}（{g.Ballots} 票）")),
            });
        }
        audit.Record("archive.scores", nameof(ArchiveQuarter), quarter.Id, organizationPath,
            new { kind = quarter.Kind.ToString(), year = quarter.Year, quarter = quarter.Quarter, meeting = meeting.Id, scores = outcome.Reporters.Count(r => r.Composite is not null) });
        await db.SaveChangesAsync(ct);
    }
}
