using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Evaluation;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Meetings;

public sealed record CreateScheme(string Name, long OrganizationId, SchemeRules Rules);

public sealed record NewReporter(long OrganizationId, long? PersonId = null, string? Name = null, string? Post = null, string? ReportText = null);

public sealed record NewGroupSize(string Key, int ExpectedRaters);

public sealed record CreateMeeting(string Title, string Cycle, long HostOrganizationId, MeetingDirection Direction, long SchemeId, DateOnly? HeldOn,
    string? Location, IReadOnlyList<NewReporter> Reporters, IReadOnlyList<NewGroupSize>? Groups);

public sealed record GenerateCodes(string? GroupKey, int Count, bool Rehearsal = false);

public sealed record GeneratedCode(string Code, string GroupKey, string GroupName, bool Rehearsal);

public sealed record ScoringTarget(long? ReporterId);

public sealed record SetVeto(string? Reason);

public sealed record ScheduleTalk(DateTime ScheduledAt);

public sealed record CompleteTalk(string Notes);

/// <summary>Preparing and running meetings: every change is checked first, written in one transaction and audited.</summary>
public sealed class MeetingService(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, PiiProtector keys, BallotIntake intake, FileStore files)
{
    public static readonly string[] SlideTypes = [".pdf", ".ppt", ".pptx"];

    public const long MaxSlideBytes = 50L * 1024 * 1024;

