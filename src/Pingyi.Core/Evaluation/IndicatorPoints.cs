using System.Globalization;

namespace Pingyi.Core.Evaluation;

/// <summary>
/// A rater's points for each indicator of a scheme, in the scheme's order, each with at most two decimal places
/// (checked by <see cref="CastBallot.Create"/>). The one definition of how they are stored (invariant text,
/// "54,36.5"), read back, and counted (whole hundredths, so that sums are exact integers).
/// </summary>
public sealed class IndicatorPoints(IReadOnlyList<decimal> values)
{
    public IReadOnlyList<decimal> Values { get; } = values;

    /// <summary>The points' sum in hundredths.</summary>
    public long Hundredths => Values.Sum(HundredthsOf);

    public static long HundredthsOf(decimal points) => (long)(points * 100);

    /// <summary>Reads what <see cref="Format"/> wrote.</summary>
    public static IndicatorPoints Parse(string stored) =>
        new([.. stored.Split(',').Select(p => decimal.Parse(p, NumberStyles.Number, CultureInfo.InvariantCulture))]);

    /// <summary>The stored form: the points as given, invariant, comma-separated.</summary>
    public string Format() => string.Join(',', Values.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    public override string ToString() => Format();
}
