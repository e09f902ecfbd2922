using System.Runtime.CompilerServices;

namespace Pingyi.Core.Evaluation;

[Flags]
public enum ResultFlags
{
    None = 0,
    /// <summary>At least one group had fewer valid ballots than its minimum; its weight went to the others.</summary>
    GroupLeftOut = 1,
    /// <summary>A veto item forced 较差.</summary>
    Vetoed = 2,
    /// <summary>No group was kept: no composite, no grade, no position.</summary>
    NoResult = 4,
    /// <summary>A grade quota moved the reporter down one or more grades.</summary>
    MovedDownByQuota = 8,
    /// <summary>In a two-way cycle, one of the two directions had no result.</summary>
    DirectionMissing = 16,
}

[Flags]
public enum GroupFlags
{
    None = 0,
    BelowMinimum = 1,
    /// <summary>Too few ballots to drop the highest and lowest and keep three; the plain mean was used.</summary>
    NotTrimmed = 2,
}

/// <summary>A group's part in one reporter's result.</summary>
/// <param name="EffectiveWeight">The group's share of the composite after left-out groups' weight was redistributed (0 when left out).</param>
public sealed record GroupResult(int Group, int Ballots, int Trimmed, decimal? Score, decimal EffectiveWeight, GroupFlags Flags);

public sealed record ReporterResult(
    int Reporter, decimal? Composite, Grade? Grade, int? Position, ResultFlags Flags, string? VetoReason, IReadOnlyList<GroupResult> Groups)
{
    /// <summary>The grade the thresholds give before quotas and vetoes.</summary>
    public Grade? ScoreGrade { get; init; }
}

