using System.Diagnostics;
using Pingyi.Core.Evaluation;

namespace Pingyi.Bench;

/// <summary>
/// Results of a province-size cycle in the scoring engine: 100,000 reporters × 30 ballots in three
/// groups, beside the time to merely read the same ballots from memory (the baseline).
/// </summary>
internal static class EngineBench
{
    public static void Run(int reporters, int perReporter)
    {
        var rules = new SchemeRules
        {
            Groups = [new("committee", "县委常委", 40), new("leaders", "领导班子", 30), new("public", "党员群众代表", 30)],
        };
        var random = new Random(7);
        var ballots = new CastBallot[reporters * perReporter];
        for (var i = 0; i < ballots.Length; i++)
        {
            ballots[i] = new CastBallot(i / perReporter, i % 3, (Grade)random.Next(0, 4), null);
        }
        // In reporter order, as the results query reads them (ORDER BY reporter); then shuffled, the worst case.
        Measure("in reporter order", rules, reporters, perReporter, ballots);
        random.Shuffle(ballots);
        Measure("shuffled", rules, reporters, perReporter, ballots);
    }

    private static void Measure(string order, SchemeRules rules, int reporters, int perReporter, CastBallot[] ballots)
    {
        var read = new List<double>();
        var engine = new List<double>();
        long checksum = 0;
        for (var round = 0; round < 9; round++)
        {
            var watch = Stopwatch.StartNew();
            long sum = 0;
            foreach (ref readonly var b in ballots.AsSpan())
            {
                sum += b.Reporter + (int)b.Grade!.Value;
            }
            read.Add(watch.Elapsed.TotalMilliseconds);
            checksum += sum;

            watch.Restart();
            var results = Scoring.Evaluate(rules, reporters, ballots);
            engine.Add(watch.Elapsed.TotalMilliseconds);
            checksum += results[0].Position ?? 0;
        }
        // The first rounds pay JIT compilation and tiering; the median of the last five is reported.
        var e = Median(engine.Skip(4));
        var r = Median(read.Skip(4));
        Console.WriteLine($"RESULT engine {reporters:N0} reporters × {perReporter} ballots {order}: {e:F1} ms (runs {string.Join(" ", engine.Select(x => x.ToString("F0")))}), " +
            $"baseline read {r:F1} ms, ratio {e / r:F1} (checksum {checksum})");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
