using Microsoft.EntityFrameworkCore;
using Pingyi.Core.OpenAffairs;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.OpenAffairs;

public sealed record DecisionFilter(DecisionState? State = null, string? Q = null, int? Page = null, int? PageSize = null);

public sealed record DecisionRow(long Id, long OrganizationId, string Village, string? Township, string Title, DateOnly ProposedOn, string Procedure, int StepsDone, int StepCount,
    string? Next, DecisionState State, DateOnly? PublishedOn, string? Power);

public sealed record DecisionStepView(int Index, string Name, DecisionStepKind Kind, DateOnly On, string Minutes, int? Entitled, int? Present, int? For, int? Against, int? Abstain,
    bool? Passed, string? Place, string UserName);

public sealed record NextStep(int Index, string Name, DecisionStepKind Kind);

public sealed record DecisionView(long Id, long OrganizationId, string Village, string Title, string Matter, string? Power, string Procedure, IReadOnlyList<string> StepNames,
    DecisionState State, IReadOnlyList<DecisionStepView> Steps, NextStep? Next, string? Result, DateOnly? PublishedOn);

/// <summary>One township's (or the total's) decisions of a year: proposed, in progress, not passed, completed, and those whose resolution was published.</summary>
public sealed record DecisionCount(long OrganizationId, string Name, int Proposed, int InProgress, int NotPassed, int Completed, int Published);

public sealed record DecisionSummary(int Year, DecisionCount Total, IReadOnlyList<DecisionCount> Rows);

public sealed record PowerRow(long Id, int Number, string Name, string Category, string Procedure, string? Basis, bool NeedsDecision, bool Retired, int Decisions);

/// <summary>A published decision as residents see it: no names of people, the votes as numbers.</summary>
public sealed record PublicDecision(string Village, string? Township, string Title, string Matter, string? Power, DateOnly PublishedOn, string? Place,
    IReadOnlyList<PublicVote> Votes, string? Result, DateOnly? ResultOn);

/// <summary>A meeting's vote as published: the step, its day and the numbers — no minutes, no names.</summary>
public sealed record PublicVote(string Step, DateOnly On, int Entitled, int Present, int For, int Against, int Abstain, bool Passed);

public sealed record PublicOpenAffairs(IReadOnlyList<PublicDecision> Decisions, IReadOnlyList<OpennessView> Ratings, IReadOnlyList<PowerRow> Powers);

/// <summary>Village decisions, the micro-power list and openness ratings: within the caller's scope, or the published part for the public board.</summary>
public sealed class OpenAffairsQueries(PingyiDbContext db, Scope scope)
{
    private async Task<IQueryable<VillageDecision>> InScopeAsync(CancellationToken ct)
    {
        var path = await scope.PathAsync(ct);
        return db.VillageDecisions.Where(d => d.Organization!.Path.StartsWith(path));
    }

    public async Task<Paged<DecisionRow>> ListAsync(DecisionFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 50);
        var query = await InScopeAsync(ct);
        if (filter.State is { } state)
        {
            query = query.Where(d => d.State == state);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(d => d.Title.Contains(q) || d.Organization!.Name.Contains(q));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(d => d.ProposedOn).ThenByDescending(d => d.Id).Skip((page - 1) * size).Take(size)
            .Select(d => new { d.Id, d.OrganizationId, Village = d.Organization!.Name, Township = d.Organization.Parent!.Name, d.Title, d.ProposedOn, d.ProcedureName, d.ProcedureSteps,
                d.StepsDone, d.State, d.PublishedOn, Power = d.Power!.Name })
            .ToListAsync(ct);
        return new Paged<DecisionRow>([.. rows.Select(d =>
        {
            var procedure = DecisionProcedure.Deserialize(d.ProcedureName, d.ProcedureSteps);
            var next = d.State == DecisionState.InProgress ? procedure.Next(d.StepsDone)?.Name : null;
            return new DecisionRow(d.Id, d.OrganizationId, d.Village, d.Township, d.Title, d.ProposedOn, d.ProcedureName, d.StepsDone, procedure.Steps.Count, next, d.State,
                d.PublishedOn, d.Power);
        })], page, size, total);
    }

    public async Task<DecisionView> DetailsAsync(long id, CancellationToken ct = default)
    {
        var d = await (await InScopeAsync(ct)).AsNoTracking().Include(x => x.Steps).Include(x => x.Power).Include(x => x.Organization)
            .FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw RuleViolation.NotFound("村级重大事项决策不存在或不在您的管理范围内");
        var procedure = d.Procedure();
        var next = d.State == DecisionState.InProgress && procedure.Next(d.StepsDone) is { } n ? new NextStep(d.StepsDone, n.Name, n.Kind) : null;
        return new DecisionView(d.Id, d.OrganizationId, d.Organization!.Name, d.Title, d.Matter, d.Power is null ? null : $"{d.Power.Number}. {d.Power.Name}", d.ProcedureName,
            [.. procedure.Steps.Select(s => s.Name)], d.State, [.. d.Steps.OrderBy(s => s.Index).Select(View)], next, d.Result, d.PublishedOn);
    }

