using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Selection;

/// <summary>
/// The yearly survey of satisfaction with appointments (seed 000) of a selecting organization, held as an evaluation meeting with one
/// reporter — the year's appointments — and one-time codes; one a year per organization.
/// </summary>
public sealed class SatisfactionSurvey
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public long MeetingId { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class SatisfactionSurveyConfiguration : IEntityTypeConfiguration<SatisfactionSurvey>
{
    public void Configure(EntityTypeBuilder<SatisfactionSurvey> b)
    {
        b.HasIndex(x => new { x.OrganizationId, x.Year }).IsUnique();
        b.HasIndex(x => x.MeetingId).IsUnique();
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record StartSatisfactionSurvey(long OrganizationId, int Year, DateOnly? HeldOn, int? Respondents);

public sealed record SatisfactionView(long Id, int Year, string Organization, long MeetingId, DateOnly HeldOn, int ExpectedRespondents, bool Published, SatisfactionResult? Result);

/// <summary>
/// Starts the year's satisfaction survey of a committee of the caller's subtree: an evaluation meeting under
/// <see cref="SchemeTemplates.SatisfactionSurvey"/> (满意 / 基本满意 / 不满意 / 不了解 on the phone) with the year's appointments as its one
/// reporter; codes are issued from the meeting. Once a year per organization; the organization department only; audited.
/// </summary>
public sealed class StartSatisfactionSurveyHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CreateSurveyMeetingHandler surveys)
{
    public async Task<SatisfactionSurvey> HandleAsync(StartSatisfactionSurvey request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "选人用人满意度测评由组织部门组织");
        new FieldErrors()
            .Check(Years.Valid(request.Year), "year", "年度无效")
            .Check(request.HeldOn is { } d && d >= ChinaTime.Today(clock) && Years.Valid(d.Year), "heldOn", "请填写测评日期（今天或以后）")
            .Check(request.Respondents is >= 1 and <= 10_000, "respondents", "请填写应到测评人数（1 到 10000）")
            .ThrowIfAny();
        var host = await scope.OrganizationAsync(request.OrganizationId, ct);
        if (await db.SatisfactionSurveys.AnyAsync(s => s.OrganizationId == host.Id && s.Year == request.Year, ct))
        {
            throw new RuleViolation($"{host.Name}{request.Year}年度的选人用人满意度测评已经安排");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var meeting = await surveys.HandleAsync(Survey(host.Name, host.Id, request.Year, request.HeldOn, request.Respondents!.Value), ct);
        var survey = new SatisfactionSurvey { Year = request.Year, OrganizationId = host.Id, MeetingId = meeting.Id, UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.SatisfactionSurveys.Add(survey);
        await db.SaveChangesAsync(ct);
        audit.Record("selection.survey", nameof(SatisfactionSurvey), survey.Id, host.Path, new { year = request.Year, meeting = meeting.Id, respondents = request.Respondents });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return survey;
    }

    /// <summary>The meeting of a year's satisfaction survey: 干部选拔任用工作 rated by those present.</summary>
    public static NewSurveyMeeting Survey(string host, long hostId, int year, DateOnly? heldOn, int respondents) =>
        new($"{host}{year}年度干部选拔任用工作满意度测评", year, hostId, SchemeTemplates.SatisfactionSurvey, heldOn, $"{year}年度干部选拔任用工作", "选人用人", respondents);
}

/// <summary>
/// The surveys of the caller's subtree, the latest year first, each with — once its meeting's results are published — the answers
/// counted from the ballots' grades alone (满意 = the first grade … 不了解 = the fourth) and the rates of Core
/// <see cref="SatisfactionRates"/>, the change on the same organization's published survey of the year before.
/// </summary>
public sealed class SatisfactionQueries(PingyiDbContext db, Scope scope)
{
    public async Task<IReadOnlyList<SatisfactionView>> ListAsync(CancellationToken ct = default)
    {
        var path = await scope.PathAsync(ct);
        var surveys = await db.SatisfactionSurveys.Where(s => s.Organization!.Path.StartsWith(path))
            .Join(db.Meetings, s => s.MeetingId, m => m.Id, (s, m) => new { s.Id, s.Year, s.OrganizationId, Organization = s.Organization!.Name, s.MeetingId, m.HeldOn, m.PublishedAt,
                Expected = db.MeetingGroups.Where(g => g.MeetingId == m.Id).Sum(g => g.ExpectedRaters) })
            .OrderBy(s => s.OrganizationId).ThenBy(s => s.Year).ToListAsync(ct);
        var published = surveys.Where(s => s.PublishedAt is not null).Select(s => s.MeetingId).ToList();
        var counts = await SurveyAnswers.CountAsync(db, [.. surveys.Where(s => s.PublishedAt is not null).Select(s => s.MeetingId)], ct);
        var views = new List<SatisfactionView>();
        var previous = new Dictionary<long, (int Year, decimal? Rate)>();
        foreach (var s in surveys)
        {
            SatisfactionResult? result = null;
            if (s.PublishedAt is not null)
            {
                var before = previous.TryGetValue(s.OrganizationId, out var p) && p.Year == s.Year - 1 ? p.Rate : null;
                result = SatisfactionRates.Compute(counts[s.MeetingId], before);
                previous[s.OrganizationId] = (s.Year, result.SatisfactionRate);
            }
            views.Add(new SatisfactionView(s.Id, s.Year, s.Organization, s.MeetingId, s.HeldOn, s.Expected, s.PublishedAt is not null, result));
        }
        return [.. views.OrderByDescending(v => v.Year).ThenBy(v => v.Organization, StringComparer.Ordinal)];
    }
}
