using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Imports;

public sealed class OrganizationImportTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static readonly string?[] Header = ["组织编码", "组织名称", "层级", "类别", "上级组织编码", "成立日期", "状态"];

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_CreatesNewChildrenInFileOrder_AndReimportRenames(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var file = Workbooks.Create([Header,
            ["T3", "三号镇党委", "乡镇党委", "", "C", "2001-01-01", null],
            ["V31", "三号村党支部", "党支部", "村", "T3", "2001-02-01", null],
            ["V31-G1", "第一党小组", "党小组", "村", "V31", null, null]]);

        var first = await RosterImportTests.UploadAsync(admin, "/api/v1/imports/organizations", file, "orgs.xlsx");
        var renamed = Workbooks.Create([Header, ["V31", "三号村党支部（更名）", "党支部", "村", "T3", null, null]]);
        var second = await RosterImportTests.UploadAsync(admin, "/api/v1/imports/organizations", renamed, "orgs.xlsx");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var group = await app.QueryAsync(db => db.Organizations.Include(o => o.Parent).SingleAsync(o => o.Code == "V31-G1"));
        Assert.Equal("V31", group.Parent!.Code);
        Assert.StartsWith($"/{tree.County}/", group.Path);
        Assert.Equal(3, group.Depth);
        Assert.Equal("三号村党支部（更名）", await app.QueryAsync(db => db.Organizations.Where(o => o.Code == "V31").Select(o => o.Name).SingleAsync()));
        Assert.True(await app.QueryAsync(db => db.OrganizationEvents.AnyAsync(e => e.Kind == Web.Modules.Organizations.OrganizationEventKind.Renamed && e.NewValue == "三号村党支部（更名）")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_WithUnknownParentBadLevelAndDuplicate_RefusesAll(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var before = await app.QueryAsync(db => db.Organizations.CountAsync());
        var file = Workbooks.Create([Header,
            ["V13", "北村党支部", "党支部", "村", "T1", null, null],
            ["V14", "孤村党支部", "党支部", "村", "T9", null, null],
            ["V15", "怪村党支部", "大队", "村", "T1", null, null],
            ["V13", "又一个", "党支部", "村", "T1", null, null],
            ["T1", "一号镇党委", "乡镇党委", "", "V11", null, null]]);

        var response = await RosterImportTests.UploadAsync(admin, "/api/v1/imports/organizations", file, "orgs.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(3, "上级组织编码"), (4, "层级"), (5, "组织编码"), (6, "层级")], errors);
        Assert.Equal(before, await app.QueryAsync(db => db.Organizations.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Export_ImportsBackUnchanged(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var exported = await admin.GetByteArrayAsync("/api/v1/exports/organizations?format=xlsx");
        var response = await RosterImportTests.UploadAsync(admin, "/api/v1/imports/organizations", exported, "orgs.xlsx");

        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((8, 0, 0), (report.GetProperty("unchanged").GetInt32(), report.GetProperty("created").GetInt32(), report.GetProperty("updated").GetInt32()));
        Assert.Equal(["组织编码", "组织名称", "层级", "类别", "上级组织编码", "成立日期", "状态"], Workbooks.Read(exported)[0]);
    }
}