    /// <summary>The year's decisions of the caller's organization and of each organization under it that has any.</summary>
    public async Task<DecisionSummary> SummaryAsync(int year, CancellationToken ct = default)
    {
        var (root, children) = await scope.RootAndChildrenAsync(null, ct);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var decisions = await (await InScopeAsync(ct)).Where(d => d.ProposedOn >= from && d.ProposedOn <= to)
            .Select(d => new { d.Organization!.Path, d.State, d.PublishedOn }).ToListAsync(ct);
        DecisionCount Count(long id, string name, string path)
        {
            var of = decisions.Where(d => d.Path.StartsWith(path, StringComparison.Ordinal)).ToList();
            return new DecisionCount(id, name, of.Count, of.Count(d => d.State == DecisionState.InProgress), of.Count(d => d.State == DecisionState.NotPassed),
                of.Count(d => d.State == DecisionState.Completed), of.Count(d => d.PublishedOn is not null));
        }
        return new DecisionSummary(year, Count(root.Id, root.Name, root.Path), [.. children.Select(c => Count(c.Id, c.Name, c.Path)).Where(c => c.Proposed > 0)]);
    }

    public async Task<IReadOnlyList<PowerRow>> PowersAsync(bool retired = false, CancellationToken ct = default) =>
        await db.MicroPowers.Where(p => retired || !p.Retired).OrderBy(p => p.Number)
            .Select(p => new PowerRow(p.Id, p.Number, p.Name, p.Category, p.Procedure, p.Basis, p.NeedsDecision, p.Retired, db.VillageDecisions.Count(d => d.PowerId == p.Id)))
            .ToListAsync(ct);

    /// <summary>The openness ratings of the caller's scope, the latest year first, each with its rates once published (Core <see cref="SatisfactionRates"/>).</summary>
    public async Task<IReadOnlyList<OpennessView>> RatingsAsync(CancellationToken ct = default) => await RatingsAsync(await scope.PathAsync(ct), ct);

    /// <summary>What the public board shows: resolutions published (with the votes as numbers and the result once published), published ratings, the list.</summary>
    public async Task<PublicOpenAffairs> PublicAsync(CancellationToken ct = default)
    {
        var decisions = await db.VillageDecisions.AsNoTracking().Where(d => d.PublishedOn != null).OrderByDescending(d => d.PublishedOn).ThenByDescending(d => d.Id).Take(200)
            .Select(d => new { d.Organization!.Name, Township = d.Organization.Parent!.Name, d.Organization.Path, d.Title, d.Matter, Power = d.Power!.Name, d.PublishedOn, d.Result,
                Steps = d.Steps.OrderBy(s => s.Index).ToList() })
            .ToListAsync(ct);
        var published = decisions.Select(d =>
        {
            var resolution = d.Steps.First(s => s.Kind == DecisionStepKind.ResolutionPublished);
            var result = d.Steps.FirstOrDefault(s => s.Kind == DecisionStepKind.ResultPublished);
            return new PublicDecision(d.Name, d.Township, d.Title, d.Matter, d.Power, d.PublishedOn!.Value, resolution.Place, [.. d.Steps.Where(s => s.Passed is not null)
                .Select(s => new PublicVote(s.Name, s.On, s.Entitled ?? 0, s.Present ?? 0, s.For ?? 0, s.Against ?? 0, s.Abstain ?? 0, s.Passed == true))],
                d.Result, result?.On);
        }).OrderBy(d => d.Township, StringComparer.Ordinal).ThenBy(d => d.Village, StringComparer.Ordinal).ThenByDescending(d => d.PublishedOn).ToList();
        var ratings = (await RatingsAsync("/", ct)).Where(r => r.Published).ToList();
        return new PublicOpenAffairs(published, ratings, await PowersAsync(false, ct));
    }

    private async Task<IReadOnlyList<OpennessView>> RatingsAsync(string path, CancellationToken ct)
    {
        var ratings = await db.OpennessRatings.Where(r => r.Organization!.Path.StartsWith(path))
            .Join(db.Meetings, r => r.MeetingId, m => m.Id, (r, m) => new { r.Id, r.Year, r.OrganizationId, Village = r.Organization!.Name, Township = r.Organization.Parent!.Name,
                r.MeetingId, m.HeldOn, m.PublishedAt, Expected = db.MeetingGroups.Where(g => g.MeetingId == m.Id).Sum(g => g.ExpectedRaters) })
            .ToListAsync(ct);
        var counts = await SurveyAnswers.CountAsync(db, [.. ratings.Where(r => r.PublishedAt is not null).Select(r => r.MeetingId)], ct);
        var rates = new Dictionary<(long, int), decimal?>();
        var views = new List<OpennessView>();
        foreach (var r in ratings.OrderBy(r => r.Year))
        {
            SatisfactionResult? result = null;
            if (r.PublishedAt is not null)
            {
                result = SatisfactionRates.Compute(counts[r.MeetingId], rates.GetValueOrDefault((r.OrganizationId, r.Year - 1)));
                rates[(r.OrganizationId, r.Year)] = result.SatisfactionRate;
            }
            views.Add(new OpennessView(r.Id, r.Year, r.OrganizationId, r.Village, r.Township ?? string.Empty, r.MeetingId, r.HeldOn, r.Expected, r.PublishedAt is not null, result));
        }
        return [.. views.OrderByDescending(v => v.Year).ThenBy(v => v.Township, StringComparer.Ordinal).ThenBy(v => v.Village, StringComparer.Ordinal)];
    }

    private static DecisionStepView View(VillageDecisionStep s) =>
        new(s.Index, s.Name, s.Kind, s.On, s.Minutes, s.Entitled, s.Present, s.For, s.Against, s.Abstain, s.Passed, s.Place, s.UserName);
}
