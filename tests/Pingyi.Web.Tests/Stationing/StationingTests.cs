using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pingyi.Core.Stationing;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Stationing;

/// <summary>
/// A stationed cadre (驻村干部): stationed in a village, refused when wrong; deeds with evidence, monthly check-ins with the
/// missed months, the village's evaluation with its rating, the end of the stay; seen by the village's township and the
/// sending unit, by no one else; shown in the cadre's archive; every change audited.
/// </summary>
public sealed class StationingTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task AStay_FromStationingToTheVillagesEvaluation_InTheCadresArchive(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        await app.CreateUserAsync("v11sec", "V11", "Secretary");
        await app.CreateUserAsync("v12admin", "V12", "OrganizationAdministrator");
        var cadre = await app.QueryAsync(db => db.People.Where(p => p.Name == "李四").Select(p => p.Id).SingleAsync());
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>());
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-3).AddDays(9);
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        object Stay(long village) => new { personId = cadre, villageOrganizationId = village, sentByOrganizationId = t.T2, role = "驻村第一书记", startOn = Day(start) };

        // Refusals: a branch secretary, a village outside the scope, an enterprise branch, a missing role — nothing saved.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("v11sec")).PostAsJsonAsync("/api/v1/stationing", Stay(t.V11))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsJsonAsync("/api/v1/stationing", Stay(t.V11))).StatusCode);
        var enterprise = await township.PostAsJsonAsync("/api/v1/stationing", Stay(t.B13));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, enterprise.StatusCode);
        Assert.Contains("villageOrganizationId", await enterprise.Content.ReadAsStringAsync());
        var noRole = await township.PostAsJsonAsync("/api/v1/stationing", new { personId = cadre, villageOrganizationId = t.V11, startOn = Day(start) });
        Assert.Contains("请填写驻村职务", await noRole.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.StationAssignments.CountAsync()));

        var created = await township.PostAsJsonAsync("/api/v1/stationing", Stay(t.V11));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("station").GetProperty("id").GetInt64();
        var twice = await township.PostAsJsonAsync("/api/v1/stationing", Stay(t.V12));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("李四正在东村党支部驻村", await twice.Content.ReadAsStringAsync());

        // Seen by the village's township and by the sending township (T2), not by another village's administrator.
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("t2admin")).GetAsync($"/api/v1/stationing/{id}")).StatusCode);
        var outsider = await app.SignInAsync("v12admin");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/stationing/{id}")).StatusCode);
        Assert.Equal(0, (await outsider.GetFromJsonAsync<JsonElement>("/api/v1/stationing")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/v1/stationing/{id}/entries", new { kind = "Deed", on = Day(today), text = "x" })).StatusCode);

        // A deed with a photo; a deed before the stay, in the future, or with a program file is refused and saves nothing.
        byte[] photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7];
        using (var form = new MultipartFormDataContent
               {
                   { new StringContent("Deed"), "kind" }, { new StringContent(Day(start.AddDays(5))), "on" }, { new StringContent("协调资金硬化通组路 1.2 公里"), "text" },
                   { new StringContent("320"), "beneficiaries" }, { new ByteArrayContent(photo), "file", "通组路.png" },
               })
        {
            Assert.Equal(HttpStatusCode.OK, (await township.PostAsync($"/api/v1/stationing/{id}/entries/files", form)).StatusCode);
        }
        using (var bad = new MultipartFormDataContent { { new StringContent("Deed"), "kind" }, { new StringContent(Day(today)), "on" }, { new StringContent("x"), "text" }, { new ByteArrayContent([1]), "file", "run.exe" } })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsync($"/api/v1/stationing/{id}/entries/files", bad)).StatusCode);
        }
        var early = await township.PostAsJsonAsync($"/api/v1/stationing/{id}/entries", new { kind = "Deed", on = Day(start.AddDays(-1)), text = "走访" });
        Assert.Contains("日期应在驻村期间", await early.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/stationing/{id}/entries", new { kind = "WorkLog", on = Day(today.AddDays(1)), text = "走访" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/stationing/{id}/entries", new { kind = "WorkLog", on = Day(today), text = "入户走访" })).StatusCode);

        // Check-ins: the stay began three months back, so three months are due; one checked in, the second refused twice over.
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/stationing/{id}/check-ins", new { month = Day(start), daysInVillage = 20, note = "走访农户 30 户" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync($"/api/v1/stationing/{id}/check-ins", new { month = Day(start.AddDays(3)), daysInVillage = 20 })).StatusCode);
        var tooMany = await township.PostAsJsonAsync($"/api/v1/stationing/{id}/check-ins", new { month = Day(start.AddMonths(1)), daysInVillage = 32 });
        Assert.Contains("daysInVillage", await tooMany.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/stationing/{id}/check-ins", new { month = Day(start.AddMonths(-1)), daysInVillage = 3 })).StatusCode);

        // The village's evaluation: 45 + 4 of 50 satisfied or basically — 98%, excellent; once a year; all zero refused.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/stationing/{id}/evaluations",
            new { year = today.Year, heldOn = Day(today), satisfied = 0, basicallySatisfied = 0, dissatisfied = 0 })).StatusCode);
        var evaluated = await township.PostAsJsonAsync($"/api/v1/stationing/{id}/evaluations", new { year = today.Year, heldOn = Day(today), satisfied = 45, basicallySatisfied = 4, dissatisfied = 1 });
        Assert.Equal(HttpStatusCode.OK, evaluated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync($"/api/v1/stationing/{id}/evaluations",
            new { year = today.Year, heldOn = Day(today), satisfied = 1, basicallySatisfied = 0, dissatisfied = 0 })).StatusCode);

        var details = await township.GetFromJsonAsync<JsonElement>($"/api/v1/stationing/{id}");
        var station = details.GetProperty("station");
        Assert.Equal((1, 320, 3, 2), (station.GetProperty("deeds").GetInt32(), station.GetProperty("beneficiaries").GetInt32(), station.GetProperty("monthsDue").GetInt32(),
            station.GetProperty("monthsMissed").GetInt32()));
        Assert.Equal([Day(start.AddMonths(1).AddDays(-9)), Day(start.AddMonths(2).AddDays(-9))], details.GetProperty("missed").EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.Equal("Excellent", details.GetProperty("evaluations")[0].GetProperty("rating").GetString());
        Assert.Equal(0.98m, details.GetProperty("evaluations")[0].GetProperty("rate").GetDecimal());
        var deed = details.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Deed");
        var file = await township.GetAsync($"/api/v1/stationing/{id}/entries/{deed.GetProperty("id").GetInt64()}/evidence");
        Assert.Equal(photo, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/stationing/{id}/entries/{deed.GetProperty("id").GetInt64()}/evidence")).StatusCode);

        // The township's figures and the cadre's archive.
        var summary = await township.GetFromJsonAsync<JsonElement>($"/api/v1/stationing/summary?year={today.Year}");
        var total = summary.EnumerateArray().Last();
        Assert.Equal((1, 1), (total.GetProperty("stationed").GetInt32(), total.GetProperty("villages").GetInt32()));
        Assert.Equal(start.AddDays(5).Year == today.Year ? (1, 320) : (0, 0), (total.GetProperty("deeds").GetInt32(), total.GetProperty("beneficiaries").GetInt32()));
        var archive = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/archives/cadres/{cadre}");
        var stay = archive.GetProperty("stationing")[0];
        Assert.Equal((id, "东村党支部"), (stay.GetProperty("stay").GetProperty("id").GetInt64(), stay.GetProperty("stay").GetProperty("village").GetString()));
        Assert.Equal("Excellent", stay.GetProperty("evaluations")[0].GetProperty("rating").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/documents/issuers/{t.County}", new { name = "中共测试县委员会", prefix = "测组通" })).StatusCode);
        var record = OfficialFormat.Check(await admin.GetByteArrayAsync($"/api/v1/archives/cadres/{cadre}/record.docx"));
        Assert.Contains("十、驻村工作", record.Body, StringComparison.Ordinal);
        Assert.Contains("1件，受益320人", record.Body, StringComparison.Ordinal);
        Assert.Contains($"{today.Year}年度优秀", record.Body, StringComparison.Ordinal);

        // The end: not before the start; afterwards nothing is logged after the end day and it is not ended twice.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/stationing/{id}/end", new { endOn = Day(start.AddDays(-1)) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/stationing/{id}/end", new { endOn = Day(today.AddDays(-1)) })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await township.PostAsJsonAsync($"/api/v1/stationing/{id}/entries", new { kind = "WorkLog", on = Day(today), text = "走访" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync($"/api/v1/stationing/{id}/end", new { endOn = Day(today) })).StatusCode);
        Assert.Equal(0, (await township.GetFromJsonAsync<JsonElement>("/api/v1/stationing")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await township.GetFromJsonAsync<JsonElement>("/api/v1/stationing?current=false")).GetProperty("total").GetInt32());

        var actions = await app.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "StationAssignment").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["station.assign", "station.deed", "station.log", "station.checkin", "station.evaluate", "station.end"], actions);
    }
}
