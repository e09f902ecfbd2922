using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Grading;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Grading;

/// <summary>A month's evaluation meeting of grading (月评会): the meeting, its host and the month its scores are for.</summary>
public sealed class MonthlyEvaluation
{
    public long Id { get; set; }

    public long MeetingId { get; set; }

    public long HostOrganizationId { get; set; }

    public int Year { get; set; }

    public int Month { get; set; }
}

internal sealed class MonthlyEvaluationConfiguration : IEntityTypeConfiguration<MonthlyEvaluation>
{
    public void Configure(EntityTypeBuilder<MonthlyEvaluation> b)
    {
        b.HasIndex(x => x.MeetingId).IsUnique();
        b.HasIndex(x => new { x.HostOrganizationId, x.Year, x.Month });
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.HostOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The organization whose grassroots organizations are evaluated, the year and month, the day of the meeting.</summary>
public sealed record EvaluateMonth(long HostOrganizationId, int Year, int Month, DateOnly? HeldOn);

/// <summary>The meeting made and how many organizations it evaluates.</summary>
public sealed record MonthStarted(long MeetingId, int Organizations);

/// <summary>
/// 月评 by codes and phones: the graded organizations of the host's subtree become the reporters of a meeting under the host's
/// monthly scheme (made from <see cref="SchemeTemplates.MonthlyGrading"/> the first time); member and public representatives
/// grade them on their phones with one-time codes. When the meeting's results are published, each organization's score is
/// its monthly input for the month (<see cref="MonthlyEvaluationPublication"/>), in the same unit of work.
/// </summary>
public sealed class EvaluateMonthHandler(PingyiDbContext db, Scope scope, AuditLog audit, GradingAccess access, CreateSchemeHandler schemes, CreateMeetingHandler meetings)
{
    public const int MostOrganizations = 500;

    public async Task<MonthStarted> HandleAsync(EvaluateMonth request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.GradingRecorders, "只有组织部门和乡镇党委可以组织月评");
        GradingAccess.CheckYear(request.Year);
        if (request.Month is < 1 or > 12)
        {
            throw RuleViolation.Invalid("月份须在 1 到 12 之间", "month");
        }
        var host = await scope.OrganizationAsync(request.HostOrganizationId, ct);
        if (await access.PublishedAsync(request.Year, ct))
        {
            throw new RuleViolation($"{request.Year} 年度已定级，不能再组织该年度的月评");
        }
        var organizations = await (await access.GradedAsync(ct)).Where(o => o.Path.StartsWith(host.Path)).OrderBy(o => o.Path)
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        if (organizations.Count == 0)
        {
            throw new RuleViolation($"{host.Name}下没有参加定级的基层党组织");
        }
        if (organizations.Count > MostOrganizations)
        {
            throw new RuleViolation($"{host.Name}下有 {organizations.Count} 个基层党组织，一场月评最多 {MostOrganizations} 个：请按乡镇分别组织");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var schemeId = await schemes.FromTemplateAsync(SchemeTemplates.MonthlyGrading, host.Id, ct);
        var meeting = await meetings.HandleAsync(new CreateMeeting($"{host.Name}{request.Year}年{request.Month}月基层党组织月评", $"{request.Year}年{request.Month}月",
            host.Id, MeetingDirection.Upward, schemeId, request.HeldOn, null, [.. organizations.Select(o => new NewReporter(o.Id, null, o.Name, "基层党组织"))], null), ct);
        db.MonthlyEvaluations.Add(new MonthlyEvaluation { MeetingId = meeting.Id, HostOrganizationId = host.Id, Year = request.Year, Month = request.Month });
        audit.Record("grading.monthly", "Meeting", meeting.Id, host.Path, new { year = request.Year, month = request.Month, organizations = organizations.Count });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return new MonthStarted(meeting.Id, organizations.Count);
    }
}

/// <summary>
/// A published monthly evaluation's scores become the organizations' monthly inputs (rounded to two places; one without a
/// score — too few ballots — gets none), replacing one recorded by hand for the same month, each audited; nothing once
/// the year is graded.
/// </summary>
public sealed class MonthlyEvaluationPublication(PingyiDbContext db, AuditLog audit, TimeProvider clock) : IMeetingPublication
{
    public async Task OnPublishedAsync(Meeting meeting, MeetingOutcome outcome, string organizationPath, CancellationToken ct)
    {
        var month = await db.MonthlyEvaluations.FirstOrDefaultAsync(m => m.MeetingId == meeting.Id, ct);
        if (month is null || await db.GradeResults.AnyAsync(r => r.Year == month.Year && r.Organization!.Path.StartsWith(organizationPath), ct))
        {
            return;
        }
        var scored = outcome.Reporters.Where(r => r.Composite is not null).ToDictionary(r => r.OrganizationId, r => decimal.Round(r.Composite!.Value, 2, MidpointRounding.AwayFromZero));
        var ids = scored.Keys.ToList();
        var existing = await db.GradingInputs.Where(x => ids.Contains(x.OrganizationId) && x.Year == month.Year && x.Kind == GradingInputKind.Monthly && x.Period == month.Month)
            .ToDictionaryAsync(x => x.OrganizationId, ct);
        var paths = await db.Organizations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Path, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var records = new List<(GradingInputRecord Record, decimal? Previous)>();
        foreach (var (organizationId, score) in scored)
        {
            if (!existing.TryGetValue(organizationId, out var record))
            {
                record = new GradingInputRecord { OrganizationId = organizationId, Year = month.Year, Kind = GradingInputKind.Monthly, Period = month.Month, UserName = "" };
                db.GradingInputs.Add(record);
            }
            records.Add((record, existing.ContainsKey(organizationId) ? record.Score : null));
            record.Score = score;
            record.Points = null;
            record.Note = $"月评会（{meeting.Title}）";
            record.UserName = "月评会";
            record.At = now;
        }
        await db.SaveChangesAsync(ct);
        foreach (var (record, previous) in records)
        {
            audit.Record("grading.input", nameof(GradingInputRecord), record.Id, paths[record.OrganizationId],
                new { year = month.Year, kind = nameof(GradingInputKind.Monthly), period = month.Month, score = record.Score, meeting = meeting.Id, previous });
        }
    }
}