/// <summary>
/// The scoring engine of a duty-report evaluation: pure, deterministic, exact. Ballot scores are
/// whole multiples of 1/D (D = 10⁴ × the indicator points possible in hundredths), so a group's
/// ballots are summed and trimmed in integers and its score is one decimal division; composites are
/// decimal. Nothing is rounded here — rounding is for display and export only (<see cref="Display"/>).
/// </summary>
public static class Scoring
{
    /// <summary>Scores every reporter of one meeting.</summary>
    /// <param name="reporterCount">Reporters are 0 … reporterCount − 1 in <see cref="CastBallot.Reporter"/>.</param>
    /// <param name="vetoes">Reporter index → reason, for the reporters a veto item forces to 较差.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Evaluation Evaluate(SchemeRules rules, int reporterCount, ReadOnlySpan<CastBallot> ballots,
        IReadOnlyDictionary<int, string>? vetoes = null)
    {
        var groupCount = rules.Groups.Count;
        var form = new Form(rules);
        var cells = new Cell[reporterCount * groupCount];
        foreach (ref readonly var b in ballots)
        {
            if ((uint)b.Reporter >= (uint)reporterCount || (uint)b.Group >= (uint)groupCount)
            {
                throw new ArgumentOutOfRangeException(nameof(ballots), "A ballot names a reporter or group outside the meeting.");
            }
            cells[(b.Reporter * groupCount) + b.Group].Add(form.Score(b));
        }

        long[]? values = null;
        int[]? starts = null;
        if (rules.Trim > 1)
        {
            (values, starts) = Gather(ballots, cells, groupCount, form);
        }

        var scaledWeights = rules.Groups.Select(g => (long)(g.Weight * 10_000)).ToArray();
        var minimums = rules.Groups.Select(g => g.MinimumBallots).ToArray();
        var groups = new GroupTally[cells.Length];
        var composites = new decimal?[reporterCount];
        var flags = new ResultFlags[reporterCount];
        var k = rules.Trim;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Score(int from, int to)
        {
            var keptSums = new long[groupCount];
            var keptCounts = new int[groupCount];
            for (var r = from; r < to; r++)
            {
                Array.Clear(keptCounts);
                var anyKept = false;
                for (var g = 0; g < groupCount; g++)
                {
                    var index = (r * groupCount) + g;
                    ref readonly var cell = ref cells[index];
                    if (cell.Count < minimums[g])
                    {
                        groups[index] = new GroupTally(cell.Count, 0, 0, 0, GroupFlags.BelowMinimum);
                        flags[r] |= ResultFlags.GroupLeftOut;
                        continue;
                    }
                    var sum = cell.Sum;
                    var count = cell.Count;
                    var groupFlags = GroupFlags.None;
                    if (k > 0 && count - (2 * k) >= 3)
                    {
                        if (k == 1)
                        {
                            sum -= cell.Min + cell.Max;
                        }
                        else
                        {
                            var span = values.AsSpan(starts![index], count);
                            span.Sort();
                            sum -= Sum(span[..k]) + Sum(span[^k..]);
                        }
                        count -= 2 * k;
                    }
                    else if (k > 0)
                    {
                        groupFlags = GroupFlags.NotTrimmed;
                    }
                    groups[index] = new GroupTally(cell.Count, cell.Count - count, sum, count, groupFlags);
                    keptSums[g] = sum;
                    keptCounts[g] = count;
                    anyKept = true;
                }
                if (anyKept)
                {
                    composites[r] = Composite(keptSums, keptCounts, scaledWeights, form.Denominator);
                }
                else
                {
                    flags[r] |= ResultFlags.NoResult;
                }
            }
        }

        // Reporters are independent: a large cycle is scored on every core.
        var chunks = reporterCount < 20_000 ? 1 : Environment.ProcessorCount;
        if (chunks == 1)
        {
            Score(0, reporterCount);
        }
        else
        {
            Parallel.For(0, chunks, c => Score(reporterCount * c / chunks, reporterCount * (c + 1) / chunks));
        }

        var placements = Ranking.Assign(rules, composites, vetoes);
        return new Evaluation(rules, groups, form.Denominator, composites, flags, placements, vetoes);
    }

    /// <summary>
    /// Combines each reporter's upward and downward composites of one cycle (双向评议) with the
    /// scheme's weights; a reporter with only one direction keeps that one, flagged.
    /// </summary>
    public static IReadOnlyList<CycleResult> Combine(SchemeRules rules, IReadOnlyList<(decimal? Upward, decimal? Downward)> reporters,
        IReadOnlyDictionary<int, string>? vetoes = null)
    {
        var composites = new decimal?[reporters.Count];
        var flags = new ResultFlags[reporters.Count];
        for (var r = 0; r < reporters.Count; r++)
        {
            var (up, down) = reporters[r];
            composites[r] = (up, down) switch
            {
                ({ } u, { } d) when rules.UpwardWeight + rules.DownwardWeight > 0 =>
                    ((rules.UpwardWeight * u) + (rules.DownwardWeight * d)) / (rules.UpwardWeight + rules.DownwardWeight),
                ({ } u, null) => u,
                (null, { } d) => d,
                _ => null,
            };
            flags[r] = (up, down) switch
            {
                (null, null) => ResultFlags.NoResult,
                (null, _) or (_, null) => ResultFlags.DirectionMissing,
                _ => ResultFlags.None,
            };
        }
        var ranked = Ranking.Assign(rules, composites, vetoes);
        return [.. Enumerable.Range(0, reporters.Count).Select(r => new CycleResult(r, reporters[r].Upward, reporters[r].Downward,
            composites[r], ranked[r].Grade, ranked[r].Position, flags[r] | ranked[r].Flags,
            ranked[r].Flags.HasFlag(ResultFlags.Vetoed) ? vetoes![r] : null))];
    }

    /// <summary>
    /// Σ wᵍ·Sᵍ/(nᵍ·D) ÷ Σ wᵍ as one fraction over the least common multiple of the counts, divided
    /// once, so equal composites are equal decimals however their groups add up (decimal division
    /// rounds the exact quotient). Numbers too large for that fall back to adding decimals.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static decimal Composite(long[] sums, int[] counts, long[] weights, decimal denominator)
    {
        try
        {
            long lcm = 1;
            long weightSum = 0;
            for (var g = 0; g < counts.Length; g++)
            {
                if (counts[g] > 0)
                {
                    lcm = checked(lcm / (long)Gcd((ulong)lcm, (ulong)counts[g]) * counts[g]);
                    weightSum += weights[g];
                }
            }
            Int128 numerator = 0;
            for (var g = 0; g < counts.Length; g++)
            {
                if (counts[g] > 0)
                {
                    numerator = checked(numerator + ((Int128)weights[g] * sums[g] * (lcm / counts[g])));
                }
            }
            var d = checked((Int128)lcm * (long)denominator * weightSum);
            return (decimal)numerator / (decimal)d;
        }
        catch (OverflowException)
        {
            decimal weighted = 0, total = 0;
            for (var g = 0; g < counts.Length; g++)
            {
                if (counts[g] > 0)
                {
                    weighted += weights[g] * (sums[g] / (counts[g] * denominator));
                    total += weights[g];
                }
            }
            return weighted / total;
        }
    }

    private static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    private static long Sum(ReadOnlySpan<long> values)
    {
        long sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }
        return sum;
    }

    /// <summary>Lays each reporter-group cell's ballot scores side by side, for trimming more than one at each end.</summary>
    private static (long[] Values, int[] Starts) Gather(ReadOnlySpan<CastBallot> ballots, Cell[] cells, int groupCount, Form form)
    {
        var starts = new int[cells.Length];
        var next = new int[cells.Length];
        var offset = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            starts[i] = next[i] = offset;
            offset += cells[i].Count;
        }
        var values = new long[offset];
        foreach (ref readonly var b in ballots)
        {
            values[next[(b.Reporter * groupCount) + b.Group]++] = form.Score(b);
        }
        return (values, starts);
    }

    private struct Cell
    {
        public int Count;
        public long Sum;
        public long Min;
        public long Max;

        public void Add(long score)
        {
            if (Count == 0)
            {
                Min = Max = score;
            }
            else if (score < Min)
            {
                Min = score;
            }
            else if (score > Max)
            {
                Max = score;
            }
            Count++;
            Sum = checked(Sum + score);
        }
    }

    /// <summary>
    /// The ballot form in integers. With P the indicator points possible in hundredths (1 without
    /// indicators), G a grade's points and X the points given, both in hundredths, and Q = 100q, a
    /// ballot scores N / D with D = 10⁴P and N = Q·G·P + (100 − Q)·X·10⁴ (both parts),
    /// G·100·P (grade only) or X·10⁶ (indicators only).
    /// </summary>
    private sealed class Form
    {
        private readonly long[] _gradeOnly = new long[4];
        private readonly long[] _gradeShare = new long[4];
        private readonly long _indicatorShare;
        private readonly BallotParts[] _parts;

        public Form(SchemeRules rules)
        {
            var p = rules.Indicators.Count == 0 ? 1L : (long)(rules.PossibleIndicatorPoints * 100);
            var q = (long)(rules.GradeShare * 100);
            foreach (var grade in Enum.GetValues<Grade>())
            {
                var g = (long)(rules.GradePoints.For(grade) * 100);
                _gradeOnly[(int)grade] = g * 100 * p;
                _gradeShare[(int)grade] = q * g * p;
            }
            _indicatorShare = (100 - q) * 10_000;
            _parts = [.. rules.Groups.Select(g => g.Parts)];
            Denominator = 10_000m * p;
        }

        public decimal Denominator { get; }

        public long Score(in CastBallot b) => _parts[b.Group] switch
        {
            BallotParts.Grade => _gradeOnly[b.GradeIndex],
            BallotParts.Indicators => b.RawIndicatorHundredths * 1_000_000L,
            _ => _gradeShare[b.GradeIndex] + (_indicatorShare * b.RawIndicatorHundredths),
        };
    }
}

