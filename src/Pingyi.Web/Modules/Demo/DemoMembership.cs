using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Membership;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Membership;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's member development (seed 001): residents of the village branches at every stage — applicants (a few not
/// yet talked with after a month), activists (some past their year and ready to be named candidates), candidates partly
/// reviewed and trained, probationary members admitted within the year and members confirmed this year — every step dated
/// in the order and at the distances the rules require, with its document and approver.
/// </summary>
public sealed class DemoMembership(PingyiDbContext db, AuditLog audit, TimeProvider clock, PiiProtector pii)
{
    public async Task GenerateAsync(int seed = 1, CancellationToken ct = default)
    {
        if (await db.MemberDevelopments.AnyAsync(ct))
        {
            return;
        }
        var branches = await db.Organizations.Where(o => o.Status == OrganizationStatus.Active && o.Level == OrganizationLevel.Branch
                && (o.Category == OrganizationCategory.Village || o.Category == OrganizationCategory.Community))
            .OrderBy(o => o.Path).Select(o => new { o.Id, o.Path }).ToListAsync(ct);
        if (branches.Count == 0)
        {
            return;
        }
        var random = new Random(seed + 73);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var periods = DevelopmentPeriods.Default;
        DateOnly Before(DateOnly day, int min, int max) => day.AddDays(-random.Next(min, max + 1));
        var plan = new[] { (DevelopmentStage.Applicant, 120), (DevelopmentStage.Activist, 90), (DevelopmentStage.Candidate, 60), (DevelopmentStage.Probationary, 80), (DevelopmentStage.Full, 40) };
        var sequence = 0;
        await using var work = await db.BeginWorkAsync(ct);
        foreach (var (stage, count) in plan)
        {
            for (var i = 0; i < count; i++)
            {
                var branch = branches[random.Next(branches.Count)];
                var birth = new DateOnly(1985 + random.Next(0, 20), 1 + random.Next(12), 1 + random.Next(28));
                var id = ResidentIdNumber.Create($"41993{sequence / 900 % 10}", birth, 1 + sequence % 900);
                sequence++;
                var person = new Person
                {
                    Name = DemoCounty.PersonName(random), Gender = id.IsMale ? Gender.Male : Gender.Female, IdNumberCipher = pii.Encrypt(id.Value), IdNumberHash = pii.LookupHash(id.Value),
                    MemberStatus = MemberStatus.None, OrganizationId = branch.Id, CreatedAt = now, UpdatedAt = now,
                };
                // Dates back from the stage reached: each step at least as far after the one before as the rules require.
                DateOnly? confirmed = null, admitted = null, approved = null, candidate = null, reviewed = null, trained = null, activist = null, talked = null;
                DateOnly applied;
                switch (stage)
                {
                    case DevelopmentStage.Full:
                        confirmed = Before(today, 0, Math.Max(0, today.DayOfYear - 1));
                        admitted = confirmed.Value.AddYears(-periods.ProbationYears).AddDays(-random.Next(0, 20));
                        break;
                    case DevelopmentStage.Probationary:
                        admitted = Before(today, 10, 340);
                        break;
                }
                if (admitted is { } a)
                {
                    approved = a.AddDays(random.Next(5, 60));
                    if (approved > today)
                    {
                        approved = today;
                    }
                    candidate = Before(a, 40, 120);
                    reviewed = candidate.Value.AddDays(random.Next(5, 20));
                    trained = candidate.Value.AddDays(random.Next(10, 30));
                }
                else if (stage == DevelopmentStage.Candidate)
                {
                    candidate = Before(today, 5, 150);
                    reviewed = random.Next(10) < 7 && candidate.Value.AddDays(10) <= today ? candidate.Value.AddDays(10) : null;
                    trained = random.Next(10) < 6 && candidate.Value.AddDays(20) <= today ? candidate.Value.AddDays(20) : null;
                }
                if (candidate is { } c)
                {
                    activist = c.AddYears(-periods.ActivistYears).AddDays(-random.Next(0, 90));
                }
                else if (stage == DevelopmentStage.Activist)
                {
                    activist = Before(today, 30, 450);
                }
                if (activist is { } act)
                {
                    talked = Before(act, 20, 120);
                    applied = Before(talked.Value, 5, 25);
                }
                else
                {
                    applied = Before(today, 3, 200);
                    talked = random.Next(10) < 8 && applied.AddDays(20) <= today ? applied.AddDays(random.Next(5, 20)) : null;
                }
                if (admitted is not null)
                {
                    person.MemberStatus = confirmed is null ? MemberStatus.Probationary : MemberStatus.Full;
                    person.JoinedOn = admitted;
                    person.ConfirmedOn = confirmed;
                }
                var record = new MemberDevelopment
                {
                    Person = person, OrganizationId = branch.Id, Stage = stage, AppliedOn = applied, TalkedOn = talked, ActivistOn = activist,
                    Contacts = activist is null ? null : $"{DemoCounty.PersonName(random)}、{DemoCounty.PersonName(random)}", CandidateOn = candidate, ReviewedOn = reviewed,
                    TrainingDays = trained is null ? 0 : 3, TrainingHours = trained is null ? 0 : 24, AdmittedOn = admitted, ApprovedOn = approved, ConfirmedOn = confirmed, CreatedAt = now,
                    Groups = PriorityGroupNames.All[random.Next(PriorityGroupNames.All.Count)].Group,
                };
                void Entry(DevelopmentStep step, DateOnly? on, string document, string approver)
                {
                    if (on is { } day)
                    {
                        record.Entries.Add(new DevelopmentEntry { Step = step, On = day, Document = document, ApprovedBy = approver, UserName = "demo", At = now });
                    }
                }
                Entry(DevelopmentStep.Apply, applied, "入党申请书", "支部书记");
                Entry(DevelopmentStep.Talk, talked, "谈话记录", "支部组织委员");
                Entry(DevelopmentStep.Activist, activist, "支部委员会会议记录", "支部委员会");
                Entry(DevelopmentStep.Candidate, candidate, "支部委员会会议记录", "支部委员会");
                Entry(DevelopmentStep.Review, reviewed, "政治审查报告", "乡镇党委组织委员");
                Entry(DevelopmentStep.Training, trained, "集中培训结业证书", "县委党校");
                Entry(DevelopmentStep.Admit, admitted, "支部大会会议记录", "乡镇党委");
                Entry(DevelopmentStep.Confirm, confirmed, "支部大会转正决议", "乡镇党委");
                db.MemberDevelopments.Add(record);
            }
        }
        await db.SaveChangesAsync(ct);
        audit.Record("membership.apply", nameof(MemberDevelopment), null, "/", new { demo = true, records = plan.Sum(p => p.Item2) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
