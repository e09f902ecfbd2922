using Pingyi.Core.Organizations;
using Pingyi.Core.People;

namespace Pingyi.Core.Tests.Organizations;

public sealed class OrganizationNamesTests
{
    [Theory]
    [InlineData(OrganizationLevel.CountyCommittee, OrganizationLevel.TownshipCommittee, true)]
    [InlineData(OrganizationLevel.TownshipCommittee, OrganizationLevel.Branch, true)]
    [InlineData(OrganizationLevel.GeneralBranch, OrganizationLevel.Branch, true)]
    [InlineData(OrganizationLevel.Branch, OrganizationLevel.PartyGroup, true)]
    [InlineData(OrganizationLevel.Branch, OrganizationLevel.Branch, false)]
    [InlineData(OrganizationLevel.TownshipCommittee, OrganizationLevel.TownshipCommittee, false)]
    [InlineData(OrganizationLevel.PartyGroup, OrganizationLevel.PartyGroup, false)]
    [InlineData(OrganizationLevel.CountyCommittee, OrganizationLevel.CountyCommittee, false)]
    [InlineData(OrganizationLevel.ProvincialCommittee, OrganizationLevel.MunicipalCommittee, true)]
    [InlineData(OrganizationLevel.ProvincialCommittee, OrganizationLevel.CountyCommittee, true)]
    [InlineData(OrganizationLevel.MunicipalCommittee, OrganizationLevel.CountyCommittee, true)]
    [InlineData(OrganizationLevel.ProvincialCommittee, OrganizationLevel.TownshipCommittee, false)]
    [InlineData(OrganizationLevel.MunicipalCommittee, OrganizationLevel.Branch, false)]
    [InlineData(OrganizationLevel.CountyCommittee, OrganizationLevel.MunicipalCommittee, false)]
    [InlineData(OrganizationLevel.CountyCommittee, OrganizationLevel.ProvincialCommittee, false)]
    public void CanContain_FollowsTheTiers(OrganizationLevel parent, OrganizationLevel child, bool expected) =>
        Assert.Equal(expected, OrganizationNames.CanContain(parent, child));

    [Theory]
    [InlineData("党支部", OrganizationLevel.Branch)]
    [InlineData("乡镇党委", OrganizationLevel.TownshipCommittee)]
    [InlineData("Branch", OrganizationLevel.Branch)]
    [InlineData("总支", OrganizationLevel.GeneralBranch)]
    [InlineData("省委", OrganizationLevel.ProvincialCommittee)]
    [InlineData("市委", OrganizationLevel.MunicipalCommittee)]
    public void TryParseLevel_ReadsChineseAndCodeNames(string text, OrganizationLevel expected)
    {
        Assert.True(OrganizationNames.TryParseLevel(text, out var level));
        Assert.Equal(expected, level);
    }

    [Fact]
    public void TryParseLevel_Unknown_Fails() => Assert.False(OrganizationNames.TryParseLevel("大队", out _));

    [Theory]
    [InlineData("村", OrganizationCategory.Village)]
    [InlineData("", OrganizationCategory.None)]
    [InlineData("临时党支部", OrganizationCategory.TemporaryProject)]
    [InlineData("非公企业", OrganizationCategory.NonPublicEnterprise)]
    public void TryParseCategory_ReadsChinese(string text, OrganizationCategory expected)
    {
        Assert.True(OrganizationNames.TryParseCategory(text, out var category));
        Assert.Equal(expected, category);
    }

    [Fact]
    public void RepresentativeRoles_RoundTripThroughChinese()
    {
        var roles = RepresentativeRoles.PartyCongress | RepresentativeRoles.Cppcc;

        Assert.True(PersonNames.TryParseRepresentativeRoles(roles.Chinese(), out var parsed));
        Assert.Equal(roles, parsed);
        Assert.False(PersonNames.TryParseRepresentativeRoles("村民代表", out _));
    }
}
