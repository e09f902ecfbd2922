using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Membership;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Membership;

/// <summary>The stage durations of member development (configuration <c>Membership</c>), the rules' defaults.</summary>
public sealed class MembershipOptions
{
    public int TalkWithinDays { get; set; } = 30;

    public int ActivistYears { get; set; } = 1;

    public int TrainingDays { get; set; } = 3;

    public int TrainingHours { get; set; } = 24;

    public int ApprovalWithinMonths { get; set; } = 3;

    public int ProbationYears { get; set; } = 1;

    public DevelopmentPeriods Periods => new(TalkWithinDays, ActivistYears, TrainingDays, TrainingHours, ApprovalWithinMonths, ProbationYears);
}

/// <summary>A written application (入党申请书) of a person on record who is not a member: the day, the document, who received it, the priority groups.</summary>
public sealed record StartDevelopment(long PersonId, DateOnly? AppliedOn, string? Document, string? ApprovedBy, PriorityGroups Groups = PriorityGroups.None, string? Note = null);

/// <summary>
/// A step of a development record: the day, its document and who approved it; an activist's two contacts, a training's days
/// or class hours, an admission's approval by the committee above.
/// </summary>
public sealed record RecordDevelopmentStep(DevelopmentStep Step, DateOnly? On, string? Document, string? ApprovedBy, string? Contacts = null,
    DateOnly? ApprovedOn = null, int TrainingDays = 0, decimal TrainingHours = 0, string? Note = null);

/// <summary>
/// Records member development within the caller's scope: the application opens a record, each step is checked by Core
/// <see cref="DevelopmentRules"/> (a step too early refused with its rule and the day it becomes possible), the admission
/// makes the person a probationary member of the branch and the confirmation a full member; every step audited with it.
/// </summary>
public sealed class RecordDevelopmentHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, IOptions<MembershipOptions> options)
{
    private const string Refused = "只有组织部门、乡镇党委和党支部可以登记发展党员";

    public async Task<MemberDevelopment> StartAsync(StartDevelopment request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.MembershipKeepers, Refused);
        var today = ChinaTime.Today(clock);
        var (document, approvedBy, note) = Check(request.AppliedOn, request.Document, request.ApprovedBy, request.Note, today, "appliedOn");
        var path = await scope.PathAsync(ct);
        var person = await db.People.Where(p => p.Id == request.PersonId && p.Organization!.Path.StartsWith(path))
            .Select(p => new { p.Id, p.Name, p.MemberStatus, p.OrganizationId, p.Organization!.Path })
            .FirstOrDefaultAsync(ct) ?? throw RuleViolation.NotFound("人员不存在或不在您的管理范围内");
        if (person.MemberStatus != MemberStatus.None)
        {
            throw RuleViolation.Invalid($"{person.Name}已经是党员", "personId");
        }
        if (await db.MemberDevelopments.AnyAsync(d => d.PersonId == person.Id && d.Stage != DevelopmentStage.Full, ct))
        {
            throw new RuleViolation($"{person.Name}已有在培养中的入党记录");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new MemberDevelopment
        {
            PersonId = person.Id, OrganizationId = person.OrganizationId!.Value, Stage = DevelopmentStage.Applicant, Groups = request.Groups,
            AppliedOn = request.AppliedOn!.Value, CreatedAt = now,
        };
        record.Entries.Add(new DevelopmentEntry { Step = DevelopmentStep.Apply, On = record.AppliedOn, Document = document, ApprovedBy = approvedBy, Note = note, UserName = scope.UserName ?? "system", At = now });
        db.MemberDevelopments.Add(record);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record("membership.apply", nameof(MemberDevelopment), record.Id, person.Path,
            new { person = person.Name, on = record.AppliedOn, document, approvedBy, groups = request.Groups.Chinese() });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return record;
    }

