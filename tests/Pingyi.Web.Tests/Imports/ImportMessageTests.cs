using System.Net;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Imports;

/// <summary>An import that cannot start says why in the clerk's words: the file is empty, or which headers it has and which it needs.</summary>
public sealed class ImportMessageTests
{
    [Fact]
    public async Task AnEmptyFile_AndAWrongHeader_AreExplained()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var empty = await RosterImportTests.UploadAsync(admin, "/api/v1/imports/roster", [], "花名册.xlsx");
        var wrong = await RosterImportTests.UploadAsync(admin, "/api/v1/imports/roster", Encoding.UTF8.GetBytes("名字,身份证\n赵一,110101199003071234\n"), "花名册.csv");
        var headerOnly = await RosterImportTests.UploadAsync(admin, "/api/v1/imports/roster", Encoding.UTF8.GetBytes("\n\n"), "花名册.csv");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("文件为空：“花名册.xlsx”没有任何内容", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var errors = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()!).ToList();
        Assert.Contains(errors, e => e.Contains("表头缺少必填列“姓名”") && e.Contains("第1行的表头是：名字、身份证") && e.Contains("应包含：姓名"));
        Assert.Contains("文件为空", await headerOnly.Content.ReadAsStringAsync());
    }
}
