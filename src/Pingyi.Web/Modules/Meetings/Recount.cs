using System.Globalization;
using System.Text.Json;
using Pingyi.Core.Evaluation;

namespace Pingyi.Web.Modules.Meetings;

public sealed record RecountLine(int Order, string Name, decimal? Published, decimal? Recounted, Grade? PublishedGrade, Grade? RecountedGrade,
    int? PublishedPosition, int? RecountedPosition)
{
    public bool Matches => Published == Recounted && PublishedGrade == RecountedGrade && PublishedPosition == RecountedPosition;
}

/// <summary>
/// An independent recount from an exported ballots file: no database, no state — the file's rules,
/// reporters and anonymized ballots through the scoring engine, compared with the published results.
/// </summary>
public static class Recount
{
    public static IReadOnlyList<RecountLine> Compare(BallotExport export)
    {
        var reporters = export.Reporters.OrderBy(r => r.Order).ToList();
        var index = reporters.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var groups = export.Rules.Groups.Select((g, i) => (g.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var ballots = export.Ballots.Select(b => CastBallot.Create(export.Rules, index[b.ReporterId], groups[b.Group], b.Grade, b.Indicators)).ToArray();
        var vetoes = reporters.Select((r, i) => (r.VetoReason, i)).Where(x => x.VetoReason is not null).ToDictionary(x => x.i, x => x.VetoReason!);
        var results = Scoring.Evaluate(export.Rules, reporters.Count, ballots, vetoes);
        var published = (export.Published ?? []).ToDictionary(p => p.ReporterId);
        return [.. reporters.Select((r, i) =>
        {
            var p = published.GetValueOrDefault(r.Id);
            var result = results[i];
            return new RecountLine(r.Order, r.Name, p?.Composite, result.Composite, p?.Grade, result.Grade,
                p?.Position, result.Position);
        })];
    }

    /// <summary><c>pingyi recount FILE</c>: prints each reporter's published and recounted result; exit code 1 on any difference.</summary>
    public static bool Run(string[] args)
    {
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            Console.Error.WriteLine("usage: pingyi recount FILE   (a meeting's ballots export, JSON, CSV or Excel: GET /api/v1/meetings/{id}/ballots)");
            Environment.ExitCode = 2;
            return true;
        }
        BallotExport export;
        try
        {
            var text = File.ReadAllText(args[1]).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
            if (text.StartsWith('{'))
            {
                export = JsonSerializer.Deserialize<BallotExport>(text, RulesJson.Options) ?? throw new JsonException("empty file");
            }
            else
            {
                using var file = File.OpenRead(args[1]);
                export = BallotTable.Read(file, args[1]);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            Console.Error.WriteLine($"Not a ballots export: {e.Message}");
            Environment.ExitCode = 2;
            return true;
        }
        if (export.Published is null)
        {
            Console.Error.WriteLine("The export has no published results to compare with (exported before publishing); recounting only.");
        }
        var lines = Compare(export);
        Console.WriteLine($"{export.Title} ({export.Cycle}): {export.Ballots.Count} ballots, {lines.Count} reporters");
        foreach (var l in lines)
        {
            Console.WriteLine($"{(l.Matches ? "  same" : "  DIFF")}  {l.Order,3} {l.Name}  published {l.Published?.ToString(CultureInfo.InvariantCulture) ?? "-"} {l.PublishedGrade} #{l.PublishedPosition}" +
                $"  recounted {l.Recounted?.ToString(CultureInfo.InvariantCulture) ?? "-"} {l.RecountedGrade} #{l.RecountedPosition}");
        }
        var differences = export.Published is null ? 0 : lines.Count(l => !l.Matches);
        Console.WriteLine(export.Published is null ? "Recounted." : differences == 0 ? "Recount matches the published results exactly." : $"{differences} reporter(s) differ.");
        Environment.ExitCode = differences == 0 ? 0 : 1;
        return true;
    }
}