    public async Task<MemberDevelopment> StepAsync(long id, RecordDevelopmentStep request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.MembershipKeepers, Refused);
        var today = ChinaTime.Today(clock);
        var (document, approvedBy, note) = Check(request.On, request.Document, request.ApprovedBy, request.Note, today, "on");
        var path = await scope.PathAsync(ct);
        var record = await db.MemberDevelopments.Include(d => d.Person).Include(d => d.Organization)
            .FirstOrDefaultAsync(d => d.Id == id && d.Organization!.Path.StartsWith(path), ct)
            ?? throw RuleViolation.NotFound("入党培养记录不存在或不在您的管理范围内");
        if (request.Step == DevelopmentStep.Apply || DevelopmentRules.From(request.Step) != record.Stage)
        {
            throw new RuleViolation(DevelopmentRules.WrongStage(record.Stage, request.Step));
        }
        var contacts = (request.Contacts ?? string.Empty).Trim();
        if (request.Step == DevelopmentStep.Activist
            && (contacts.Length > MemberDevelopment.ContactsMax || contacts.Split(['、', '，', ',', ' '], StringSplitOptions.RemoveEmptyEntries).Length < 2))
        {
            throw RuleViolation.Invalid($"请填写两名正式党员作培养联系人，用顿号分隔（不超过{MemberDevelopment.ContactsMax}字）", "contacts");
        }
        var on = request.On!.Value;
        if (DevelopmentRules.Refusal(record.Dates, request.Step, on, today, options.Value.Periods, request.ApprovedOn, request.TrainingDays, request.TrainingHours) is { } refusal)
        {
            var field = request.Step switch
            {
                DevelopmentStep.Training when refusal.PossibleOn is null => "trainingDays",
                DevelopmentStep.Admit when refusal.Message.Contains("审批", StringComparison.Ordinal) => "approvedOn",
                _ => "on",
            };
            throw RuleViolation.Invalid(refusal.Message, field);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var person = record.Person!;
        switch (request.Step)
        {
            case DevelopmentStep.Talk: record.TalkedOn = on; break;
            case DevelopmentStep.Activist: record.ActivistOn = on; record.Contacts = contacts; break;
            case DevelopmentStep.Candidate: record.CandidateOn = on; break;
            case DevelopmentStep.Review: record.ReviewedOn = on; break;
            case DevelopmentStep.Training: record.TrainingDays = request.TrainingDays; record.TrainingHours = request.TrainingHours; break;
            case DevelopmentStep.Admit:
                record.AdmittedOn = on;
                record.ApprovedOn = request.ApprovedOn;
                person.MemberStatus = MemberStatus.Probationary;
                person.JoinedOn = on;
                person.UpdatedAt = now;
                break;
            case DevelopmentStep.Confirm:
                record.ConfirmedOn = on;
                person.MemberStatus = MemberStatus.Full;
                person.ConfirmedOn = on;
                person.UpdatedAt = now;
                break;
        }
        record.Stage = DevelopmentRules.After(record.Stage, request.Step);
        record.Entries.Add(new DevelopmentEntry { Step = request.Step, On = on, Document = document, ApprovedBy = approvedBy, Note = note, UserName = scope.UserName ?? "system", At = now });
        audit.Record("membership." + request.Step.ToString().ToLowerInvariant(), nameof(MemberDevelopment), record.Id, record.Organization!.Path,
            new { person = person.Name, step = DevelopmentRules.StepName(request.Step), on, document, approvedBy, stage = DevelopmentRules.Name(record.Stage),
                contacts = request.Step == DevelopmentStep.Activist ? contacts : null, approvedOn = request.ApprovedOn,
                training = request.Step == DevelopmentStep.Training ? new { days = request.TrainingDays, hours = request.TrainingHours } : null });
        await db.SaveChangesAsync(ct);
        return record;
    }

    private static (string Document, string ApprovedBy, string? Note) Check(DateOnly? on, string? document, string? approvedBy, string? note, DateOnly today, string dateField)
    {
        var d = (document ?? string.Empty).Trim();
        var a = (approvedBy ?? string.Empty).Trim();
        var n = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        new FieldErrors()
            .Check(on is not null, dateField, "请填写日期")
            .Check(on is null || (Years.Valid(on.Value.Year) && on <= today), dateField, "日期不能晚于今天")
            .Check(d.Length is > 0 and <= DevelopmentEntry.DocumentMax, "document", $"请填写依据的材料，如入党申请书、支部委员会会议记录（不超过{DevelopmentEntry.DocumentMax}字）")
            .Check(a.Length is > 0 and <= DevelopmentEntry.ApproverMax, "approvedBy", $"请填写经办或批准人（不超过{DevelopmentEntry.ApproverMax}字）")
            .Check(n is null || n.Length <= DevelopmentEntry.NoteMax, "note", $"备注不超过{DevelopmentEntry.NoteMax}字")
            .ThrowIfAny();
        return (d, a, n);
    }
}
