using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Meetings;

/// <summary>A new scheme from a template belongs by default to an organization of the template's level.</summary>
public sealed class SchemeTemplateOwnerTests
{
    [Fact]
    public async Task ACountyClerk_StartingATownshipScheme_GetsATownship_AndTheirOwnCountyForACountyScheme()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var county = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");

        var forTownship = await county.GetStringAsync("/Meetings/Scheme?template=township");
        var forCounty = await county.GetStringAsync("/Meetings/Scheme?template=county");
        var ownTownship = await township.GetStringAsync("/Meetings/Scheme?template=township");

        Assert.Contains($"<option value=\"{tree.T1}\" selected=\"selected\">", forTownship);
        Assert.Contains($"<option value=\"{tree.County}\" selected=\"selected\">", forCounty);
        Assert.Contains($"<option value=\"{tree.T1}\" selected=\"selected\">", ownTownship);
    }
}
