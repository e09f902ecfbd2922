using Pingyi.Core.Selection;

namespace Pingyi.Core.Tests.Selection;

public sealed class SatisfactionRatesTests
{
    /// <summary>
    /// Seed 000's figures worked through: 2009 — 217 满意, 70 基本满意, 13 不满意, 20 不了解: 217 / 300 = 72.3%; 2010 — 139 满意, 11 基本满意,
    /// none 不满意, 5 不了解: 139 / 150 = 92.7%, basic satisfaction 150 / 150 = 100%, +20.4 points (92.7 − 72.3; the exact rates differ by 20.33).
    /// </summary>
    [Fact]
    public void TheSeedsFigures_ComeOutAsPublished()
    {
        var before = SatisfactionRates.Compute(new SatisfactionCounts(217, 70, 13, 20));
        Assert.Equal((72.3m, 95.7m, 6.3m, (decimal?)null), (before.SatisfactionRate, before.BasicRate, before.UnknownShare, before.Change));
        var after = SatisfactionRates.Compute(new SatisfactionCounts(139, 11, 0, 5), before.SatisfactionRate);
        Assert.Equal((92.7m, 100.0m, 3.2m, 20.4m), (after.SatisfactionRate, after.BasicRate, after.UnknownShare, after.Change));
    }

    [Fact]
    public void NoJudgingAnswer_GivesNoRate()
    {
        var onlyUnknown = SatisfactionRates.Compute(new SatisfactionCounts(0, 0, 0, 4), 90m);
        Assert.Equal(((decimal?)null, (decimal?)null, 100.0m, (decimal?)null), (onlyUnknown.SatisfactionRate, onlyUnknown.BasicRate, onlyUnknown.UnknownShare, onlyUnknown.Change));
    }
}
