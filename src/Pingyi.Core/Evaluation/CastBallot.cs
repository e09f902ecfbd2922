namespace Pingyi.Core.Evaluation;

/// <summary>
/// One valid ballot in the compact form the engine counts (12 bytes, so a province's ballots stay
/// small in memory): the reporter and group as indexes into the meeting's lists, the grade (or
/// none) and the indicator points given, in hundredths (or none).
/// </summary>
public readonly struct CastBallot : IEquatable<CastBallot>
{
    private readonly int _reporter;
    private readonly short _group;
    private readonly sbyte _grade;
    private readonly int _indicatorHundredths;

    public CastBallot(int reporter, int group, Grade? grade, long? indicatorHundredths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reporter);
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(group, short.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(indicatorHundredths ?? 0, nameof(indicatorHundredths));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(indicatorHundredths ?? 0, 1_000_000_000, nameof(indicatorHundredths));
        _reporter = reporter;
        _group = (short)group;
        _grade = grade is { } g ? (sbyte)g : (sbyte)-1;
        _indicatorHundredths = indicatorHundredths is { } i ? (int)i : -1;
    }

    public int Reporter { get => _reporter; init => _reporter = value; }

    public int Group { get => _group; init => _group = checked((short)value); }

    public Grade? Grade { get => _grade < 0 ? null : (Grade)_grade; init => _grade = value is { } g ? (sbyte)g : (sbyte)-1; }

    public long? IndicatorHundredths { get => _indicatorHundredths < 0 ? null : _indicatorHundredths; init => _indicatorHundredths = value is { } i ? checked((int)i) : -1; }

    internal int GradeIndex => _grade;

    internal int RawIndicatorHundredths => _indicatorHundredths;

    public bool Equals(CastBallot other) =>
        _reporter == other._reporter && _group == other._group && _grade == other._grade && _indicatorHundredths == other._indicatorHundredths;

    public override bool Equals(object? obj) => obj is CastBallot other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_reporter, _group, _grade, _indicatorHundredths);

    public static bool operator ==(CastBallot left, CastBallot right) => left.Equals(right);

    public static bool operator !=(CastBallot left, CastBallot right) => !left.Equals(right);

    public override string ToString() => $"{Reporter}/{Group}/{Grade}/{IndicatorHundredths}";

    /// <summary>
    /// Checks a ballot against the group's part of the form and makes the compact form; the reason
    /// is in Chinese when the ballot is incomplete or out of range.
    /// </summary>
    public static CastBallot Create(SchemeRules rules, int reporter, int group, Grade? grade, IReadOnlyList<decimal>? indicatorPoints)
    {
        if (group < 0 || group >= rules.Groups.Count)
        {
            throw new BallotException("评议组不存在。");
        }
        var parts = rules.Groups[group].Parts;
        if (parts.HasFlag(BallotParts.Grade))
        {
            if (grade is null)
            {
                throw new BallotException("请选择评价等次。");
            }
            if (!rules.Offers(grade.Value))
            {
                throw new BallotException($"评价等次只能是{string.Join("、", rules.GradeLabels ?? ["好", "较好", "一般", "较差"])}之一。");
            }
        }
        else
        {
            grade = null;
        }
        long? hundredths = null;
        if (parts.HasFlag(BallotParts.Indicators))
        {
            if (indicatorPoints is null || indicatorPoints.Count != rules.Indicators.Count)
            {
                throw new BallotException($"请为全部 {rules.Indicators.Count} 项指标打分。");
            }
            for (var i = 0; i < indicatorPoints.Count; i++)
            {
                var p = indicatorPoints[i];
                var indicator = rules.Indicators[i];
                if (p < 0 || p > indicator.MaxPoints)
                {
                    throw new BallotException($"指标“{indicator.Name}”的得分须在 0 到 {indicator.MaxPoints:0.##} 之间。");
                }
                if (SchemeRules.Places(p) > 2)
                {
                    throw new BallotException($"指标“{indicator.Name}”的得分最多 2 位小数。");
                }
            }
            hundredths = new IndicatorPoints(indicatorPoints).Hundredths;
        }
        return new CastBallot(reporter, group, grade, hundredths);
    }
}

public sealed class BallotException(string message) : Exception(message);
