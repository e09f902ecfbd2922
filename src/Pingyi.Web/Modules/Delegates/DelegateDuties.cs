using Microsoft.EntityFrameworkCore;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;

namespace Pingyi.Web.Modules.Delegates;

/// <summary>A delegate's inspection, inquiry or proposal: the delegate, the unit asked to answer, the day, subject and content.</summary>
public sealed record RecordDuty(DutyKind Kind, long PersonId, long AddressedOrganizationId, DateOnly? On, string? Subject, string? Content);

/// <summary>The answering unit's reply: the day and the text.</summary>
public sealed record AnswerDuty(DateOnly? AnsweredOn, string? Answer);

/// <summary>The delegate's follow-up on the answer: satisfied or not, and what was seen.</summary>
public sealed record FollowUpDuty(bool? Satisfied, string? FollowUp);

/// <summary>A proposal made a rectification item of the answering unit: its deadline and measures.</summary>
public sealed record RaiseLedgerItem(DateOnly? Deadline, string? Measures);

/// <summary>A meeting of a committee attended by members: the day, the meeting, how many and who, the matters, their opinions.</summary>
public sealed record RecordObservation(long OrganizationId, DateOnly? On, string? Meeting, int? Observers, string? ObserverNames, string? Matters, string? Opinions);

/// <summary>
/// Delegates' duties (党代表视察、质询、提案) and members attending committee meetings (党员旁听) within the caller's scope: a duty is
/// recorded for a person on record as a party congress delegate, answered by the unit asked (once), followed up by the delegate's
/// verdict after the answer; a proposal may raise one ledger item of the answering unit (through the ledger's own use case). Audited.
/// </summary>
public sealed class DelegateDutiesHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CreateLedgerItemHandler ledger)
{
    private const string Refused = "只有组织部门和乡镇党委的管理员可以登记党代表履职";

