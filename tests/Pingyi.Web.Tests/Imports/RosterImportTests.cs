using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Imports;

public sealed class RosterImportTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, byte[] file, string fileName)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", fileName);
        return await client.PostAsync(url, content);
    }

    private static string?[] Row(string name, string id, string org, string status = "正式党员", string joined = "2015-07-01", string? position = null, string? gender = null, string? phone = "13800138000") =>
        [name, gender, id, phone, org, null, status, joined, status == "正式党员" ? "2016-07-01" : null, position, null, null];

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_WithBadRows_ReportsRowColumnAndReason_AndWritesNothing(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var bad = Ids.Valid(20)[..17] + (Ids.Valid(20)[17] == '1' ? "2" : "1");
        var file = Workbooks.Create([
            Workbooks.RosterHeader,
            Row("周五", Ids.Valid(10), "V11"),
            Row("吴六", bad, "V11"),
            Row("郑七", Ids.Valid(11), "NOPE"),
            Row("王八", Ids.Valid(12), "V12", joined: "2099-01-01"),
            Row("冯九", Ids.Valid(10), "V12"),
        ]);
        var before = await app.QueryAsync(db => db.People.CountAsync());

        var response = await UploadAsync(admin, "/api/v1/imports/roster", file, "花名册.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, report.GetProperty("rowsRead").GetInt32());
        Assert.Equal(1, report.GetProperty("accepted").GetInt32());
        Assert.Equal(4, report.GetProperty("rejected").GetInt32());
        Assert.False(report.GetProperty("committed").GetBoolean());
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("reason").GetString())).ToList();
        Assert.Equal((3, "公民身份号码", "身份证号码校验位错误"), errors[0]);
        Assert.Equal((4, "所在组织编码"), (errors[1].Item1, errors[1].Item2));
        Assert.Contains("NOPE", errors[1].Item3);
        Assert.Equal((5, "入党日期"), (errors[2].Item1, errors[2].Item2));
        Assert.Equal((6, "公民身份号码", "与第2行的身份证号码重复"), errors[3]);
        Assert.Equal(before, await app.QueryAsync(db => db.People.CountAsync()));
    }

    /// <summary>学历 as rosters write it is read into its level; a blank cell keeps what is recorded; an unknown one is refused with row and column.</summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task Import_ReadsEducation_AndKeepsItWhenTheCellIsBlank(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var header = Workbooks.RosterHeader;
        string?[] With(string?[] row, string? education) => [.. row, education];
        var unknown = await UploadAsync(admin, "/api/v1/imports/roster", Workbooks.Create([header, With(Row("周五", Ids.Valid(10), "V11"), "本科"), With(Row("吴六", Ids.Valid(11), "V11"), "博士后")]), "a.xlsx");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var error = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal((3, "学历"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
        Assert.Contains("学历“博士后”无效", error.GetProperty("reason").GetString());

        var file = Workbooks.Create([header, With(Row("周五", Ids.Valid(10), "V11"), "本科"), With(Row("吴六", Ids.Valid(11), "V11"), "大专"), With(Row("郑七", Ids.Valid(12), "V11"), "初中")]);
        Assert.True((await (await UploadAsync(admin, "/api/v1/imports/roster", file, "a.xlsx")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("committed").GetBoolean());
        async Task<string[]> LevelsAsync() => [.. (await app.QueryAsync(db => db.People.Where(p => p.Name == "周五" || p.Name == "吴六" || p.Name == "郑七")
            .Select(p => new { p.Name, p.Education }).ToListAsync())).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Education?.ToString() ?? "none")];
        Assert.Equal(["College", "Bachelor", "JuniorOrBelow"], await LevelsAsync()); // 吴六, 周五, 郑七 in ordinal order of names
        var blank = Workbooks.Create([header, With(Row("周五", Ids.Valid(10), "V11"), null), With(Row("郑七", Ids.Valid(12), "V11"), "高中")]);
        var again = await (await UploadAsync(admin, "/api/v1/imports/roster", blank, "b.xlsx")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1), (again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        Assert.Equal(["College", "Bachelor", "HighSchool"], await LevelsAsync());
        var export = await admin.GetStringAsync("/api/v1/exports/roster?format=csv");
        Assert.Contains("大学本科", export, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_SameFileTwice_CreatesThenUpdatesWithoutDuplicates(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var rows = new List<string?[]> { Workbooks.RosterHeader };
        for (var i = 0; i < 30; i++)
        {
            rows.Add(Row($"成员{i}", Ids.Valid(100 + i), i % 2 == 0 ? "V11" : "V12", position: i == 0 ? "书记" : null));
        }
        rows.Add(Row("赵一", Ids.Valid(1), "V12"));   // already in V11: a transfer
        var file = Workbooks.Create(rows);

        var first = await (await UploadAsync(admin, "/api/v1/imports/roster", file, "a.xlsx")).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await UploadAsync(admin, "/api/v1/imports/roster", file, "a.xlsx")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(first.GetProperty("committed").GetBoolean(), first.ToString());
        Assert.Equal((30, 1), (first.GetProperty("created").GetInt32(), first.GetProperty("updated").GetInt32()));
        Assert.Equal((0, 0, 31), (second.GetProperty("created").GetInt32(), second.GetProperty("updated").GetInt32(), second.GetProperty("unchanged").GetInt32()));
        Assert.Equal(34, await app.QueryAsync(db => db.People.CountAsync()));
        var zhao = await app.QueryAsync(db => db.People.SingleAsync(p => p.Name == "赵一"));
        Assert.Equal(tree.V12, zhao.OrganizationId);
        var history = await app.QueryAsync(db => db.Memberships.Where(m => m.PersonId == zhao.Id).OrderBy(m => m.Id).Select(m => new { m.OrganizationId, m.EndedOn }).ToListAsync());
        Assert.Equal(2, history.Count);
        Assert.Equal(tree.V11, history[0].OrganizationId);
        Assert.NotNull(history[0].EndedOn);
        Assert.Null(history[1].EndedOn);
        Assert.Equal(1, await app.QueryAsync(db => db.CadrePositions.CountAsync(c => c.Person!.Name == "成员0" && c.OrganizationId == tree.V11)));
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "import.roster")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DryRun_ValidatesAndReports_ButWritesNothing(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var file = Workbooks.Create([Workbooks.RosterHeader, Row("周五", Ids.Valid(10), "V11"), Row("吴六", Ids.Valid(11), "V12")]);

        var response = await UploadAsync(admin, "/api/v1/imports/roster?dryRun=true", file, "a.xlsx");

        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.False(report.GetProperty("committed").GetBoolean());
        Assert.Equal(4, await app.QueryAsync(db => db.People.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_Csv_InGb18030_IsRead(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = string.Join("\r\n", [string.Join(',', Workbooks.RosterHeader), $"周五,,{Ids.Valid(10)},,V11,,预备党员,2026-01-05,,,,人大代表"]);

        var response = await UploadAsync(admin, "/api/v1/imports/roster", Encoding.GetEncoding("GB18030").GetBytes(csv), "a.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var person = await app.QueryAsync(db => db.People.SingleAsync(p => p.Name == "周五"));
        Assert.Equal(Core.People.MemberStatus.Probationary, person.MemberStatus);
        Assert.Equal(Core.People.RepresentativeRoles.PeoplesCongress, person.Representatives);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_IntoAnotherTownship_IsRefusedForATownshipAdministrator(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");
        var file = Workbooks.Create([Workbooks.RosterHeader, Row("周五", Ids.Valid(10), "V21"), Row("李四", Ids.Valid(4), "V11")]);

        var response = await UploadAsync(township, "/api/v1/imports/roster", file, "a.xlsx");

        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(2, "所在组织编码"), (3, "公民身份号码")], errors);
        Assert.Equal(4, await app.QueryAsync(db => db.People.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_WithoutRequiredHeader_NamesTheMissingColumn(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var response = await UploadAsync(admin, "/api/v1/imports/roster", Workbooks.Create([["姓名", "所在组织编码"], ["周五", "V11"]]), "a.xlsx");

        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = report.GetProperty("errors")[0];
        Assert.Equal((1, "公民身份号码"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Export_ThenImport_RoundTripsUnchanged_AndMasksByDefault(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");

        var masked = Workbooks.Read(await admin.GetByteArrayAsync("/api/v1/exports/roster?format=xlsx"));
        var full = await admin.GetByteArrayAsync("/api/v1/exports/roster?format=xlsx&unmasked=true");
        var reimport = await (await UploadAsync(admin, "/api/v1/imports/roster", full, "export.xlsx")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(Workbooks.RosterHeader, masked[0]);
        Assert.Equal(5, masked.Count);
        var id = Ids.Valid(1);
        var zhao = masked.Single(r => r[0] == "赵一");
        Assert.Equal(id[..6] + "********" + id[14..], zhao[2]);
        Assert.Equal("139****5678", zhao[3]);
        Assert.True(reimport.GetProperty("committed").GetBoolean(), reimport.ToString());
        Assert.Equal(4, reimport.GetProperty("unchanged").GetInt32());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UnmaskedExport_IsRefusedToATownshipAdministrator(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");

        var refused = await township.GetAsync("/api/v1/exports/roster?format=csv&unmasked=true");
        var own = Encoding.UTF8.GetString(await township.GetByteArrayAsync("/api/v1/exports/roster?format=csv"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("赵一", own);
        Assert.DoesNotContain("李四", own);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_OfADamagedWorkbook_SaysSoAndWritesNothing(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var file = Workbooks.Create([Workbooks.RosterHeader, Row("周五", Ids.Valid(10), "V11")]);
        Array.Resize(ref file, file.Length / 2);

        var response = await UploadAsync(admin, "/api/v1/imports/roster", file, "broken.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("无法读取", report.GetProperty("message").GetString());
        Assert.Equal(4, await app.QueryAsync(db => db.People.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_AfterPeopleWereAdded_AssignsFreshIds_AndKeepsTheChainOfMemberships(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var first = Workbooks.Create([Workbooks.RosterHeader, Row("甲", Ids.Valid(60), "V11"), Row("乙", Ids.Valid(61), "V11")]);
        var second = Workbooks.Create([Workbooks.RosterHeader, Row("丙", Ids.Valid(62), "V12")]);

        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(admin, "/api/v1/imports/roster", first, "1.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(admin, "/api/v1/imports/roster", second, "2.xlsx")).StatusCode);
        var byHand = await admin.PostAsJsonAsync("/api/v1/people", new { name = "丁", idNumber = Ids.Valid(63), organizationId = tree.V12, memberStatus = "None" });

        Assert.Equal(HttpStatusCode.Created, byHand.StatusCode);
        var ids = await app.QueryAsync(db => db.People.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        Assert.Equal(8, ids.Distinct().Count());
        var memberships = await app.QueryAsync(db => db.Memberships.Select(m => m.PersonId).ToListAsync());
        Assert.All(ids, id => Assert.Contains(id, memberships));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task PartialImport_WritesTheGoodRows_AndReportsTheSkippedOnes(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var file = Workbooks.Create([Workbooks.RosterHeader, Row("甲", Ids.Valid(64), "V11"), Row("乙", Ids.Valid(65), "NOPE"), Row("丙", Ids.Valid(66), "V12")]);

        var response = await UploadAsync(admin, "/api/v1/imports/roster?partial=true", file, "p.xlsx");
        var headerless = await UploadAsync(admin, "/api/v1/imports/roster?partial=true", Workbooks.Create([["姓名"], ["丁"]]), "h.xlsx");

        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(report.GetProperty("committed").GetBoolean());
        Assert.Equal((2, 1), (report.GetProperty("created").GetInt32(), report.GetProperty("rejected").GetInt32()));
        Assert.Equal(3, report.GetProperty("errors")[0].GetProperty("row").GetInt32());
        Assert.Contains("跳过1行", report.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, headerless.StatusCode);
        Assert.Equal(6, await app.QueryAsync(db => db.People.CountAsync()));
    }
}
