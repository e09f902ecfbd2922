using Microsoft.EntityFrameworkCore;
using System.Data.Common;
using Pingyi.Core.Grading;
using Pingyi.Web.Data;

namespace Pingyi.Web.Modules.Grading;

/// <summary>One graded organization of a year's calculation: which (its path places it under a township), its outcome, the veto's reason when one holds.</summary>
public sealed record GradedOrganization(long OrganizationId, string Path, GradingOutcome Outcome, string? VetoReason);

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
            .Select(o => new { o.Id, o.Path }).ToListAsync(ct);
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
            result[i] = new(o.Id, o.Path, outcomes[i], vetoes[i]);
        }
        return result;
    }

    /// <summary>
    /// Every input of the year for the organizations of <paramref name="index"/>. A province's year is 1.7 million rows: the
    /// kind, the period and the score (in whole hundredths: scores have at most two places) come back as one number, so no row becomes
    /// an entity and no decimal is parsed from SQLite's text; above a county's size the organizations are read in id ranges
    /// on one connection per core at once (bench: grading).
    /// </summary>
    public async Task<GradingInput[][]> ReadInputsAsync(int year, IReadOnlyDictionary<long, int> index, CancellationToken ct)
    {
        var lists = new List<GradingInput>?[index.Count];
        var parts = index.Count < 20_000 ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);
        if (parts == 1)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await ReadRangeAsync(db.Database.GetDbConnection(), year, long.MinValue, long.MaxValue, index, lists, ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            // Ranges of equal numbers of organizations; each on its own connection, reading only (SQLite's WAL lets readers run together).
            var ids = index.Keys.Order().ToArray();
            var bounds = Enumerable.Range(0, parts + 1).Select(p => p == parts ? long.MaxValue : ids[(int)((long)ids.Length * p / parts)]).ToArray();
            var template = db.Database.GetDbConnection();
            var connectionString = db.Database.GetConnectionString();
            await Task.WhenAll(Enumerable.Range(0, parts).Select(p => Task.Run(async () =>
            {
                await using var connection = (DbConnection)Activator.CreateInstance(template.GetType())!;
                connection.ConnectionString = connectionString;
                await connection.OpenAsync(ct);
                await ReadRangeAsync(connection, year, bounds[p], bounds[p + 1] - (p == parts - 1 ? 0 : 1), index, lists, ct);
            }, ct)));
        }
        return [.. lists.Select(l => l?.ToArray() ?? [])];
    }

    /// <summary>The inputs of the organizations with ids from <paramref name="first"/> to <paramref name="last"/>, into their lists (the ranges never share an organization).</summary>
    private static async Task ReadRangeAsync(DbConnection connection, int year, long first, long last, IReadOnlyDictionary<long, int> index,
        List<GradingInput>?[] lists, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT "OrganizationId",
                   (CASE "Kind" WHEN '{nameof(GradingInputKind.Monthly)}' THEN 0 WHEN '{nameof(GradingInputKind.Quarterly)}' THEN 1 ELSE 2 END * 100 + "Period") * 100000
                   + CAST(ROUND("Score" * 100) AS BIGINT)
            FROM "GradingInputs" WHERE "Year" = @year AND "OrganizationId" BETWEEN @first AND @last
            """;
        foreach (var (name, value) in new (string, object)[] { ("@year", year), ("@first", first), ("@last", last) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (index.TryGetValue(reader.GetInt64(0), out var i))
            {
                // One number per row, (kind × 100 + period) × 100,000 + hundredths: one column to cross from the database instead of three.
                var packed = reader.GetInt64(1);
                var (slot, hundredths) = Math.DivRem(packed, 100_000);
                (lists[i] ??= new(17)).Add(new GradingInput((GradingInputKind)(slot / 100), (int)(slot % 100), hundredths / 100m));
            }
        }
    }
}
