using CsCheck;
using Pingyi.Core.Evaluation;

namespace Pingyi.Core.Tests.Evaluation;

public sealed class IndicatorPointsTests
{
    /// <summary>Points with at most two decimal places, as a ballot may carry them.</summary>
    private static readonly Gen<decimal[]> Points = Gen.Int[0, 1_000_000].Select(h => h / 100m).Array[1, 60];

    [Fact]
    public void Parse_ReadsBackWhatFormatWrote_DigitForDigit() =>
        Points.Sample(points =>
        {
            var stored = new IndicatorPoints(points).Format();

            var read = IndicatorPoints.Parse(stored);

            Assert.Equal(points, read.Values);
            Assert.Equal(stored, read.Format());
        });

    [Fact]
    public void Hundredths_IsTheExactSumTimesAHundred() =>
        Points.Sample(points => Assert.Equal(points.Sum() * 100, new IndicatorPoints(points).Hundredths));

    [Fact]
    public void Format_IsInvariant_WhateverTheCulture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new("de-DE");
        try
        {
            Assert.Equal("54,36.5,0.25", new IndicatorPoints([54m, 36.5m, 0.25m]).Format());
            Assert.Equal(9075, IndicatorPoints.Parse("54,36.5,0.25").Hundredths);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
