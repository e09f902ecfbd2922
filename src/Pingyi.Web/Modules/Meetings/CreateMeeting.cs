using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Meetings;

public sealed record NewReporter(long OrganizationId, long? PersonId = null, string? Name = null, string? Post = null, string? ReportText = null);

public sealed record NewGroupSize(string Key, int ExpectedRaters);

public sealed record CreateMeeting(string Title, string Cycle, long HostOrganizationId, MeetingDirection Direction, long SchemeId, DateOnly? HeldOn,
    string? Location, IReadOnlyList<NewReporter> Reporters, IReadOnlyList<NewGroupSize>? Groups);

/// <summary>
/// Creates a meeting under a scheme: the scheme's rules are copied into the meeting (a later change of the scheme
/// does not change a meeting's count), reporters in agenda order (a reporter without a name is the organization's
/// secretary in office), raters expected per group.
/// </summary>
public sealed class CreateMeetingHandler(PingyiDbContext db, Scope scope, MeetingAccess access, AuditLog audit, TimeProvider clock)
{
    public async Task<Meeting> HandleAsync(CreateMeeting request, CancellationToken ct = default)
    {
        var title = (request.Title ?? string.Empty).Trim();
        var cycle = (request.Cycle ?? string.Empty).Trim();
        new FieldErrors()
            .Check(title.Length is > 0 and <= 200, "title", "会议名称不能为空，且不超过200个字符")
            .Check(cycle.Length is > 0 and <= 50, "cycle", "评议周期不能为空（例如“2026年上半年”），且不超过50个字符")
            .Check(Enum.IsDefined(request.Direction), "direction", "评议方向无效")
            .Check(request.Reporters is { Count: > 0 and <= 500 }, "reporters", "请列出述职人（1 到 500 人）")
            .ThrowIfAny();
        var host = await access.OrganizationAsync(request.HostOrganizationId, ct);
        var organizations = await scope.OrganizationsAsync(ct);
        var scheme = await db.Schemes.Where(s => s.Id == request.SchemeId && organizations.Any(o => o.Id == s.OrganizationId)).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"评议方案 {request.SchemeId} 不存在或不在您的管理范围内");
        var rules = RulesJson.Read(scheme.Rules);

        var meeting = new Meeting
        {
            Title = title,
            Cycle = cycle,
            HostOrganizationId = host.Id,
            Direction = request.Direction,
            SchemeId = scheme.Id,
            Rules = scheme.Rules,
            HeldOn = request.HeldOn ?? ChinaTime.Today(clock),
            Location = string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim(),
            Stage = MeetingStage.Preparation,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var sizes = request.Groups ?? [];
        foreach (var size in sizes)
        {
            if (!rules.Groups.Any(g => g.Key == size.Key))
            {
                throw RuleViolation.Invalid($"评议方案中没有评议组“{size.Key}”");
            }
            if (size.ExpectedRaters is < 0 or > 10_000)
            {
                throw RuleViolation.Invalid($"评议组“{size.Key}”的应到人数须在 0 到 10000 之间");
            }
        }
        for (var i = 0; i < rules.Groups.Count; i++)
        {
            var g = rules.Groups[i];
            meeting.Groups.Add(new MeetingGroup
            {
                Index = i,
                Key = g.Key,
                Name = g.Name,
                ExpectedRaters = sizes.FirstOrDefault(s => s.Key == g.Key)?.ExpectedRaters ?? 0,
            });
        }

        var order = 0;
        foreach (var r in request.Reporters)
        {
            order++;
            var organization = await organizations.Where(o => o.Id == r.OrganizationId).FirstOrDefaultAsync(ct)
                ?? throw RuleViolation.NotFound($"第 {order} 位述职人的组织 {r.OrganizationId} 不存在或不在您的管理范围内");
            if (!organization.Path.StartsWith(host.Path, StringComparison.Ordinal))
            {
                throw RuleViolation.Invalid($"第 {order} 位述职人的组织“{organization.Name}”不属于{host.Name}");
            }
            var personId = r.PersonId;
            var name = r.Name?.Trim();
            if (personId is { } pid)
            {
                var person = await db.People.Where(p => p.Id == pid && organizations.Any(o => o.Id == p.OrganizationId)).Select(p => new { p.Name }).FirstOrDefaultAsync(ct)
                    ?? throw RuleViolation.NotFound($"第 {order} 位述职人（人员 {pid}）不存在或不在您的管理范围内");
                name = string.IsNullOrEmpty(name) ? person.Name : name;
            }
            else if (string.IsNullOrEmpty(name))
            {
                var secretary = await db.CadrePositions.Where(c => c.OrganizationId == organization.Id && c.Title == PositionTitle.Secretary && c.TermEnd == null)
                    .Select(c => new { c.PersonId, c.Person!.Name }).FirstOrDefaultAsync(ct)
                    ?? throw RuleViolation.Invalid($"{organization.Name}没有在任书记：请填写第 {order} 位述职人的姓名");
                personId = secretary.PersonId;
                name = secretary.Name;
            }
            if (name!.Length > 100 || (r.Post?.Length ?? 0) > 100 || (r.ReportText?.Length ?? 0) > 100_000)
            {
                throw RuleViolation.Invalid($"第 {order} 位述职人的姓名、职务或述职报告过长");
            }
            meeting.Reporters.Add(new MeetingReporter
            {
                Order = order,
                OrganizationId = organization.Id,
                PersonId = personId,
                Name = name,
                Post = string.IsNullOrWhiteSpace(r.Post) ? "党组织书记" : r.Post.Trim(),
                ReportText = r.ReportText,
                State = ScoringState.Pending,
            });
        }
        db.Meetings.Add(meeting);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("meeting.create", nameof(Meeting), meeting.Id, host.Path, new
        {
            title,
            cycle,
            direction = meeting.Direction.ToString(),
            scheme = scheme.Id,
            reporters = meeting.Reporters.Select(r => new { r.Order, r.Name, r.OrganizationId }),
            groups = meeting.Groups.Select(g => new { g.Key, g.ExpectedRaters }),
        });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return meeting;
    }
}
