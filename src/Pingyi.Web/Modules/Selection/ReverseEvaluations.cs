using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Selection;

/// <summary>
/// A reverse evaluation of a cadre (反向测评, seed 003), held as an evaluation meeting with the cadre as its one reporter: its one-time
/// codes, per source, are the questionnaire's; nothing here names a respondent.
/// </summary>
public sealed class ReverseEvaluationMeeting
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    /// <summary>The cadre's organization when it started; scope follows it.</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public long MeetingId { get; set; }

    public required string UserName { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class ReverseEvaluationConfiguration : IEntityTypeConfiguration<ReverseEvaluationMeeting>
{
    public void Configure(EntityTypeBuilder<ReverseEvaluationMeeting> b)
    {
        b.HasIndex(x => x.PersonId);
        b.HasIndex(x => x.MeetingId).IsUnique();
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A reverse evaluation to hold: the cadre, the day, and how many respondents each source is expected to send (keys of <see cref="ReverseEvaluation.Sources"/>).</summary>
public sealed record StartReverseEvaluation(long PersonId, DateOnly? HeldOn, IReadOnlyDictionary<string, int>? Respondents);

public sealed record ReverseEvaluationView(long Id, long MeetingId, string Title, DateOnly HeldOn, bool Published, IReadOnlyList<SourceBreakdown> Sources);

/// <summary>
/// Starts a reverse evaluation: an evaluation meeting of the caller's organization under <see cref="SchemeTemplates.ReverseEvaluation"/>
/// with the cadre as its reporter and the six sources as its groups; codes are issued from the meeting, per source. The
/// organization department only; audited.
/// </summary>
public sealed class StartReverseEvaluationHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CreateSchemeHandler schemes,
    CreateMeetingHandler meetings, Accountability.AccountabilityAccess cadres)
{
    public async Task<ReverseEvaluationMeeting> HandleAsync(StartReverseEvaluation request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "反向测评由组织部门组织");
        var respondents = request.Respondents ?? new Dictionary<string, int>();
        var errors = new FieldErrors().Check(request.HeldOn is { } d && d >= ChinaTime.Today(clock) && Years.Valid(d.Year), "heldOn", "请填写测评日期（今天或以后）");
        foreach (var (key, count) in respondents)
        {
            errors.Check(ReverseEvaluation.Sources.Any(s => s.Key == key), "respondents", $"没有测评来源“{key}”")
                .Check(count is >= 0 and <= 10_000, "respondents", "每个来源的应到人数须在 0 到 10000 之间");
        }
        errors.Check(respondents.Values.Sum() > 0, "respondents", "请至少为一个来源填写应到人数").ThrowIfAny();
        var cadre = await cadres.CadreAsync(request.PersonId, ct);
        var host = scope.OrganizationId ?? throw RuleViolation.Forbidden("没有所属组织的账号不能组织反向测评");
        await using var work = await db.BeginWorkAsync(ct);
        var meeting = await meetings.HandleAsync(new CreateMeeting($"{cadre.Name}同志反向测评", $"{request.HeldOn!.Value.Year}年干部考察", host, MeetingDirection.Upward,
            await schemes.FromTemplateAsync(SchemeTemplates.ReverseEvaluation, host, ct), request.HeldOn, null,
            [new NewReporter(cadre.OrganizationId, cadre.Id, cadre.Name, "考察对象")],
            [.. respondents.Where(r => r.Value > 0).Select(r => new NewGroupSize(r.Key, r.Value))]), ct);
        var evaluation = new ReverseEvaluationMeeting
        {
            PersonId = cadre.Id, OrganizationId = cadre.OrganizationId, MeetingId = meeting.Id, UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ReverseEvaluationMeetings.Add(evaluation);
        await db.SaveChangesAsync(ct);
        audit.Record("selection.reverse", nameof(ReverseEvaluationMeeting), evaluation.Id, cadre.Path, new { person = cadre.Name, meeting = meeting.Id, heldOn = request.HeldOn });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return evaluation;
    }
}

/// <summary>
/// A cadre's reverse evaluations the caller can see (the cadre's organization in the caller's subtree; the organization department and
/// the discipline body), each with its breakdown per source and dimension once its meeting's results are published — from the
/// ballots' points alone, grouped by source, under the smallest-shown-group rule of Core <see cref="ReverseEvaluation"/>.
/// </summary>
public sealed class ReverseEvaluationQueries(PingyiDbContext db, Scope scope)
{
    public async Task<IReadOnlyList<ReverseEvaluationView>> OfPersonAsync(long personId, CancellationToken ct = default)
    {
        scope.User.Require(Policies.CadreSupervisors, "反向测评只对组织部门和纪检监察机关开放");
        var path = await scope.PathAsync(ct);
        var evaluations = await db.ReverseEvaluationMeetings.Where(e => e.PersonId == personId && e.Organization!.Path.StartsWith(path))
            .Join(db.Meetings, e => e.MeetingId, m => m.Id, (e, m) => new { e.Id, e.MeetingId, m.Title, m.HeldOn, m.PublishedAt })
            .OrderByDescending(e => e.HeldOn).ThenByDescending(e => e.Id).ToListAsync(ct);
        var views = new List<ReverseEvaluationView>();
        foreach (var e in evaluations)
        {
            IReadOnlyList<(string, IReadOnlyList<decimal>)> answers = e.PublishedAt is null ? [] : [.. (await db.Ballots.AsNoTracking()
                    .Where(b => b.MeetingId == e.MeetingId && !b.Rehearsal && b.Indicators != null)
                    .Join(db.MeetingGroups, b => b.GroupId, g => g.Id, (b, g) => new { g.Key, b.Indicators }).ToListAsync(ct))
                .Select(a => (a.Key, IndicatorPoints.Parse(a.Indicators!).Values))];
            views.Add(new ReverseEvaluationView(e.Id, e.MeetingId, e.Title, e.HeldOn, e.PublishedAt is not null,
                e.PublishedAt is null ? [.. ReverseEvaluation.Sources.Select(s => new SourceBreakdown(s.Key, s.Name, false, null, []))] : ReverseEvaluation.Breakdown(answers)));
        }
        return views;
    }
}
