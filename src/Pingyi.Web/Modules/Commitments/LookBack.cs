using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Core.Commitments;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>A term commitment reported on at a 回头看 meeting: the commitment is attached to its reporter.</summary>
public sealed class CommitmentLookBack
{
    public long Id { get; set; }

    public long CommitmentId { get; set; }

    public long MeetingId { get; set; }

    public long ReporterId { get; set; }
}

internal sealed class CommitmentLookBackConfiguration : IEntityTypeConfiguration<CommitmentLookBack>
{
    public void Configure(EntityTypeBuilder<CommitmentLookBack> b)
    {
        b.HasIndex(x => new { x.CommitmentId, x.MeetingId }).IsUnique();
        b.HasIndex(x => x.MeetingId);
        b.HasOne<Commitment>().WithMany().HasForeignKey(x => x.CommitmentId);
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The organization whose branches look back, the year of the look-back, the day of the meeting.</summary>
public sealed record LookBackOnTerms(long HostOrganizationId, int Year, DateOnly? HeldOn);

/// <summary>
/// 任期承诺回头看: the public term commitments of organizations in the host's subtree, running in the year, are reported on
/// by their secretaries (the organization when it has none) before member and public representatives, who grade them on
/// their phones — a meeting of the engine under the host's township scheme, the commitment with its items and progress as
/// each reporter's report, and the commitment attached to its reporter (shown on the commitment's page with the result).
/// </summary>
public sealed class LookBackHandler(PingyiDbContext db, Scope scope, AuditLog audit, CommitmentAccess access, CreateSchemeHandler schemes, CreateMeetingHandler meetings)
{
    public async Task<EvaluationStarted> HandleAsync(LookBackOnTerms request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.CommitmentReviewers, "只有上级党组织可以组织任期承诺回头看");
        Years.Check(request.Year);
        var host = await scope.OrganizationAsync(request.HostOrganizationId, ct);
        var terms = await (await access.VisibleAsync(ct))
            .Where(c => c.Organization!.Path.StartsWith(host.Path) && c.Owner == CommitmentOwner.Organization && c.TermEndYear != null
                && c.Year <= request.Year && c.TermEndYear >= request.Year
                && (c.State == CommitmentState.Published || c.State == CommitmentState.Fulfilled || c.State == CommitmentState.Unfulfilled))
            .OrderBy(c => c.Organization!.Path).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.OrganizationId, Organization = c.Organization!.Name, c.Title, c.Year, c.TermEndYear,
                Items = c.Items.OrderBy(i => i.Order).Select(i => new { i.Target, i.Progress }).ToList(),
                Secretary = db.CadrePositions.Where(p => p.OrganizationId == c.OrganizationId && p.Title == People.PositionTitle.Secretary && p.TermEnd == null)
                    .Select(p => new { p.PersonId, p.Person!.Name }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        if (terms.Count == 0)
        {
            throw new RuleViolation($"{host.Name}及下级在 {request.Year} 年没有已亮诺的任期承诺");
        }
        if (terms.Count > EvaluateCommitmentsHandler.MostReporters)
        {
            throw new RuleViolation($"{host.Name}及下级有 {terms.Count} 项任期承诺，一场会议最多 {EvaluateCommitmentsHandler.MostReporters} 项：请按乡镇分别组织");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var schemeId = await schemes.FromTemplateAsync(SchemeTemplates.LookBack, host.Id, ct);
        var meeting = await meetings.HandleAsync(new CreateMeeting($"{host.Name}{request.Year}年任期承诺“回头看”", $"{request.Year}年度", host.Id, MeetingDirection.Upward,
            schemeId, request.HeldOn, null,
            [.. terms.Select(t => new NewReporter(t.OrganizationId, t.Secretary?.PersonId, t.Secretary?.Name ?? t.Organization,
                t.Secretary is null ? "任期承诺" : $"{t.Organization}书记",
                $"{t.Title}（{t.Year}—{t.TermEndYear}年任期）\n" + string.Join("\n", t.Items.Select((i, n) => $"{n + 1}. {i.Target}（已完成 {i.Progress}%）"))))],
            null), ct);
        var reporters = meeting.Reporters.OrderBy(r => r.Order).ToList();
        for (var i = 0; i < terms.Count; i++)
        {
            db.CommitmentLookBacks.Add(new CommitmentLookBack { CommitmentId = terms[i].Id, MeetingId = meeting.Id, ReporterId = reporters[i].Id });
        }
        audit.Record("commitment.lookback", "Meeting", meeting.Id, host.Path, new { year = request.Year, commitments = terms.Count });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return new EvaluationStarted(meeting.Id, terms.Count);
    }
}
