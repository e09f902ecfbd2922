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
    /// <summary>
    /// Recounts the export and sets each reporter's recount beside the published result. An export that does not hold
    /// together — a ballot for a reporter or group it does not list, a grade or indicator points the rules do not allow,
    /// a reporter or group listed twice — is an <see cref="InvalidDataException"/> naming the first such place.
    /// </summary>
    public static IReadOnlyList<RecountLine> Compare(BallotExport export)
    {
        if (export.Rules?.Groups is not { } ruleGroups || export.Reporters is null || export.Ballots is null
            || ruleGroups.Any(g => g is null) || export.Reporters.Any(r => r is null) || export.Ballots.Any(b => b is null))
        {
            throw new InvalidDataException("不是完整的评议投票明细：缺少评分规则、述职人或投票");
        }
        if (export.Rules.Validate() is [var problem, ..])
        {
            throw new InvalidDataException($"评分规则无效：{problem}");
        }
        var reporters = export.Reporters.OrderBy(r => r.Order).ToList();
        var index = new Dictionary<long, int>();
        foreach (var (r, i) in reporters.Select((r, i) => (r, i)))
        {
            if (!index.TryAdd(r.Id, i))
            {
                throw new InvalidDataException($"述职人 {r.Id} 列出了两次");
            }
        }
        var groups = new Dictionary<string, int>();
        foreach (var (g, i) in ruleGroups.Select((g, i) => (g, i)))
        {
            if (g.Key is null || !groups.TryAdd(g.Key, i))
            {
                throw new InvalidDataException($"评议组“{g.Key}”没有标识或列出了两次");
            }
        }
        var ballots = new CastBallot[export.Ballots.Count];
        for (var n = 0; n < ballots.Length; n++)
        {
            var b = export.Ballots[n];
            if (!index.TryGetValue(b.ReporterId, out var reporter) || b.Group is null || !groups.TryGetValue(b.Group, out var group))
            {
                throw new InvalidDataException($"第 {n + 1} 张票的述职人 {b.ReporterId} 或评议组“{b.Group}”不在本次会议中");
            }
            try
            {
                ballots[n] = CastBallot.Create(export.Rules, reporter, group, b.Grade, b.Indicators);
            }
            catch (BallotException e)
            {
                throw new InvalidDataException($"第 {n + 1} 张票不符合评分规则：{e.Message}", e);
            }
        }
        if (export.Published is { } listed && (listed.Any(p => p is null) || listed.DistinctBy(p => p.ReporterId).Count() != listed.Count))
        {
            throw new InvalidDataException("公布的结果中有空行，或同一述职人出现两次");
        }
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

    /// <summary>
    /// A meeting's ballots export as the platform writes it (JSON, or the CSV or Excel table); a file that is not one is an
    /// <see cref="InvalidDataException"/> saying why (FuzzTests feeds it mutated exports).
    /// </summary>
    public static BallotExport Load(string path)
    {
        var text = File.ReadAllText(path).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (text.StartsWith('{'))
        {
            try
            {
                return JsonSerializer.Deserialize<BallotExport>(text, RulesJson.Options) ?? throw new InvalidDataException("empty file");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
        }
        using var file = File.OpenRead(path);
        return BallotTable.Read(file, path);
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
        IReadOnlyList<RecountLine> lines;
        try
        {
            export = Load(args[1]);
            lines = Compare(export);
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"Not a ballots export: {e.Message}");
            Environment.ExitCode = 2;
            return true;
        }
        if (export.Published is null)
        {
            Console.Error.WriteLine("The export has no published results to compare with (exported before publishing); recounting only.");
        }
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
