using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Commitments;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.Commitments;

/// <summary>The organization that selects (its subtree's commitments), the year, organization or member commitments, the day of the vote.</summary>
public sealed record VoteTopTen(long HostOrganizationId, int Year, CommitmentOwner Owner, DateOnly? HeldOn);

/// <summary>
/// 十佳: the year's commitments of one kind (organizations' or members') in the host's subtree with three stars or more in
/// their published 三评 are the nominees of a secret-ballot vote — a meeting of the engine under the host's "十佳" scheme
/// (representatives grade each nominee on their phones). Once the vote is published, the ten best by position are the
/// year's 十佳 (all who share the tenth place), shown on the commitments and on the public board.
/// </summary>
public sealed class VoteTopTenHandler(PingyiDbContext db, Scope scope, AuditLog audit, CommitmentAccess access, CreateSchemeHandler schemes,
    CreateMeetingHandler meetings)
{
    public async Task<Meeting> HandleAsync(VoteTopTen request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.CommitmentReviewers, "只有上级党组织可以组织“十佳”评选");
        Years.Check(request.Year);
        if (!Enum.IsDefined(request.Owner))
        {
            throw RuleViolation.Invalid("请选择组织承诺或党员承诺", "owner");
        }
        var host = await scope.OrganizationAsync(request.HostOrganizationId, ct);
        var candidates = await (await access.VisibleAsync(ct))
            .Where(c => c.Organization!.Path.StartsWith(host.Path) && c.Owner == request.Owner && c.Year <= request.Year && (c.TermEndYear ?? c.Year) >= request.Year
                && !db.TopTenNominations.Any(n => n.CommitmentId == c.Id && n.Year == request.Year))
            .OrderBy(c => c.Organization!.Path).ThenBy(c => c.PersonName).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.OrganizationId, Organization = c.Organization!.Name, c.PersonId, c.PersonName, c.Title })
            .ToListAsync(ct);
        var stars = await CommitmentQueries.StarsAsync(db, [.. candidates.Select(c => c.Id)], ct);
        var nominees = candidates.Where(c => StarThresholds.IsPriority(stars.GetValueOrDefault(c.Id))).ToList();
        var kind = request.Owner == CommitmentOwner.Member ? "党员承诺" : "组织承诺";
        if (nominees.Count == 0)
        {
            throw new RuleViolation($"{host.Name}及下级在 {request.Year} 年没有“三评”三星及以上、尚未参加评选的{kind}");
        }
        if (nominees.Count > EvaluateCommitmentsHandler.MostReporters)
        {
            throw new RuleViolation($"候选{kind}有 {nominees.Count} 项，一场评选最多 {EvaluateCommitmentsHandler.MostReporters} 项");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var schemeId = await schemes.FromTemplateAsync(SchemeTemplates.TopTen, host.Id, ct);
        var meeting = await meetings.HandleAsync(new CreateMeeting($"{host.Name}{request.Year}年度“十佳”{kind}评选", $"{request.Year}年度", host.Id,
            MeetingDirection.Upward, schemeId, request.HeldOn, null,
            [.. nominees.Select(c => new NewReporter(c.OrganizationId, c.PersonId, c.PersonName ?? c.Organization,
                $"{kind} · {"★★★★★"[..stars[c.Id]]}", c.Title))],
            null), ct);
        var reporters = meeting.Reporters.OrderBy(r => r.Order).ToList();
        for (var i = 0; i < nominees.Count; i++)
        {
            db.TopTenNominations.Add(new TopTenNomination
            {
                CommitmentId = nominees[i].Id, MeetingId = meeting.Id, ReporterId = reporters[i].Id, Year = request.Year, Owner = request.Owner,
            });
        }
        audit.Record("commitment.topten", "Meeting", meeting.Id, host.Path, new { year = request.Year, owner = request.Owner.ToString(), nominees = nominees.Count });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return meeting;
    }
}
