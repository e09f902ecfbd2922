using System.Net;
using System.Net.Http.Json;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Meetings;

/// <summary>
/// The code sheet's QR codes open the ballot page at <c>Platform:PublicBaseUrl</c>; unset or a loopback address, the
/// sheet warns in red that phones may not open them.
/// </summary>
public sealed class CodeSheetTests
{
    public static TheoryData<string?, bool> Addresses => new()
    {
        { null, true },
        { "http://127.0.0.1:5000", true },
        { "http://localhost:5000/", true },
        { "http://192.168.10.20:5000", false },
        { "https://pingyi.qingshan.gov.cn/", false },
    };

    [Theory, MemberData(nameof(Addresses))]
    public async Task TheSheet_LinksToThePublicAddress_AndWarnsWhenPhonesCannotReachIt(string? address, bool warns)
    {
        var settings = address is null ? null : new Dictionary<string, string> { ["Platform:PublicBaseUrl"] = address };
        await using var room = await MeetingRoom.CreateAsync("Sqlite", settings: settings);

        var response = await room.Admin.PostAsync($"/Meetings/Codes/{room.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["groupKey"] = "public", ["count"] = "2",
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(warns, html.Contains("id=\"address-warning\"", StringComparison.Ordinal));
        var expected = address is null ? "http://localhost/b#" : address.TrimEnd('/') + "/b#";
        Assert.Equal(2, html.Split("data-link=\"" + expected).Length - 1);
        var settingsPage = await room.Admin.GetStringAsync("/Settings");
        Assert.Contains(address is null ? "http://localhost/" : address.TrimEnd('/') + "/", settingsPage);
        Assert.Equal(warns, settingsPage.Contains("text-danger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAddressThatIsNotHttp_StopsTheStart_WithTheSettingNamed()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await TestApp.CreateAsync("Sqlite", settings: new Dictionary<string, string> { ["Platform:PublicBaseUrl"] = "pingyi.qingshan.gov.cn" });
            app.CreateClient();
        });
        Assert.Contains("Platform:PublicBaseUrl", error.ToString());
    }

    [Fact]
    public async Task ARefreshedCodeSheet_MakesNoSecondBatch_AndSaysWhy()
    {
        await using var room = await MeetingRoom.CreateAsync("Sqlite");
        var before = await room.App.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.RaterCodes));
        FormUrlEncodedContent Form(string batch) => new(new Dictionary<string, string> { ["groupKey"] = "public", ["count"] = "2", ["batch"] = batch });

        var first = await (await room.Admin.PostAsync($"/Meetings/Codes/{room.Id}", Form("b1"))).Content.ReadAsStringAsync();
        var again = await (await room.Admin.PostAsync($"/Meetings/Codes/{room.Id}", Form("b1"))).Content.ReadAsStringAsync();
        var next = await (await room.Admin.PostAsync($"/Meetings/Codes/{room.Id}", Form("b2"))).Content.ReadAsStringAsync();

        Assert.Equal(2, first.Split("data-link=").Length - 1);
        Assert.Contains("这批评议码已经生成过（页面被刷新或重复提交），没有再生成。", again);
        Assert.Equal(0, again.Split("data-link=").Length - 1);
        Assert.Equal(2, next.Split("data-link=").Length - 1);
        Assert.Equal(before + 4, await room.App.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.RaterCodes)));
    }
}
