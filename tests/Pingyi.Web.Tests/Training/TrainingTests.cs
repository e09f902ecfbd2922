using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Training;

/// <summary>
/// 轮训: a course registered, its sign-in sheet refused row by row (name, ID number, hours) with nothing saved, then imported
/// whole and again without doubling; coverage of branch secretaries against the target; the hours in the cadre's archive.
/// </summary>
public sealed class TrainingTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static Task<HttpResponseMessage> Upload(HttpClient client, long course, byte[] workbook) =>
        Imports.RosterImportTests.UploadAsync(client, $"/api/v1/training/courses/{course}/attendance", workbook, "签到表.xlsx");

    [Theory, MemberData(nameof(Providers))]
    public async Task ASignInSheet_IsRefusedRowByRow_ThenImportedWhole_AndCountsTowardsCoverage(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var zhao = await app.QueryAsync(db => db.People.Where(p => p.Name == "赵一").Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/people/{zhao}/positions", new { organizationId = t.V11, title = "Secretary", termStart = "2018-01-01" })).StatusCode);

        var wrong = await admin.PostAsJsonAsync("/api/v1/training/courses", new { title = "村党组织书记轮训班", kind = "PartySchool", organizationId = t.County, startOn = "2026-03-03", endOn = "2026-03-01", hours = 24 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("endOn", await wrong.Content.ReadAsStringAsync());
        var created = await admin.PostAsJsonAsync("/api/v1/training/courses", new { title = "村党组织书记轮训班", kind = "PartySchool", organizationId = t.County, startOn = "2026-03-01", endOn = "2026-03-03", place = "县委党校", hours = 24 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var course = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        string?[] Header = ["姓名", "公民身份号码", "学时"];
        var bad = Workbooks.Create([Header, ["赵一", Ids.Valid(1), null], ["钱三", Ids.Valid(2), null], ["孙三", "123", null], ["周五", Ids.Valid(50), null], ["孙三", Ids.Valid(3), "很多"]]);
        var refused = await Upload(admin, course, bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).Order().ToArray();
        Assert.Equal([(3, "姓名"), (4, "公民身份号码"), (5, "公民身份号码"), (6, "学时")], errors);
        Assert.Equal(0, await app.QueryAsync(db => db.TrainingAttendances.CountAsync()));

        var good = Workbooks.Create([Header, ["赵一", Ids.Valid(1), null], ["钱二", Ids.Valid(2), null], ["孙三", Ids.Valid(3), "16"]]);
        var imported = await Upload(admin, course, good);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(3, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32());
        var again = await (await Upload(admin, course, good)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 3), (again.GetProperty("created").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        Assert.Equal(3, await app.QueryAsync(db => db.TrainingAttendances.CountAsync()));
        Assert.Equal(16m, await app.QueryAsync(db => db.TrainingAttendances.Where(a => a.Hours != 24).Select(a => a.Hours).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await Upload(await app.SignInAsync("t2admin"), course, good)).StatusCode);

        // Two leading cadres of 一号镇: 钱二 (trained) and 吴六, 26 at the year's end (young, not trained).
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/people/{await app.QueryAsync(db => db.People.Where(p => p.Name == "钱二").Select(p => p.Id).SingleAsync())}/positions",
            new { organizationId = t.T1, title = "DeputySecretary", termStart = "2021-01-01" })).StatusCode);
        var wu = await admin.PostAsJsonAsync("/api/v1/people", new { name = "吴六", idNumber = Ids.Valid(60, 2000), organizationId = t.V12, memberStatus = "Full", joinedOn = "2022-07-01" });
        Assert.Equal(HttpStatusCode.Created, wu.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/people/{(await wu.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("id").GetInt64()}/positions",
            new { organizationId = t.T1, title = "CommitteeMember", termStart = "2025-01-01" })).StatusCode);

        // Coverage: 一号镇's one branch secretary trained (the target met), one of its two leading cadres, none of its one young cadre, three of
        // its four members; 二号乡 has no secretary on record. The targets come with the rows.
        var body = await admin.GetFromJsonAsync<JsonElement>("/api/v1/training/coverage/2026");
        Assert.Equal((1m, 0.5m, 30), (body.GetProperty("targets").GetProperty("secretaries").GetDecimal(), body.GetProperty("targets").GetProperty("members").GetDecimal(),
            body.GetProperty("targets").GetProperty("youngAge").GetInt32()));
        var coverage = body.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal((2, 1, 1, 0), (coverage["一号镇党委"].GetProperty("cadres").GetInt32(), coverage["一号镇党委"].GetProperty("cadresTrained").GetInt32(),
            coverage["一号镇党委"].GetProperty("youngCadres").GetInt32(), coverage["一号镇党委"].GetProperty("youngCadresTrained").GetInt32()));
        Assert.Equal((1, 1, 4, 3), (coverage["一号镇党委"].GetProperty("secretaries").GetInt32(), coverage["一号镇党委"].GetProperty("secretariesTrained").GetInt32(),
            coverage["一号镇党委"].GetProperty("members").GetInt32(), coverage["一号镇党委"].GetProperty("membersTrained").GetInt32()));
        Assert.Equal(64m, coverage["合计"].GetProperty("hours").GetDecimal());
        Assert.Equal(0, (await (await app.SignInAsync("t2admin")).GetFromJsonAsync<JsonElement>("/api/v1/training/courses?year=2026")).GetArrayLength());

        var archive = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/archives/cadres/{zhao}");
        Assert.Equal(("村党组织书记轮训班", 24m), (archive.GetProperty("training")[0].GetProperty("title").GetString(), archive.GetProperty("training")[0].GetProperty("hours").GetDecimal()));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "training.attendance")));
    }
}
