using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Bulletins;

/// <summary>
/// A month of work in the small county — ledger items, a task, monthly visits, then on 3 November the October
/// bulletins, a year-end report and a daily report — run once per database by <see cref="MonthsOfWork"/>; each test
/// checks one step: tasks, visits, the bulletin's figures, its Word document, the public board, the dashboard,
/// another township's view, the year-end report, daily reports and the audit trail of it all.
/// </summary>
public sealed class MonthOfWorkTests(MonthsOfWork months) : IClassFixture<MonthsOfWork>
{
    public static TheoryData<string> Providers => Support.Providers.All;


    [Theory, MemberData(nameof(Providers))]
    public async Task Task_IsCompletedByItsOrganization_NotByAnother_AndTheRateFollows(string provider)
    {
        var m = await months.For(provider);

        Assert.Equal(HttpStatusCode.NotFound, m.TaskCompletedByAnother);
        Assert.Equal(50.0m, m.TaskDone.GetProperty("completionRate").GetDecimal());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Visits_ArePlannedMonthly_RecordedOnlyByTheSupervisor_AndTheirFindingsEnterTheLedger(string provider)
    {
        var m = await months.For(provider);

        Assert.Equal(["2026-10-15", "2026-11-15", "2026-12-15"], m.Visits.EnumerateArray().Select(v => v.GetProperty("plannedOn").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, m.VisitRecordedByAnother);
        Assert.Equal(1, m.VisitRecorded.GetProperty("findings").GetInt32());
        var fromVisit = await m.T2.GetFromJsonAsync<JsonElement>("/api/v1/ledger?source=Supervision");
        Assert.Equal("村务监督委员会未按月开会", fromVisit.GetProperty("items")[0].GetProperty("description").GetString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheCountysOctoberBulletin_RanksTheTownships_ListsTheOverdue_AndShowsTheTrend(string provider)
    {
        var m = await months.For(provider);

        var bulletin = await m.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/bulletins/{m.BulletinId}");

        Assert.Equal("2026-10-31", bulletin.GetProperty("asOf").GetString());
        Assert.Equal(5, bulletin.GetProperty("items").GetInt32());
        Assert.Equal(1, bulletin.GetProperty("closed").GetInt32());
        Assert.Equal(2, bulletin.GetProperty("overdue").GetInt32());
        var rows = bulletin.GetProperty("rows").EnumerateArray().Select(r => (
            r.GetProperty("rank").GetInt32(), r.GetProperty("organization").GetString(), r.GetProperty("items").GetInt32(), r.GetProperty("closed").GetInt32(),
            r.GetProperty("overdue").GetInt32(), r.GetProperty("ledgerRate").GetDecimal(), r.GetProperty("taskRate").GetDecimal())).ToList();
        Assert.Equal([(1, "一号镇党委", 3, 1, 0, 33.3m, 100.0m), (2, "二号乡党委", 2, 0, 2, 0.0m, 0.0m)], rows);
        Assert.Equal([("村道路灯损坏", 21), ("村务监督委员会未按月开会", 5)],
            bulletin.GetProperty("overdueItems").EnumerateArray().Select(o => (o.GetProperty("description").GetString(), o.GetProperty("daysOverdue").GetInt32())));
        var trend = bulletin.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal(6, trend.Count);
        Assert.Equal(("2026-10", 20.0m), (trend[5].GetProperty("month").GetString(), trend[5].GetProperty("rate").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, trend[4].GetProperty("rate").ValueKind);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ATownship_PublishesItsOwnBulletin_OverItsVillages_AndABranchSecretaryCannot(string provider)
    {
        var m = await months.For(provider);

        var ownRows = (await m.T2.GetFromJsonAsync<JsonElement>($"/api/v1/bulletins/{m.TownshipBulletinId}")).GetProperty("rows");

        Assert.Equal(["南村党支部"], ownRows.EnumerateArray().Select(r => r.GetProperty("organization").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, m.PublishedBySecretary);
        Assert.Equal(HttpStatusCode.OK, m.Published);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheBulletinsWordDocument_NamesTheIssuerAndTheOverdue_ButNoPerson(string provider)
    {
        var m = await months.For(provider);

        var document = OfficialFormat.Check(await m.Admin.GetByteArrayAsync($"/api/v1/bulletins/{m.BulletinId}/document"));
        var word = document.Body;

        Assert.Equal("测试县委", document.Issuer); // no issuer set: the organization under its own name
        Assert.Equal("〔2026〕1号", document.Number);
        Assert.Equal("关于2026年10月整改落实情况的通报", document.Title);
        Assert.Contains("村道路灯损坏", word);
        Assert.Contains("33.3%", word);
        Assert.DoesNotContain("赵一", word);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ThePublicBoard_NeedsNoLogin_AndShowsNoPeopleAndNoItems(string provider)
    {
        var m = await months.For(provider);
        var anonymous = m.App.CreateClient();

        var board = await anonymous.GetStringAsync($"/api/public/bulletins/{m.BulletinId}");

        Assert.Contains("二号乡党委", board);
        Assert.DoesNotContain("赵一", board);
        Assert.DoesNotContain("村道路灯损坏", board);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/Public/Board/{m.BulletinId}")).StatusCode);
        Assert.Contains($"/Public/Board/{m.BulletinId}", await anonymous.GetStringAsync("/Public"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/bulletins/{m.BulletinId}")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheDashboard_CountsOpenOverdueAndClosed_AndDrillsDownToTheItems(string provider)
    {
        var m = await months.For(provider);

        var dashboard = await m.Admin.GetFromJsonAsync<JsonElement>("/api/v1/ledger/dashboard");

        Assert.Equal((4, 2, 1), (dashboard.GetProperty("all").GetProperty("open").GetInt32(), dashboard.GetProperty("all").GetProperty("overdue").GetInt32(),
            dashboard.GetProperty("all").GetProperty("closed").GetInt32()));
        var south = dashboard.GetProperty("byOrganization").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "二号乡党委");
        Assert.Equal(2, south.GetProperty("overdue").GetInt32());
        Assert.Equal(2, (await m.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/ledger?under={m.Tree.T2}&overdue=true")).GetProperty("total").GetInt32());
        Assert.Equal(2, dashboard.GetProperty("byCategory").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "组织建设").GetProperty("open").GetInt32() + 1);
        var page = await (await m.Admin.GetAsync("/Ledger/Dashboard")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/Ledger?under={m.Tree.T2}&overdue=true\"", page);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnotherTownship_SeesNoneOfTheCountysBulletin_NorTheOthersFigures(string provider)
    {
        var m = await months.For(provider);

        Assert.Equal([m.TownshipBulletinId], (await m.T2.GetFromJsonAsync<JsonElement[]>("/api/v1/bulletins"))!.Select(b => b.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await m.T2.GetAsync($"/api/v1/bulletins/{m.BulletinId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await m.T2.GetAsync($"/api/v1/bulletins/{m.BulletinId}/document")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await m.T2.GetAsync($"/api/v1/ledger/dashboard?root={m.Tree.T1}")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheYearEndReport_IsWrittenByItsTownshipOnly_CountsItsLedger_AndPrints(string provider)
    {
        var m = await months.For(provider);

        Assert.Equal(HttpStatusCode.NotFound, m.YearEndByAnother);
        Assert.Equal((2, 0, 2, 2), (m.YearEnd.GetProperty("raised").GetInt32(), m.YearEnd.GetProperty("closedInYear").GetInt32(),
            m.YearEnd.GetProperty("openAtEnd").GetInt32(), m.YearEnd.GetProperty("overdueAtEnd").GetInt32()));
        var yearEnd = OfficialFormat.Check(await m.T2.GetByteArrayAsync($"/api/v1/year-end/{m.Tree.T2}/2026/document"));
        Assert.Contains("下一步加快进度。", yearEnd.Body);
        Assert.Equal(("二号乡党委", "", "2026年整改落实情况专题汇报"), (yearEnd.Issuer, yearEnd.Number, yearEnd.Title)); // a report: no number
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DailyReports_TodayOrTwoDaysBack_AndTheCalendarOfWhoReported(string provider)
    {
        var m = await months.For(provider);

        Assert.Equal(HttpStatusCode.OK, m.DailyToday);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, m.DailyTooLate);
        var calendar = await m.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/daily-reports/calendar?year=2026&month=11&organizationId={m.Tree.T1}");
        Assert.Equal(["t1admin", "v11sec"], calendar.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var row = calendar.GetProperty("rows")[0];
        Assert.Equal(0, calendar.GetProperty("rows")[1].GetProperty("count").GetInt32());
        Assert.Equal([false, false, true], row.GetProperty("reported").EnumerateArray().Take(3).Select(x => x.GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, (await m.T2.GetAsync($"/api/v1/daily-reports/calendar?year=2026&month=11&organizationId={m.Tree.T1}")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task EveryChangeOfTheMonth_IsInTheAuditTrail_InOrder(string provider)
    {
        var m = await months.For(provider);

        var audit = await m.App.QueryAsync(db => db.AuditEntries
            .Where(e => e.Action.StartsWith("task.") || e.Action.StartsWith("supervision.") || e.Action.StartsWith("bulletin.") || e.Action.StartsWith("yearend.") || e.Action.StartsWith("daily."))
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

        Assert.Equal(["task.create", "task.complete", "supervision.plan", "supervision.record", "bulletin.publish", "bulletin.publish", "yearend.save", "daily.submit"], audit);
    }
}

/// <summary>The month of <see cref="MonthOfWorkTests"/>, run once per database and shared by its tests.</summary>
public sealed class MonthsOfWork : OncePerDatabase<MonthOfWork>
{
    protected override Task<MonthOfWork> RunAsync(string provider) => MonthOfWork.RunAsync(provider);
}

/// <summary>What the month's journey answered at each step that changed something, for the tests to check.</summary>
public sealed class MonthOfWork : IAsyncDisposable
{
    public required TestApp App { get; init; }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    public required TestTree Tree { get; init; }

    /// <summary>The county's administrator and the south township's, signed in on 3 November.</summary>
    public required HttpClient Admin { get; init; }

    public required HttpClient T2 { get; init; }

    public required HttpStatusCode TaskCompletedByAnother { get; init; }

    public required JsonElement TaskDone { get; init; }

    public required JsonElement Visits { get; init; }

    public required HttpStatusCode VisitRecordedByAnother { get; init; }

    public required JsonElement VisitRecorded { get; init; }

    public required long TownshipBulletinId { get; init; }

    public required HttpStatusCode PublishedBySecretary { get; init; }

    public required HttpStatusCode Published { get; init; }

    public required long BulletinId { get; init; }

    public required HttpStatusCode YearEndByAnother { get; init; }

    public required JsonElement YearEnd { get; init; }

    public required HttpStatusCode DailyToday { get; init; }

    public required HttpStatusCode DailyTooLate { get; init; }

    public static async Task<MonthOfWork> RunAsync(string provider)
    {
        // 5 October 2026, 10:00 China time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 5, 2, 0, 0, TimeSpan.Zero));
        var app = await TestApp.CreateAsync(provider, clock: clock);
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
        var byAnother = (await t2.PostAsJsonAsync($"/api/v1/tasks/{taskId}/organizations/{tree.T1}/complete", new { })).StatusCode;
        var done = await (await t1.PostAsJsonAsync($"/api/v1/tasks/{taskId}/organizations/{tree.T1}/complete", new { note = "已开展" })).Content.ReadFromJsonAsync<JsonElement>();

        // Monthly visits to the south village; the first one finds a problem, which becomes a ledger item.
        var planned = await admin.PostAsJsonAsync("/api/v1/supervision/visits", new { organizationIds = new[] { tree.V21 }, subject = "村级组织运转督查", firstOn = "2026-10-15", count = 3 });
        var visits = await planned.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(planned.IsSuccessStatusCode, visits.ToString());
        var first = visits[0].GetProperty("id").GetInt64();
        var recordedByAnother = (await t2.PostAsJsonAsync($"/api/v1/supervision/visits/{first}/record", new { visitedOn = "2026-10-15" })).StatusCode;
        var recorded = await (await admin.PostAsJsonAsync($"/api/v1/supervision/visits/{first}/record", new
        {
            visitedOn = "2026-10-15", summary = "资料基本齐全", findings = new[] { new { category = "制度建设", description = "村务监督委员会未按月开会", deadline = "2026-10-26" } },
        })).Content.ReadFromJsonAsync<JsonElement>();

        // 3 November: the October bulletins, the township's first.
        clock.Advance(TimeSpan.FromDays(29));
        admin = await app.SignInAsync("admin");
        t2 = await app.SignInAsync("t2admin");
        var own = await (await t2.PostAsJsonAsync("/api/v1/bulletins", new { year = 2026, month = 10 })).Content.ReadFromJsonAsync<JsonElement>();
        await app.CreateUserAsync("v11sec", "V11", Pingyi.Web.Modules.Accounts.Roles.Secretary);
        var bySecretary = (await (await app.SignInAsync("v11sec")).PostAsJsonAsync("/api/v1/bulletins", new { year = 2026, month = 10 })).StatusCode;
        var published = await admin.PostAsJsonAsync("/api/v1/bulletins", new { year = 2026, month = 10 });
        var id = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        // The south township's year-end report on its ledger.
        var yearEndByAnother = (await (await app.SignInAsync("t1admin")).PutAsJsonAsync($"/api/v1/year-end/{tree.T2}/2026", new { text = "x" })).StatusCode;
        var yearEnd = await (await t2.PutAsJsonAsync($"/api/v1/year-end/{tree.T2}/2026", new { text = "今年整改事项两项，均在推进。\n下一步加快进度。" })).Content.ReadFromJsonAsync<JsonElement>();

        // A daily report today, and one too late.
        var t1Again = await app.SignInAsync("t1admin");
        var dailyToday = (await t1Again.PostAsJsonAsync("/api/v1/daily-reports", new { text = "走访东村、西村" })).StatusCode;
        var dailyTooLate = (await t1Again.PostAsJsonAsync("/api/v1/daily-reports", new { date = "2026-10-25", text = "补报" })).StatusCode;

        return new MonthOfWork
        {
            App = app, Tree = tree, Admin = admin, T2 = t2, TaskCompletedByAnother = byAnother, TaskDone = done, Visits = visits,
            VisitRecordedByAnother = recordedByAnother, VisitRecorded = recorded, TownshipBulletinId = own.GetProperty("id").GetInt64(),
            PublishedBySecretary = bySecretary, Published = published.StatusCode, BulletinId = id, YearEndByAnother = yearEndByAnother, YearEnd = yearEnd,
            DailyToday = dailyToday, DailyTooLate = dailyTooLate,
        };
    }
}
