using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Bulletins;

public sealed class MonthOfWorkTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    private static string WordText(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return doc.MainDocumentPart!.Document.Body!.InnerText;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AMonthOfWork_ShowsOnTheDashboard_InTheBulletin_AndOnThePublicBoard(string provider)
    {
        // 5 October 2026, 10:00 China time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 5, 2, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var t1 = await app.SignInAsync("t1admin");
        var t2 = await app.SignInAsync("t2admin");
        async Task<long> Item(long org, string category, string description, string? deadline, string? person = null) =>
            (await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category, description, responsibleOrganizationId = org, deadline, responsiblePersonName = person }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var a = await Item(tree.V11, "组织建设", "三会一课记录不全", "2026-10-20", "赵一");
        await Item(tree.V12, "作风建设", "值班制度未落实", "2026-12-31");
        await Item(tree.B13, "组织建设", "党员积分未公示", null);
        await Item(tree.V21, "发展与服务", "村道路灯损坏", "2026-10-10");
        await t1.PostAsJsonAsync($"/api/v1/ledger/{a}/start", new { });
        await t1.PostAsJsonAsync($"/api/v1/ledger/{a}/submit", new { text = "已补齐" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/ledger/{a}/close-out", new { text = "合格" })).StatusCode);

        // A task for both townships; T1 finishes its part.
        var task = await (await admin.PostAsJsonAsync("/api/v1/tasks", new { title = "开展主题党日活动", deadline = "2026-10-31", organizationIds = new[] { tree.T1, tree.T2 } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var taskId = task.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await t2.PostAsJsonAsync($"/api/v1/tasks/{taskId}/organizations/{tree.T1}/complete", new { })).StatusCode);
        var done = await (await t1.PostAsJsonAsync($"/api/v1/tasks/{taskId}/organizations/{tree.T1}/complete", new { note = "已开展" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(50.0m, done.GetProperty("completionRate").GetDecimal());

        // Monthly visits to the south village; the first one finds a problem, which becomes a ledger item.
        var planned = await admin.PostAsJsonAsync("/api/v1/supervision/visits", new { organizationIds = new[] { tree.V21 }, subject = "村级组织运转督查", firstOn = "2026-10-15", count = 3 });
        var visits = await planned.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(planned.IsSuccessStatusCode, visits.ToString());
        Assert.Equal(["2026-10-15", "2026-11-15", "2026-12-15"], visits.EnumerateArray().Select(v => v.GetProperty("plannedOn").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await t2.PostAsJsonAsync($"/api/v1/supervision/visits/{visits[0].GetProperty("id").GetInt64()}/record", new { visitedOn = "2026-10-15" })).StatusCode);
        var recorded = await (await admin.PostAsJsonAsync($"/api/v1/supervision/visits/{visits[0].GetProperty("id").GetInt64()}/record", new
        {
            visitedOn = "2026-10-15", summary = "资料基本齐全", findings = new[] { new { category = "制度建设", description = "村务监督委员会未按月开会", deadline = "2026-10-25" } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, recorded.GetProperty("findings").GetInt32());
        var fromVisit = await t2.GetFromJsonAsync<JsonElement>("/api/v1/ledger?source=Supervision");
        Assert.Equal("村务监督委员会未按月开会", fromVisit.GetProperty("items")[0].GetProperty("description").GetString());

        // 3 November: the October bulletin.
        clock.Advance(TimeSpan.FromDays(29));
        admin = await app.SignInAsync("admin");
        t2 = await app.SignInAsync("t2admin");
        // A township publishes its own bulletin, over its own villages.
        var own = await (await t2.PostAsJsonAsync("/api/v1/bulletins", new { year = 2026, month = 10 })).Content.ReadFromJsonAsync<JsonElement>();
        var ownRows = (await t2.GetFromJsonAsync<JsonElement>($"/api/v1/bulletins/{own.GetProperty("id").GetInt64()}")).GetProperty("rows");
        Assert.Equal(["南村党支部"], ownRows.EnumerateArray().Select(r => r.GetProperty("organization").GetString()));
        await app.CreateUserAsync("v11sec", "V11", Pingyi.Web.Modules.Accounts.Roles.Secretary);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("v11sec")).PostAsJsonAsync("/api/v1/bulletins", new { year = 2026, month = 10 })).StatusCode);
        var published = await admin.PostAsJsonAsync("/api/v1/bulletins", new { year = 2026, month = 10 });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var id = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var bulletin = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/bulletins/{id}");
        Assert.Equal("2026-10-31", bulletin.GetProperty("asOf").GetString());
        Assert.Equal(5, bulletin.GetProperty("items").GetInt32());
        Assert.Equal(1, bulletin.GetProperty("closed").GetInt32());
        Assert.Equal(2, bulletin.GetProperty("overdue").GetInt32());
        var rows = bulletin.GetProperty("rows").EnumerateArray().Select(r => (
            r.GetProperty("rank").GetInt32(), r.GetProperty("organization").GetString(), r.GetProperty("items").GetInt32(), r.GetProperty("closed").GetInt32(),
            r.GetProperty("overdue").GetInt32(), r.GetProperty("ledgerRate").GetDecimal(), r.GetProperty("taskRate").GetDecimal())).ToList();
        Assert.Equal([(1, "一号镇党委", 3, 1, 0, 33.3m, 100.0m), (2, "二号乡党委", 2, 0, 2, 0.0m, 0.0m)], rows);
        Assert.Equal([("村道路灯损坏", 21), ("村务监督委员会未按月开会", 6)],
            bulletin.GetProperty("overdueItems").EnumerateArray().Select(o => (o.GetProperty("description").GetString(), o.GetProperty("daysOverdue").GetInt32())));
        var trend = bulletin.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal(6, trend.Count);
        Assert.Equal(("2026-10", 20.0m), (trend[5].GetProperty("month").GetString(), trend[5].GetProperty("rate").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, trend[4].GetProperty("rate").ValueKind);

        var word = WordText(await admin.GetByteArrayAsync($"/api/v1/bulletins/{id}/document"));
        Assert.Contains("测试县委2026年10月整改落实情况通报", word);
        Assert.Contains("村道路灯损坏", word);
        Assert.Contains("33.3%", word);
        Assert.DoesNotContain("赵一", word);

        // The public board: no login, no people, no items.
        var anonymous = app.CreateClient();
        var board = await anonymous.GetStringAsync($"/api/public/bulletins/{id}");
        Assert.Contains("二号乡党委", board);
        Assert.DoesNotContain("赵一", board);
        Assert.DoesNotContain("村道路灯损坏", board);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/Public/Board/{id}")).StatusCode);
        Assert.Contains($"/Public/Board/{id}", await anonymous.GetStringAsync("/Public"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/bulletins/{id}")).StatusCode);

        // The dashboard, and the drill-down to the items behind a number.
        var dashboard = await admin.GetFromJsonAsync<JsonElement>("/api/v1/ledger/dashboard");
        Assert.Equal((4, 2, 1), (dashboard.GetProperty("all").GetProperty("open").GetInt32(), dashboard.GetProperty("all").GetProperty("overdue").GetInt32(),
            dashboard.GetProperty("all").GetProperty("closed").GetInt32()));
        var south = dashboard.GetProperty("byOrganization").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "二号乡党委");
        Assert.Equal(2, south.GetProperty("overdue").GetInt32());
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/ledger?under={tree.T2}&overdue=true")).GetProperty("total").GetInt32());
        Assert.Equal(2, dashboard.GetProperty("byCategory").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "组织建设").GetProperty("open").GetInt32() + 1);
        var page = await (await admin.GetAsync("/Ledger/Dashboard")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/Ledger?under={tree.T2}&overdue=true\"", page);

        // Another township sees none of the county's bulletin or the other's figures.
        Assert.Equal([own.GetProperty("id").GetInt64()], (await t2.GetFromJsonAsync<JsonElement[]>("/api/v1/bulletins"))!.Select(b => b.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await t2.GetAsync($"/api/v1/bulletins/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t2.GetAsync($"/api/v1/bulletins/{id}/document")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await t2.GetAsync($"/api/v1/ledger/dashboard?root={tree.T1}")).StatusCode);

        // The south township's year-end report on its ledger.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t1admin")).PutAsJsonAsync($"/api/v1/year-end/{tree.T2}/2026", new { text = "x" })).StatusCode);
        var yearEnd = await (await t2.PutAsJsonAsync($"/api/v1/year-end/{tree.T2}/2026", new { text = "今年整改事项两项，均在推进。\n下一步加快进度。" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 0, 2, 2), (yearEnd.GetProperty("raised").GetInt32(), yearEnd.GetProperty("closedInYear").GetInt32(),
            yearEnd.GetProperty("openAtEnd").GetInt32(), yearEnd.GetProperty("overdueAtEnd").GetInt32()));
        var yearEndWord = WordText(await t2.GetByteArrayAsync($"/api/v1/year-end/{tree.T2}/2026/document"));
        Assert.Contains("下一步加快进度。", yearEndWord);
        Assert.Contains("二号乡党委2026年整改落实情况专题汇报", yearEndWord);

        // Daily reports and the calendar of who has reported.
        var t1Again = await app.SignInAsync("t1admin");
        Assert.Equal(HttpStatusCode.OK, (await t1Again.PostAsJsonAsync("/api/v1/daily-reports", new { text = "走访东村、西村" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await t1Again.PostAsJsonAsync("/api/v1/daily-reports", new { date = "2026-10-25", text = "补报" })).StatusCode);
        var calendar = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/daily-reports/calendar?year=2026&month=11&organizationId={tree.T1}");
        Assert.Equal(["t1admin", "v11sec"], calendar.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var row = calendar.GetProperty("rows")[0];
        Assert.Equal(0, calendar.GetProperty("rows")[1].GetProperty("count").GetInt32());
        Assert.Equal([false, false, true], row.GetProperty("reported").EnumerateArray().Take(3).Select(x => x.GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, (await t2.GetAsync($"/api/v1/daily-reports/calendar?year=2026&month=11&organizationId={tree.T1}")).StatusCode);

        var audit = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditEntries.Where(e => e.Action.StartsWith("task.") || e.Action.StartsWith("supervision.") || e.Action.StartsWith("bulletin.") || e.Action.StartsWith("yearend.") || e.Action.StartsWith("daily."))
                .OrderBy(e => e.Id).Select(e => e.Action)));
        Assert.Equal(["task.create", "task.complete", "supervision.plan", "supervision.record", "bulletin.publish", "bulletin.publish", "yearend.save", "daily.submit"], audit);
    }
}