    /// <summary>Attaches a reporter's slides (PDF or PowerPoint) and, when given, replaces the report text.</summary>
    public async Task<MeetingReporter> UpdateReportAsync(long meetingId, long reporterId, IFormFile? slides, string? reportText, CancellationToken ct = default)
    {
        var (meeting, path) = await GetAsync(meetingId, ct);
        if (meeting.PublishedAt is not null)
        {
            throw new RuleViolation("结果已发布，述职材料不能再修改");
        }
        var reporter = await db.MeetingReporters.FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.Id == reporterId, ct)
            ?? throw RuleViolation.NotFound($"述职人 {reporterId} 不在本次会议中");
        if (reportText is not null && reportText.Length > 100_000)
        {
            throw RuleViolation.Invalid("述职报告不超过10万字");
        }
        StoredFile? stored = null;
        if (slides is not null)
        {
            stored = await files.SaveAsync(slides, SlideTypes, MaxSlideBytes, ct);
            reporter.SlidesFile = stored.Path;
            reporter.SlidesFileName = stored.FileName.Length > 200 ? stored.FileName[..200] : stored.FileName;
        }
        if (reportText is not null)
        {
            reporter.ReportText = reportText.Trim();
        }
        audit.Record("meeting.report", nameof(MeetingReporter), reporterId, path, new
        {
            meeting = meetingId,
            slides = stored is null ? null : new { stored.FileName, stored.Sha256, stored.Length },
            reportTextLength = reportText?.Length,
        });
        await db.SaveChangesAsync(ct);
        return reporter;
    }

    public async Task<(Stream Content, string FileName)> SlidesAsync(long meetingId, long reporterId, CancellationToken ct = default)
    {
        await GetAsync(meetingId, ct);
        var reporter = await db.MeetingReporters.Where(r => r.MeetingId == meetingId && r.Id == reporterId)
            .Select(r => new { r.SlidesFile, r.SlidesFileName }).FirstOrDefaultAsync(ct);
        return reporter?.SlidesFile is { } file && files.Open(file) is { } stream
            ? (stream, reporter.SlidesFileName ?? Path.GetFileName(file))
            : throw RuleViolation.NotFound("该述职人没有上传述职课件");
    }

    public async Task<Scheme> CreateSchemeAsync(CreateScheme request, CancellationToken ct = default)
    {
        var name = (request.Name ?? string.Empty).Trim();
        if (name.Length is 0 or > 200)
        {
            throw RuleViolation.Invalid("方案名称不能为空，且不超过200个字符");
        }
        if (request.Rules is null)
        {
            throw RuleViolation.Invalid("请提供评议方案的规则");
        }
        if (request.Rules.Validate() is { Count: > 0 } errors)
        {
            throw RuleViolation.Invalid(string.Join(" ", errors));
        }
        var organization = await InScopeAsync(request.OrganizationId, ct);
        var scheme = new Scheme { Name = name, OrganizationId = organization.Id, Rules = RulesJson.Write(request.Rules), CreatedAt = Now };
        db.Schemes.Add(scheme);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("scheme.create", nameof(Scheme), scheme.Id, organization.Path, new { name, rules = request.Rules });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return scheme;
    }

    public async Task<Meeting> CreateMeetingAsync(CreateMeeting request, CancellationToken ct = default)
    {
        var title = (request.Title ?? string.Empty).Trim();
        var cycle = (request.Cycle ?? string.Empty).Trim();
        if (title.Length is 0 or > 200)
        {
            throw RuleViolation.Invalid("会议名称不能为空，且不超过200个字符");
        }
        if (cycle.Length is 0 or > 50)
        {
            throw RuleViolation.Invalid("评议周期不能为空（例如“2026 上半年”），且不超过50个字符");
        }
        if (!Enum.IsDefined(request.Direction))
        {
            throw RuleViolation.Invalid("评议方向无效");
        }
        if (request.Reporters is not { Count: > 0 and <= 500 })
        {
            throw RuleViolation.Invalid("请列出述职人（1 到 500 人）");
        }
        var host = await InScopeAsync(request.HostOrganizationId, ct);
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
            CreatedAt = Now,
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

    /// <summary>Makes one-time codes; the plaintext is returned here once and never stored.</summary>
    public async Task<IReadOnlyList<GeneratedCode>> GenerateCodesAsync(long meetingId, GenerateCodes request, CancellationToken ct = default)
    {
        var (meeting, path) = await GetAsync(meetingId, ct);
        if (meeting.PublishedAt is not null)
        {
            throw new RuleViolation("结果已发布，不能再生成评议码");
        }
        if (request.Count is < 1 or > 2000)
        {
            throw RuleViolation.Invalid("每次生成 1 到 2000 个评议码");
        }
        var groups = await db.MeetingGroups.Where(g => g.MeetingId == meetingId).OrderBy(g => g.Index).ToListAsync(ct);
        var group = request.GroupKey is null && groups.Count == 1 ? groups[0]
            : groups.FirstOrDefault(g => g.Key == request.GroupKey)
              ?? throw RuleViolation.Invalid($"请指定评议组：{string.Join("、", groups.Select(g => $"{g.Key}（{g.Name}）"))}");
        var codes = new List<GeneratedCode>(request.Count);
        var hashes = new HashSet<string>();
        while (codes.Count < request.Count)
        {
            var code = RaterCodeText.New();
            var hash = RaterCodeText.Hash(keys, code);
            if (!hashes.Add(hash) || await db.RaterCodes.AnyAsync(c => c.CodeHash == hash, ct))
            {
                continue;
            }
            db.RaterCodes.Add(new RaterCode { MeetingId = meetingId, GroupId = group.Id, CodeHash = hash, Rehearsal = request.Rehearsal });
            codes.Add(new GeneratedCode(RaterCodeText.Display(code), group.Key, group.Name, request.Rehearsal));
        }
        audit.Record("meeting.codes", nameof(Meeting), meetingId, path, new { group = group.Key, count = request.Count, rehearsal = request.Rehearsal });
        await db.SaveChangesAsync(ct);
        return codes;
    }

    public Task OpenAsync(long meetingId, long? reporterId, CancellationToken ct = default) =>
        ChangeScoringAsync(meetingId, reporterId, open: true, ct);

    public Task CloseAsync(long meetingId, long? reporterId, CancellationToken ct = default) =>
        ChangeScoringAsync(meetingId, reporterId, open: false, ct);

    private async Task ChangeScoringAsync(long meetingId, long? reporterId, bool open, CancellationToken ct)
    {
        var (meeting, path) = await GetAsync(meetingId, ct);
        if (meeting.PublishedAt is not null)
        {
            throw new RuleViolation("结果已发布，评分不能再开启或结束");
        }
        var reporters = await db.MeetingReporters.Where(r => r.MeetingId == meetingId && (reporterId == null || r.Id == reporterId)).ToListAsync(ct);
        if (reporterId is not null && reporters.Count == 0)
        {
            throw RuleViolation.NotFound($"述职人 {reporterId} 不在本次会议中");
        }
        var (from, to) = open ? (ScoringState.Pending, ScoringState.Open) : (ScoringState.Open, ScoringState.Closed);
        var changing = reporters.Where(r => r.State == from).ToList();
        if (changing.Count == 0)
        {
            throw new RuleViolation(open
                ? (reporters.Any(r => r.State == ScoringState.Closed) && reporterId is not null ? "该述职人的评分已经结束，不能重新开启（结果不得在看到后再改变）" : "没有待开启评分的述职人")
                : "没有正在评分的述职人");
        }
        foreach (var r in changing)
        {
            r.State = to;
        }
        if (open && meeting.Stage == MeetingStage.Preparation)
        {
            meeting.Stage = MeetingStage.Scoring;
        }
        if (!open && !meeting.Rehearsal && !await db.MeetingReporters.AnyAsync(r => r.MeetingId == meetingId && r.State != ScoringState.Closed
                && !changing.Select(c => c.Id).Contains(r.Id), ct))
        {
            meeting.Stage = MeetingStage.Assessment;
        }
        audit.Record(open ? "meeting.open" : "meeting.close", nameof(Meeting), meetingId, path,
            new { reporters = changing.Select(r => r.Id), rehearsal = meeting.Rehearsal });
        await db.SaveChangesAsync(ct);
    }

    public async Task SetVetoAsync(long meetingId, long reporterId, string? reason, CancellationToken ct = default)
    {
        var (meeting, path) = await GetAsync(meetingId, ct);
        if (meeting.PublishedAt is not null)
        {
            throw new RuleViolation("结果已发布，不能再设置一票否决");
        }
        var reporter = await db.MeetingReporters.FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.Id == reporterId, ct)
            ?? throw RuleViolation.NotFound($"述职人 {reporterId} 不在本次会议中");
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed?.Length > 500)
        {
            throw RuleViolation.Invalid("否决理由不超过500字");
        }
        var before = reporter.VetoReason;
        reporter.VetoReason = trimmed;
        audit.Record("meeting.veto", nameof(MeetingReporter), reporterId, path, new { meeting = meetingId, before, after = trimmed });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Schedules a talk (约谈); the time is given in UTC or with an offset, and shown in China time.</summary>
    public async Task<Talk> ScheduleTalkAsync(long talkId, ScheduleTalk request, CancellationToken ct = default)
    {
        var (talk, path) = await TalkAsync(talkId, ct);
        if (talk.State == TalkState.Completed)
        {
            throw new RuleViolation("约谈已完成，不能再改期");
        }
        var at = request.ScheduledAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(request.ScheduledAt - ChinaTime.Offset, DateTimeKind.Utc) : request.ScheduledAt.ToUniversalTime();
        var before = talk.ScheduledAt;
        talk.ScheduledAt = at;
        audit.Record("talk.schedule", nameof(Talk), talk.Id, path, new { before, after = at });
        await db.SaveChangesAsync(ct);
        return talk;
    }

    public async Task<Talk> CompleteTalkAsync(long talkId, CompleteTalk request, CancellationToken ct = default)
    {
        var (talk, path) = await TalkAsync(talkId, ct);
        var notes = (request.Notes ?? string.Empty).Trim();
        if (notes.Length is 0 or > 4000)
        {
            throw RuleViolation.Invalid("请填写约谈记录（不超过4000字）");
        }
        if (talk.State == TalkState.Completed)
        {
            throw new RuleViolation("约谈已经完成");
        }
        talk.State = TalkState.Completed;
        talk.CompletedAt = Now;
        talk.Notes = notes;
        audit.Record("talk.complete", nameof(Talk), talk.Id, path, new { notes });
        await db.SaveChangesAsync(ct);
        return talk;
    }

    private async Task<(Talk Talk, string Path)> TalkAsync(long talkId, CancellationToken ct)
    {
        var meetingId = await db.Talks.Where(t => t.Id == talkId).Select(t => (long?)t.MeetingId).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"约谈 {talkId} 不存在或不在您的管理范围内");
        var (_, path) = await GetAsync(meetingId, ct);
        return (await db.Talks.SingleAsync(t => t.Id == talkId, ct), path);
    }

    /// <summary>Starts a rehearsal: only before any real scoring.</summary>
    public async Task StartRehearsalAsync(long meetingId, CancellationToken ct = default)
    {
        var (meeting, path) = await GetAsync(meetingId, ct);
        if (meeting.Stage != MeetingStage.Preparation || meeting.Rehearsal)
        {
            throw new RuleViolation(meeting.Rehearsal ? "会议已在试运行中" : "正式评分已经开始，不能再试运行");
        }
        meeting.Rehearsal = true;
        audit.Record("meeting.rehearsal.start", nameof(Meeting), meetingId, path);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Ends a rehearsal: its ballots, opinions and test codes are deleted and every reporter is pending again.</summary>
    public async Task<int> PurgeRehearsalAsync(long meetingId, CancellationToken ct = default)
    {
        var (meeting, path) = await GetAsync(meetingId, ct);
        if (!meeting.Rehearsal)
        {
            throw new RuleViolation("会议不在试运行中");
        }
        await using var tx = await db.BeginWorkAsync(ct);
        var ballots = await db.Ballots.Where(b => b.MeetingId == meetingId && b.Rehearsal).ExecuteDeleteAsync(ct);
        var opinions = await db.Opinions.Where(o => o.MeetingId == meetingId && o.Rehearsal).ExecuteDeleteAsync(ct);
        var codes = await db.RaterCodes.Where(c => c.MeetingId == meetingId && c.Rehearsal).ExecuteDeleteAsync(ct);
        await db.MeetingReporters.Where(r => r.MeetingId == meetingId).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ScoringState.Pending), ct);
        meeting.Rehearsal = false;
        meeting.Stage = MeetingStage.Preparation;
        audit.Record("meeting.rehearsal.purge", nameof(Meeting), meetingId, path, new { ballots, opinions, codes });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        intake.ForgetCodes(meetingId);
        return ballots;
    }

    public async Task<(Meeting Meeting, string Path)> GetAsync(long meetingId, CancellationToken ct)
    {
        var organizations = await scope.OrganizationsAsync(ct);
        var found = await db.Meetings.Where(m => m.Id == meetingId)
            .Join(organizations, m => m.HostOrganizationId, o => o.Id, (m, o) => new { Meeting = m, o.Path })
            .FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound($"会议 {meetingId} 不存在或不在您的管理范围内");
        return (found.Meeting, found.Path);
    }

    private async Task<Organizations.Organization> InScopeAsync(long organizationId, CancellationToken ct) =>
        await (await scope.OrganizationsAsync(ct)).FirstOrDefaultAsync(o => o.Id == organizationId, ct)
        ?? throw RuleViolation.NotFound($"组织 {organizationId} 不存在或不在您的管理范围内");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    internal static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
