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
        random.Shuffle(ballots);

        var read = new List<double>();
        var engine = new List<double>();
        long checksum = 0;
        for (var round = 0; round < 7; round++)
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
        // The first round pays JIT compilation; the median of the rest is reported.
        var e = Median(engine.Skip(1));
        var r = Median(read.Skip(1));
        Console.WriteLine($"RESULT engine {reporters:N0} reporters × {perReporter} ballots: {e:F1} ms (runs {string.Join(" ", engine.Select(x => x.ToString("F0")))}), " +
            $"baseline read {r:F1} ms, ratio {e / r:F1} (checksum {checksum})");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
