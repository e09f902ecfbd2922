using Pingyi.Core.Organizations;

namespace Pingyi.Core.Tests.Organizations;

public sealed class ShortNameTests
{
    [Theory]
    [InlineData("中共城关镇委员会", "城关镇")]
    [InlineData("中共青山县直属机关工作委员会", "青山县直属机关")]
    [InlineData("一号镇党委", "一号镇")]
    [InlineData("东村党支部", "东村党支部")]
    public void ChartLabels_DropWhatEveryCommitteeRepeats(string name, string expected) => Assert.Equal(expected, OrganizationNames.Short(name));
}
