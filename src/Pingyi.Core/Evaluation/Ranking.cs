using System.Numerics;
using System.Runtime.CompilerServices;

namespace Pingyi.Core.Evaluation;

public readonly record struct Placement(Grade? Grade, Grade? ScoreGrade, int? Position, ResultFlags Flags);

/// <summary>Rank positions (位次) with ties (并列), grades by threshold, quota caps and veto items.</summary>
public static class Ranking
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Placement[] Assign(SchemeRules rules, IReadOnlyList<decimal?> composites, IReadOnlyDictionary<int, string>? vetoes)
    {
        var n = composites.Count;
        var order = Order(composites);
        var keys = new decimal[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            keys[i] = composites[order[i]]!.Value;
        }

        var positions = new int?[n];
        var grades = new Grade?[n];
        var scoreGrades = new Grade?[n];
        var flags = new ResultFlags[n];
        for (var i = 0; i < order.Length; i++)
        {
            var r = order[i];
            positions[r] = i > 0 && keys[i] == keys[i - 1] ? positions[order[i - 1]] : i + 1;
            scoreGrades[r] = grades[r] = rules.Thresholds.For(keys[i]);
            if (vetoes is not null && vetoes.ContainsKey(r))
            {
                grades[r] = Grade.Poor;
                flags[r] |= ResultFlags.Vetoed;
            }
        }

        var withResult = order.Length;
        foreach (var grade in new[] { Grade.Good, Grade.FairlyGood, Grade.Average })
        {
            if (rules.Quotas.For(grade) is not { } share)
            {
                continue;
            }
            var allowed = (int)decimal.Floor(share * withResult);
            // Best position first; a reporter stays when no more than "allowed" reporters of the
            // grade are at or above its position, so a tie straddling the cap moves down whole.
            var members = order.Where(r => grades[r] == grade).ToArray();
            if (members.Length <= allowed)
            {
                continue;
            }
            for (var i = 0; i < members.Length; i++)
            {
                var r = members[i];
                var atOrAbove = i + 1;
                while (atOrAbove < members.Length && positions[members[atOrAbove]] == positions[r])
                {
                    atOrAbove++;
                }
                if (atOrAbove > allowed)
                {
                    grades[r] = grade + 1;
                    flags[r] |= ResultFlags.MovedDownByQuota;
                }
            }
        }

        var placements = new Placement[n];
        for (var r = 0; r < n; r++)
        {
            placements[r] = new Placement(grades[r], scoreGrades[r], positions[r], flags[r]);
        }
        return placements;
    }

    /// <summary>
    /// Rank positions (位次) of <paramref name="order"/>: equal composites share the position of the first of them (并列),
    /// the next one skips as many places as were shared (1, 2, 2, 4).
    /// </summary>
    public static int[] Positions(IReadOnlyList<decimal?> composites, int[] order)
    {
        var positions = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            positions[i] = i > 0 && composites[order[i]] == composites[order[i - 1]] ? positions[i - 1] : i + 1;
        }
        return positions;
    }

    /// <summary>
    /// Reporters with a composite, highest first, equal composites in agenda order. One sort of
    /// plain 64-bit keys — the composite as a double, highest first, in the high bits and the
    /// agenda index in the low bits — then runs of equal high bits are sorted by the exact decimal,
    /// and one insertion pass puts right any neighbours the conversion to double might have swapped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Order(IReadOnlyList<decimal?> composites)
    {
        var count = 0;
        for (var r = 0; r < composites.Count; r++)
        {
            count += composites[r] is null ? 0 : 1;
        }
        var indexBits = Math.Max(1, 64 - BitOperations.LeadingZeroCount((ulong)composites.Count));
        var indexMask = (1UL << indexBits) - 1;
        var keys = new ulong[count];
        for (int r = 0, i = 0; r < composites.Count; r++)
        {
            if (composites[r] is { } c)
            {
                keys[i++] = (Descending((double)c) & ~indexMask) | (uint)r;
            }
        }
        Array.Sort(keys);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = (int)(keys[i] & indexMask);
        }
        var exact = Comparer<int>.Create((a, b) => Before(composites[a]!.Value, a, composites[b]!.Value, b) ? -1 : a == b ? 0 : 1);
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && (keys[end] & ~indexMask) == (keys[start] & ~indexMask))
            {
                end++;
            }
            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, exact);
            }
            start = end;
        }
        for (var i = 1; i < count; i++)
        {
            var r = order[i];
            var key = composites[r]!.Value;
            var j = i - 1;
            while (j >= 0 && Before(key, r, composites[order[j]]!.Value, order[j]))
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = r;
        }
        return order;
    }

    /// <summary>An unsigned key that sorts doubles highest first.</summary>
    private static ulong Descending(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        var ascending = (bits & (1UL << 63)) != 0 ? ~bits : bits | (1UL << 63);
        return ~ascending;
    }

    private static bool Before(decimal key, int reporter, decimal otherKey, int other) =>
        key > otherKey || (key == otherKey && reporter < other);
}
