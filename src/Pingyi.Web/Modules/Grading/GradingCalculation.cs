using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Grading;
using Pingyi.Web.Data;

namespace Pingyi.Web.Modules.Grading;

/// <summary>One graded organization of a year's calculation: who, its outcome, and the veto's reason when one holds.</summary>
public sealed record GradedOrganization(long OrganizationId, string Code, string Name, string Path, GradingOutcome Outcome, string? VetoReason);

/// <summary>
/// A year's grading of the caller's subtree: reads every graded organization's inputs and vetoes in two queries and
/// grades them together with the engine in Core (<see cref="Core.Grading.Grading.Assign"/>). The preview and the
/// publication both run it, so what was previewed is what is published.
/// </summary>
public sealed class GradingCalculation(PingyiDbContext db, GradingAccess access)
{
    public async Task<IReadOnlyList<GradedOrganization>> RunAsync(int year, GradingRules rules, CancellationToken ct)
    {
        var organizations = await (await access.GradedAsync(ct)).OrderBy(o => o.Path)
            .Select(o => new { o.Id, o.Code, o.Name, o.Path }).ToListAsync(ct);
        var index = new Dictionary<long, int>(organizations.Count);
        for (var i = 0; i < organizations.Count; i++)
        {
            index[organizations[i].Id] = i;
        }
        var inputs = await ReadInputsAsync(year, index, ct);
        var vetoes = new string?[organizations.Count];
        var graded = await access.GradedAsync(ct);
        foreach (var veto in await db.GradingVetoes.Where(v => v.Year == year && graded.Any(o => o.Id == v.OrganizationId))
                     .OrderBy(v => v.Id).Select(v => new { v.OrganizationId, v.Reason }).ToListAsync(ct))
        {
            var i = index[veto.OrganizationId];
            vetoes[i] = vetoes[i] is null ? veto.Reason : vetoes[i] + "；" + veto.Reason;
        }
        var outcomes = Core.Grading.Grading.Assign(rules, inputs, [.. vetoes.Select(v => v is not null)]);
        var result = new GradedOrganization[organizations.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var o = organizations[i];
            result[i] = new(o.Id, o.Code, o.Name, o.Path, outcomes[i], vetoes[i]);
        }
        return result;
    }

    /// <summary>Every input of the year for the organizations of <paramref name="index"/>, as one streamed read.</summary>
    public async Task<GradingInput[][]> ReadInputsAsync(int year, IReadOnlyDictionary<long, int> index, CancellationToken ct)
    {
        var lists = new List<GradingInput>?[index.Count];
        var rows = db.GradingInputs.AsNoTracking().Where(x => x.Year == year)
            .Select(x => new { x.OrganizationId, x.Kind, x.Period, x.Score }).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (index.TryGetValue(row.OrganizationId, out var i))
            {
                (lists[i] ??= new(17)).Add(new GradingInput(row.Kind, row.Period, row.Score));
            }
        }
        return [.. lists.Select(l => l?.ToArray() ?? [])];
    }
}
