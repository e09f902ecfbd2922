using Pingyi.Core.Venues;

namespace Pingyi.Core.Tests.Venues;

public sealed class VenueStandardTests
{
    private static readonly VenueStandard Standard = VenueStandard.Default;

    [Fact]
    public void AVenue_MeetsTheStandard_AtTheFloorItself()
    {
        Assert.True(Standard.Meets(90m, 10_000m, VenueCentres.All));
        Assert.Empty(Standard.Shortfalls(90m, 10_000m, VenueCentres.All));
    }

    [Fact]
    public void EachShortfall_IsNamedWithWhatItLacks()
    {
        var shortfalls = Standard.Shortfalls(89.5m, 8_000m, VenueCentres.Office | VenueCentres.Activity | VenueCentres.Service);
        Assert.Equal(["面积 89.5 平方米，不足 90 平方米", "运转经费 8000 元，不足 10000 元", "缺少教育培训、文化娱乐中心"], shortfalls);
        Assert.False(Standard.Meets(89.5m, 20_000m, VenueCentres.All));
        Assert.False(Standard.Meets(120m, 20_000m, VenueCentres.All & ~VenueCentres.Culture));
    }

    [Fact]
    public void TheFloors_AreConfiguration()
    {
        var stricter = new VenueStandard(120m, 20_000m);
        Assert.Equal(2, stricter.Shortfalls(100m, 15_000m, VenueCentres.All).Count);
    }
}