/// <summary>What one group's ballots came to for one reporter: counted, trimmed, and the kept sum in 1/D units.</summary>
internal readonly record struct GroupTally(int Ballots, int Trimmed, long KeptSum, int Kept, GroupFlags Flags);

/// <summary>
/// The results of one meeting, kept as arrays; a reporter's result with its group-by-group
/// explanation is made when asked for, so a province-size cycle does not build millions of objects.
/// </summary>
public sealed class Evaluation : IReadOnlyList<ReporterResult>
{
    private readonly SchemeRules _rules;
    private readonly GroupTally[] _groups;
    private readonly decimal _denominator;
    private readonly decimal?[] _composites;
    private readonly ResultFlags[] _flags;
    private readonly Placement[] _placements;
    private readonly IReadOnlyDictionary<int, string>? _vetoes;

    internal Evaluation(SchemeRules rules, GroupTally[] groups, decimal denominator, decimal?[] composites, ResultFlags[] flags,
        Placement[] placements, IReadOnlyDictionary<int, string>? vetoes)
    {
        _rules = rules;
        _groups = groups;
        _denominator = denominator;
        _composites = composites;
        _flags = flags;
        _placements = placements;
        _vetoes = vetoes;
    }

    public int Count => _composites.Length;

    public ReporterResult this[int reporter]
    {
        get
        {
            var groupCount = _rules.Groups.Count;
            var place = _placements[reporter];
            decimal keptWeight = 0;
            for (var g = 0; g < groupCount; g++)
            {
                if (_groups[(reporter * groupCount) + g].Kept > 0)
                {
                    keptWeight += _rules.Groups[g].Weight;
                }
            }
            var groups = new GroupResult[groupCount];
            for (var g = 0; g < groupCount; g++)
            {
                var t = _groups[(reporter * groupCount) + g];
                groups[g] = t.Kept > 0
                    ? new GroupResult(g, t.Ballots, t.Trimmed, t.KeptSum / (t.Kept * _denominator), _rules.Groups[g].Weight / keptWeight, t.Flags)
                    : new GroupResult(g, t.Ballots, 0, null, 0, t.Flags);
            }
            return new ReporterResult(reporter, _composites[reporter], place.Grade, place.Position, _flags[reporter] | place.Flags,
                place.Flags.HasFlag(ResultFlags.Vetoed) ? _vetoes![reporter] : null, groups) { ScoreGrade = place.ScoreGrade };
        }
    }

    public decimal? CompositeOf(int reporter) => _composites[reporter];

    public int? PositionOf(int reporter) => _placements[reporter].Position;

    public Grade? GradeOf(int reporter) => _placements[reporter].Grade;

    public IEnumerator<ReporterResult> GetEnumerator()
    {
        for (var r = 0; r < Count; r++)
        {
            yield return this[r];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

public sealed record CycleResult(int Reporter, decimal? Upward, decimal? Downward, decimal? Composite, Grade? Grade, int? Position,
    ResultFlags Flags, string? VetoReason);

/// <summary>Rounding for display and export: half away from zero to two places.</summary>
public static class Display
{
    public static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    public static string Format(decimal? value) => value is { } v ? Round(v).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "";
}