    public async Task<DelegateDuty> RecordAsync(RecordDuty request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, Refused);
        var subject = (request.Subject ?? string.Empty).Trim();
        var content = (request.Content ?? string.Empty).Trim();
        new FieldErrors()
            .Check(Enum.IsDefined(request.Kind), "kind", "请选择视察、质询或提案")
            .Check(request.On is { } on && on <= ChinaTime.Today(clock) && Years.Valid(on.Year), "on", "请填写日期（不晚于今天）")
            .Check(subject.Length is > 0 and <= DelegateDuty.SubjectMax, "subject", $"请填写题目（不超过{DelegateDuty.SubjectMax}字）")
            .Check(content.Length is > 0 and <= DelegateDuty.ContentMax, "content", $"请填写内容（不超过{DelegateDuty.ContentMax}字）")
            .ThrowIfAny();
        var path = await scope.PathAsync(ct);
        var person = await db.People.Where(p => p.Id == request.PersonId && p.Organization!.Path.StartsWith(path))
            .Select(p => new { p.Id, p.Name, p.Representatives, p.OrganizationId, p.Organization!.Path }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.NotFound("人员不存在或不在您的管理范围内");
        if (!person.Representatives.HasFlag(RepresentativeRoles.PartyCongress))
        {
            throw RuleViolation.Invalid($"{person.Name}不是党代表：请先在人员信息中登记“党代表”", "personId");
        }
        var addressed = await db.Organizations.Where(o => o.Id == request.AddressedOrganizationId && o.Status == Core.Organizations.OrganizationStatus.Active)
            .Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct) ?? throw RuleViolation.Invalid("请选择承办（答复）单位", "addressedOrganizationId");
        var now = clock.GetUtcNow().UtcDateTime;
        var duty = new DelegateDuty
        {
            Kind = request.Kind, PersonId = person.Id, OrganizationId = person.OrganizationId!.Value, AddressedOrganizationId = addressed.Id, On = request.On!.Value,
            Subject = subject, Content = content, UserName = scope.UserName ?? "system", CreatedAt = now, UpdatedAt = now,
        };
        db.DelegateDuties.Add(duty);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("delegates.record", nameof(DelegateDuty), duty.Id, person.Path,
            new { kind = DelegatesText.Kind(duty.Kind), person = person.Name, addressed = addressed.Name, on = duty.On, subject });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return duty;
    }

    public async Task<DelegateDuty> AnswerAsync(long id, AnswerDuty request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有承办单位所在的组织部门、乡镇党委管理员可以登记答复");
        var duty = await FindAsync(id, addressedOnly: true, ct);
        if (duty.Answer is not null)
        {
            throw new RuleViolation("已经答复");
        }
        var answer = (request.Answer ?? string.Empty).Trim();
        new FieldErrors()
            .Check(request.AnsweredOn is { } on && on >= duty.On && on <= ChinaTime.Today(clock), "answeredOn", $"答复日期应在{ChinaTime.ChineseDate(duty.On)}至今天之间")
            .Check(answer.Length is > 0 and <= DelegateDuty.AnswerMax, "answer", $"请填写答复内容（不超过{DelegateDuty.AnswerMax}字）")
            .ThrowIfAny();
        duty.Answer = answer;
        duty.AnsweredOn = request.AnsweredOn;
        duty.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("delegates.answer", nameof(DelegateDuty), duty.Id, duty.Addressed!.Path, new { duty.Subject, answeredOn = duty.AnsweredOn, answer });
        await db.SaveChangesAsync(ct);
        return duty;
    }

    public async Task<DelegateDuty> FollowUpAsync(long id, FollowUpDuty request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, Refused);
        var duty = await FindAsync(id, addressedOnly: false, ct);
        if (duty.Answer is null)
        {
            throw new RuleViolation("承办单位尚未答复，答复后再登记党代表的意见");
        }
        var followUp = (request.FollowUp ?? string.Empty).Trim();
        new FieldErrors()
            .Check(request.Satisfied is not null, "satisfied", "请选择党代表对答复满意或不满意")
            .Check(followUp.Length is > 0 and <= DelegateDuty.FollowUpMax, "followUp", $"请填写跟踪落实情况（不超过{DelegateDuty.FollowUpMax}字）")
            .ThrowIfAny();
        var before = new { duty.Satisfied, duty.FollowUp };
        duty.Satisfied = request.Satisfied;
        duty.FollowUp = followUp;
        duty.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("delegates.followup", nameof(DelegateDuty), duty.Id, duty.Organization!.Path, new { duty.Subject, satisfied = duty.Satisfied, followUp, before });
        await db.SaveChangesAsync(ct);
        return duty;
    }

    public async Task<DelegateDuty> RaiseAsync(long id, RaiseLedgerItem request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Editors, "只有组织部门和乡镇党委的管理员可以把提案交办为整改事项");
        var duty = await FindAsync(id, addressedOnly: true, ct);
        if (duty.Kind != DutyKind.Proposal)
        {
            throw new RuleViolation("只有提案可以交办为整改事项");
        }
        if (duty.LedgerItemId is not null)
        {
            throw new RuleViolation("这一提案已经交办为整改事项");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var item = await ledger.HandleAsync(new CreateLedgerItem("党代表提案", $"{duty.Subject}：{duty.Content}"[..Math.Min(LedgerItem.DescriptionMax, duty.Subject.Length + 1 + duty.Content.Length)],
            duty.AddressedOrganizationId, null, null, request.Deadline, request.Measures, LedgerSource.DelegateProposal), ct);
        duty.LedgerItemId = item.Id;
        duty.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("delegates.raise", nameof(DelegateDuty), duty.Id, duty.Addressed!.Path, new { duty.Subject, ledgerItem = item.Id });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return duty;
    }

    public async Task<CommitteeObservation> ObserveAsync(RecordObservation request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.BranchWorkers, "只有组织部门、管理员和党组织书记可以登记党员旁听");
        var meeting = (request.Meeting ?? string.Empty).Trim();
        var matters = (request.Matters ?? string.Empty).Trim();
        var names = string.IsNullOrWhiteSpace(request.ObserverNames) ? null : request.ObserverNames.Trim();
        var opinions = string.IsNullOrWhiteSpace(request.Opinions) ? null : request.Opinions.Trim();
        new FieldErrors()
            .Check(request.On is { } on && on <= ChinaTime.Today(clock) && Years.Valid(on.Year), "on", "请填写会议日期（不晚于今天）")
            .Check(meeting.Length is > 0 and <= CommitteeObservation.MeetingMax, "meeting", $"请填写会议名称（不超过{CommitteeObservation.MeetingMax}字）")
            .Check(request.Observers is >= 1 and <= 1000, "observers", "请填写旁听党员人数")
            .Check(names is null || names.Length <= CommitteeObservation.NamesMax, "observerNames", $"旁听党员姓名不超过{CommitteeObservation.NamesMax}字")
            .Check(matters.Length is > 0 and <= CommitteeObservation.MattersMax, "matters", $"请填写研究的事项（不超过{CommitteeObservation.MattersMax}字）")
            .Check(opinions is null || opinions.Length <= CommitteeObservation.OpinionsMax, "opinions", $"旁听意见不超过{CommitteeObservation.OpinionsMax}字")
            .ThrowIfAny();
        var organization = await scope.OrganizationAsync(request.OrganizationId, ct);
        var observation = new CommitteeObservation
        {
            OrganizationId = organization.Id, On = request.On!.Value, Meeting = meeting, Observers = request.Observers!.Value, ObserverNames = names, Matters = matters,
            Opinions = opinions, UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CommitteeObservations.Add(observation);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("delegates.observe", nameof(CommitteeObservation), observation.Id, organization.Path,
            new { organization = organization.Name, on = observation.On, meeting, observers = observation.Observers, matters });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return observation;
    }

    private async Task<DelegateDuty> FindAsync(long id, bool addressedOnly, CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return await db.DelegateDuties.Include(d => d.Organization).Include(d => d.Addressed)
            .FirstOrDefaultAsync(d => d.Id == id && (d.Addressed!.Path.StartsWith(path) || (!addressedOnly && d.Organization!.Path.StartsWith(path))), ct)
            ?? throw RuleViolation.NotFound("履职记录不存在或不在您的管理范围内");
    }
}
