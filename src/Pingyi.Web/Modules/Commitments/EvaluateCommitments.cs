using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Commitments;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>The organization that evaluates (its own subtree's commitments), the year, the day of the meeting.</summary>
public sealed record EvaluateCommitments(long HostOrganizationId, int Year, DateOnly? HeldOn);

/// <summary>
/// 三评: the published (or closed-out) commitments of a year in the host's subtree, not yet evaluated, become the reporters
/// of an evaluation meeting under the host's "三评" scheme (made from the template the first time) — members' mutual
/// evaluation and the public's evaluation on phones with one-time codes, the organization's assessment on an indicator
/// sheet. The meeting's published result is each commitment's score, with its group-by-group explanation; the star
/// lines in force now stay with the evaluation.
/// </summary>
public sealed class EvaluateCommitmentsHandler(PingyiDbContext db, Scope scope, AuditLog audit, CommitmentAccess access, CreateSchemeHandler schemes,
    CreateMeetingHandler meetings, IOptions<CommitmentOptions> options)
{
    public const int MostReporters = 500;

    public async Task<Meeting> HandleAsync(EvaluateCommitments request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.CommitmentReviewers, "只有上级党组织可以组织承诺“三评”");
        return await EvaluateAsync(request, ct);
    }

    /// <summary>The evaluation without asking who (the demo county's ready-to-run evaluation).</summary>
    internal async Task<Meeting> EvaluateAsync(EvaluateCommitments request, CancellationToken ct = default)
    {
        Years.Check(request.Year);
        var lines = options.Value.Stars;
        var thresholds = new StarThresholds(lines.Five, lines.Four, lines.Three, lines.Two);
        if (thresholds.ValidateFields() is { Count: > 0 } wrong)
        {
            throw new RuleViolation("星级分数线配置有误（Commitments:Stars）：" + wrong[0].Message);
        }
        var host = await scope.OrganizationAsync(request.HostOrganizationId, ct);
        var candidates = await (await access.VisibleAsync(ct))
            .Where(c => c.Organization!.Path.StartsWith(host.Path) && c.Year <= request.Year && (c.TermEndYear ?? c.Year) >= request.Year
                && (c.State == CommitmentState.Published || c.State == CommitmentState.Fulfilled || c.State == CommitmentState.Unfulfilled)
                && !db.CommitmentEvaluations.Any(e => e.CommitmentId == c.Id))
            .OrderBy(c => c.Organization!.Path).ThenBy(c => c.Owner).ThenBy(c => c.PersonName).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.OrganizationId, Organization = c.Organization!.Name, c.Owner, c.PersonId, c.PersonName, c.Title, Items = c.Items.OrderBy(i => i.Order).Select(i => i.Target).ToList() })
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            throw new RuleViolation($"{host.Name}及下级在 {request.Year} 年没有已亮诺、尚未“三评”的承诺");
        }
        if (candidates.Count > MostReporters)
        {
            throw new RuleViolation($"{host.Name}及下级有 {candidates.Count} 项承诺待评，一场测评最多 {MostReporters} 项：请按乡镇分别组织");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var schemeId = await schemes.FromTemplateAsync(SchemeTemplates.Commitments, host.Id, ct);
        var meeting = await meetings.HandleAsync(new CreateMeeting($"{host.Name}{request.Year}年度公开承诺“三评”", $"{request.Year}年度", host.Id,
            MeetingDirection.Upward, schemeId, request.HeldOn, null,
            [.. candidates.Select(c => new NewReporter(c.OrganizationId, c.PersonId, c.PersonName ?? c.Organization,
                c.Owner == CommitmentOwner.Member ? $"党员承诺 · {c.Organization}" : "组织承诺",
                c.Title + "\n" + string.Join("\n", c.Items.Select((t, i) => $"{i + 1}. {t}"))))],
            null), ct);
        var reporters = meeting.Reporters.OrderBy(r => r.Order).ToList();
        for (var i = 0; i < candidates.Count; i++)
        {
            db.CommitmentEvaluations.Add(new CommitmentEvaluation
            {
                CommitmentId = candidates[i].Id, MeetingId = meeting.Id, ReporterId = reporters[i].Id,
                FiveStars = thresholds.Five, FourStars = thresholds.Four, ThreeStars = thresholds.Three, TwoStars = thresholds.Two,
            });
        }
        audit.Record("commitment.evaluate", "Meeting", meeting.Id, host.Path,
            new { year = request.Year, commitments = candidates.Count, stars = new[] { thresholds.Five, thresholds.Four, thresholds.Three, thresholds.Two } });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return meeting;
    }
}
