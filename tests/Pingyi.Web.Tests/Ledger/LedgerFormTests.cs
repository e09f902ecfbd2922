using System.Net;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Ledger;

/// <summary>A refused form lists every mistake at once, each beside its field, and keeps what was typed.</summary>
public sealed class LedgerFormTests
{
    [Fact]
    public async Task ARefusedItem_ListsEveryMistake_AndKeepsWhatWasTyped()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var response = await admin.PostAsync("/Ledger/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["category"] = " ", ["description"] = "", ["responsibleOrganizationId"] = tree.V12.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["responsiblePersonName"] = new string('张', 101), ["deadline"] = "2026-12-31", ["measures"] = "补齐会议记录",
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请修改以下 3 处后再保存。", html);
        Assert.Contains("请填写问题类别", html);
        Assert.Contains("请填写问题描述", html);
        Assert.Contains("责任人不超过100字", html);
        Assert.Contains("补齐会议记录</textarea>", html);
        Assert.Contains("value=\"2026-12-31\"", html);
        Assert.Contains($"<option value=\"{tree.V12}\" selected=\"selected\">", html);
        Assert.Equal(0, await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.LedgerItems)));
    }
}
