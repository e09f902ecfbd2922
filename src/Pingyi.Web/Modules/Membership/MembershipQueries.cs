using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.Membership;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Membership;

public sealed record DevelopmentFilter(DevelopmentStage? Stage = null, string? Q = null, int? Page = null, int? PageSize = null);

public sealed record DevelopmentRow(long Id, long PersonId, string Name, string Organization, DevelopmentStage Stage, PriorityGroups Groups, DateOnly AppliedOn,
    DateOnly LastOn, bool TalkLate);

public sealed record DevelopmentEntryView(DevelopmentStep Step, DateOnly On, string Document, string ApprovedBy, string? Note, string UserName, DateTime At);

/// <summary>A step the record can take now or later: the first day the rules allow it (null: any day from the last step).</summary>
public sealed record NextStep(DevelopmentStep Step, DateOnly? PossibleFrom);

public sealed record DevelopmentView(long Id, long PersonId, string Name, long OrganizationId, string Organization, DevelopmentStage Stage, PriorityGroups Groups,
    string? Contacts, int TrainingDays, decimal TrainingHours, DateOnly? ApprovedOn, IReadOnlyList<DevelopmentEntryView> Entries, IReadOnlyList<NextStep> Next,
    DateOnly? TalkDue);

/// <summary>The pipeline in scope: records at each stage now, and the year's admissions and confirmations.</summary>
public sealed record Pipeline(int Year, IReadOnlyDictionary<DevelopmentStage, int> AtStage, int AdmittedInYear, int ConfirmedInYear);

/// <summary>Development records within the caller's scope: the pipeline, the list, one record with its steps and what comes next, a person's history.</summary>
public sealed class MembershipQueries(PingyiDbContext db, Scope scope, TimeProvider clock, IOptions<MembershipOptions> options)
{
    private async Task<IQueryable<MemberDevelopment>> InScopeAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.MemberDevelopments.Where(d => d.Organization!.Path.StartsWith(path));
    }

    public async Task<Pipeline> PipelineAsync(int year, CancellationToken ct = default)
    {
        var records = await InScopeAsync(ct);
        var counts = await records.GroupBy(d => d.Stage).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return new Pipeline(year, Enum.GetValues<DevelopmentStage>().ToDictionary(s => s, s => counts.GetValueOrDefault(s)),
            await records.CountAsync(d => d.AdmittedOn >= first && d.AdmittedOn <= last, ct), await records.CountAsync(d => d.ConfirmedOn >= first && d.ConfirmedOn <= last, ct));
    }

    public async Task<Paged<DevelopmentRow>> ListAsync(DevelopmentFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 50);
        var query = await InScopeAsync(ct);
        if (filter.Stage is { } stage)
        {
            query = query.Where(d => d.Stage == stage);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(d => d.Person!.Name.Contains(q) || d.Organization!.Name.Contains(q));
        }
        var talkBy = ChinaTime.Today(clock).AddDays(-options.Value.TalkWithinDays);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(d => d.Stage).ThenBy(d => d.Organization!.Path).ThenBy(d => d.AppliedOn).ThenBy(d => d.Id).Skip((page - 1) * size).Take(size)
            .Select(d => new DevelopmentRow(d.Id, d.PersonId, d.Person!.Name, d.Organization!.Name, d.Stage, d.Groups, d.AppliedOn,
                d.ConfirmedOn ?? d.AdmittedOn ?? d.CandidateOn ?? d.ActivistOn ?? d.TalkedOn ?? d.AppliedOn, d.TalkedOn == null && d.AppliedOn < talkBy))
            .ToListAsync(ct);
        return new Paged<DevelopmentRow>(rows, page, size, total);
    }

    public async Task<DevelopmentView> DetailsAsync(long id, CancellationToken ct = default)
    {
        var d = await (await InScopeAsync(ct)).Include(x => x.Entries).Include(x => x.Person).Include(x => x.Organization).AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw RuleViolation.NotFound("入党培养记录不存在或不在您的管理范围内");
        var periods = options.Value.Periods;
        IEnumerable<NextStep> Next() => d.Stage switch
        {
            DevelopmentStage.Applicant when d.TalkedOn is null => [new(DevelopmentStep.Talk, d.AppliedOn)],
            DevelopmentStage.Applicant => [new(DevelopmentStep.Activist, d.TalkedOn)],
            DevelopmentStage.Activist => [new(DevelopmentStep.Candidate, d.ActivistOn!.Value.AddYears(periods.ActivistYears))],
            DevelopmentStage.Candidate => [
                .. d.ReviewedOn is null ? [new NextStep(DevelopmentStep.Review, d.CandidateOn)] : Array.Empty<NextStep>(),
                .. d.TrainingDays < periods.TrainingDays && d.TrainingHours < periods.TrainingHours ? [new NextStep(DevelopmentStep.Training, d.CandidateOn)] : Array.Empty<NextStep>(),
                new(DevelopmentStep.Admit, d.CandidateOn)],
            DevelopmentStage.Probationary => [new(DevelopmentStep.Confirm, d.AdmittedOn!.Value.AddYears(periods.ProbationYears))],
            _ => [],
        };
        return new DevelopmentView(d.Id, d.PersonId, d.Person!.Name, d.OrganizationId, d.Organization!.Name, d.Stage, d.Groups, d.Contacts, d.TrainingDays, d.TrainingHours,
            d.ApprovedOn, [.. d.Entries.OrderBy(e => e.On).ThenBy(e => e.Id).Select(e => new DevelopmentEntryView(e.Step, e.On, e.Document, e.ApprovedBy, e.Note, e.UserName, e.At))],
            [.. Next()], d.TalkedOn is null ? DevelopmentRules.TalkDue(d.AppliedOn, periods) : null);
    }

    /// <summary>A person's development records with their steps, for the person's page (within scope).</summary>
    public async Task<IReadOnlyList<DevelopmentView>> OfPersonAsync(long personId, CancellationToken ct = default)
    {
        var ids = await (await InScopeAsync(ct)).Where(d => d.PersonId == personId).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
        var views = new List<DevelopmentView>();
        foreach (var id in ids)
        {
            views.Add(await DetailsAsync(id, ct));
        }
        return views;
    }
}
