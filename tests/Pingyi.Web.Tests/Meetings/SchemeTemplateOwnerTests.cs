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

    [Fact]
    public async Task AWeightThatIsNotANumber_DoesNotHideTheOtherMistakes()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var county = await app.SignInAsync("admin");

        var response = await county.PostAsync("/Meetings/Scheme", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "测试方案", ["Form.OrganizationId"] = tree.County.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Groups[0].Name"] = "县委常委", ["Form.Groups[0].Weight"] = "abc",
            ["Form.Groups[1].Name"] = "", ["Form.Groups[1].Weight"] = "30",
            ["Form.ThresholdGood"] = "70", ["Form.ThresholdFairlyGood"] = "80", ["Form.ThresholdAverage"] = "60",
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("评议组第 1 行的权重“abc”不是数字", html);
        Assert.Contains("第 2 个评议组需要名称。", html);
        Assert.Contains("等次分数线须依次降低", html);
        Assert.Equal(0, await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Schemes)));
    }
}
