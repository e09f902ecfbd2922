using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Ledger;

/// <summary>
/// The escalation job as the clock moves over one item due on 10 November — run once per database by
/// <see cref="ClockedLedgers"/>, which records what each account had been told after each step; each test checks one
/// step: the reminder, the overdue mark, the escalation, the extension, and reading the notifications.
/// </summary>
public sealed class EscalationTests(ClockedLedgers ledgers) : IClassFixture<ClockedLedgers>
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task ANewItem_IsToldToTheTownship_AndNineDaysAheadNothingMore(string provider)
    {
        var l = await ledgers.For(provider);

        Assert.Equal(1, l.UnreadWhenCreated);
        Assert.Empty(l.AfterFirstRun);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TwoDaysBefore_TheJobWakesByItself_AndRemindsTheTownshipOnce(string provider)
    {
        var l = await ledgers.For(provider);

        Assert.Equal(["Reminder"], l.WhenDue);
        Assert.Equal(["Reminder"], l.WhenDueAgain);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheDayAfterTheDeadline_BothSidesHearItIsOverdue_Once_AndNoOneElse(string provider)
    {
        var l = await ledgers.For(provider);

        Assert.Equal(["Reminder", "Overdue"], l.Overdue["t1admin"]);
        Assert.Equal(["Overdue"], l.Overdue["t1sup"]);
        Assert.Empty(l.Overdue["admin"]);
        Assert.Empty(l.Overdue["t2admin"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task MoreThanFifteenDaysOverdue_TheCountyHearsOfIt_AndTheItemIsEscalatedToIt(string provider)
    {
        var l = await ledgers.For(provider);

        Assert.Empty(l.CountyAtFifteenDays);
        Assert.Equal(["Escalated"], l.CountyAtSixteenDays);
        Assert.Equal(l.Tree.County, await l.App.QueryAsync(db => db.LedgerItems.Where(i => i.Id == l.ItemId).Select(i => i.EscalatedToOrganizationId).SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnExtension_StartsTheRemindersOver_AndTheEscalationStaysOnRecord(string provider)
    {
        var l = await ledgers.For(provider);
        var sup = await l.App.SignInAsync("t1sup");

        Assert.Equal(HttpStatusCode.OK, l.Extended);
        Assert.Equal(["Reminder", "Overdue", "Reminder"], l.AfterExtension);
        var events = (await sup.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/{l.ItemId}")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString());
        Assert.Equal(["Overdue", "Escalated", "Extend"], events);
        var audit = await l.App.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "ledger.remind" || a.Action == "ledger.overdue" || a.Action == "ledger.escalate").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["ledger.remind", "ledger.overdue", "ledger.escalate", "ledger.remind"], audit);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Notifications_EachAccountSeesAndMarksOnlyItsOwn(string provider)
    {
        var l = await ledgers.For(provider);
        var app = l.App;
        var township = await app.SignInAsync("t1admin");

        var list = await township.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true");

        Assert.Equal(4, list.GetProperty("total").GetInt32());
        var first = list.GetProperty("items")[0].GetProperty("id").GetInt64();
        Assert.Equal($"/Ledger/Details/{l.ItemId}", list.GetProperty("items")[0].GetProperty("link").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("t2admin")).PostAsync($"/api/v1/notifications/{first}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsync($"/api/v1/notifications/{first}/read", null)).StatusCode);
        Assert.Equal(3, await ClockedLedger.UnreadAsync(app, "t1admin"));
        var page = await (await township.GetAsync("/Notifications")).Content.ReadAsStringAsync();
        Assert.Contains("村务公开栏未按月更新", page);
        Assert.Contains("<span class=\"badge rounded-pill text-bg-danger ms-1\" title=\"未读\">3</span>", page);
        Assert.Equal(3, (await (await township.PostAsync("/api/v1/notifications/read-all", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());
        Assert.Equal(0, await ClockedLedger.UnreadAsync(app, "t1admin"));
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "notification.read")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Submit_TellsTheSupervisor_AndSendBack_TellsTheTownship(string provider)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        await app.CreateUserAsync("t1sup", "T1", Roles.Supervisor);
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var sup = await app.SignInAsync("t1sup");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "组织建设", description = "党员活动室标识不规范", responsibleOrganizationId = tree.V12 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var who = await app.WithScopeAsync(sp => sp.GetRequiredService<Pingyi.Web.Modules.Notifications.Notifier>().AccountsForAsync(tree.T1, Pingyi.Web.Modules.Accounts.Policies.LedgerSupervisors));
        Assert.Single(who);
        await township.PostAsJsonAsync($"/api/v1/ledger/{id}/start", new { });
        await township.PostAsJsonAsync($"/api/v1/ledger/{id}/submit", new { text = "已更换标牌" });
        await sup.PostAsJsonAsync($"/api/v1/ledger/{id}/send-back", new { text = "照片不清晰" });

        var toSupervisor = await sup.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        var toTownship = await township.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Equal(["Submitted"], toSupervisor.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("kind").GetString()));
        Assert.Equal(["SentBack", "Assigned"], toTownship.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("kind").GetString()));
        Assert.Contains("照片不清晰", toTownship.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Contains("党员活动室标识不规范", toTownship.GetProperty("items")[1].GetProperty("title").GetString());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("total").GetInt32());
    }
}

/// <summary>The clocked ledger of <see cref="EscalationTests"/>, run once per database and shared by its tests.</summary>
public sealed class ClockedLedgers : OncePerDatabase<ClockedLedger>
{
    protected override Task<ClockedLedger> RunAsync(string provider) => ClockedLedger.RunAsync(provider);
}

/// <summary>What each account had been told (besides the new item's own notice) after each step of the clock.</summary>
public sealed class ClockedLedger : IAsyncDisposable
{
    public required TestApp App { get; init; }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    public required TestTree Tree { get; init; }

    public required long ItemId { get; init; }

    public required int UnreadWhenCreated { get; init; }

    public required List<string> AfterFirstRun { get; init; }

    public required List<string> WhenDue { get; init; }

    public required List<string> WhenDueAgain { get; init; }

    public required Dictionary<string, List<string>> Overdue { get; init; }

    public required List<string> CountyAtFifteenDays { get; init; }

    public required List<string> CountyAtSixteenDays { get; init; }

    public required HttpStatusCode Extended { get; init; }

    public required List<string> AfterExtension { get; init; }

    public static async Task<int> UnreadAsync(TestApp app, string user) =>
        (await (await app.SignInAsync(user)).GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("unread").GetInt32();

    public static async Task<ClockedLedger> RunAsync(string provider)
    {
        // 1 November 2026, 08:00 China time.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var app = await TestApp.CreateAsync(provider, clock: clock);
        var tree = await app.SeedAsync();
        await app.CreateUserAsync("t1sup", "T1", Roles.Supervisor);
        var admin = await app.SignInAsync("admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "作风建设", description = "村务公开栏未按月更新", responsibleOrganizationId = tree.V11, deadline = "2026-11-10" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await app.QueryAsync(db => db.LedgerItems.Where(i => i.Id != id).ExecuteDeleteAsync()); // nothing else in this ledger
        var escalation = app.Services.GetRequiredService<LedgerEscalation>();
        Task<List<string>> Kinds(string user) => app.QueryAsync(db =>
            (from n in db.Notifications join u in db.Users on n.UserId equals u.Id where u.UserName == user && n.Kind != "Assigned" orderby n.Id select n.Kind).ToListAsync());
        var unreadWhenCreated = await UnreadAsync(app, "t1admin");

        await escalation.RunOnceAsync();
        var afterFirstRun = await Kinds("t1admin");

        // 8 November: the job itself wakes up (its interval is an hour) and reminds the township, which works for the village branch.
        clock.Advance(TimeSpan.FromDays(7));
        for (var i = 0; i < 100 && (await Kinds("t1admin")).Count == 0; i++)
        {
            await Task.Delay(100);
            if (i == 50)
            {
                // Had the job's first run still been going when the clock moved, its next wake-up is an hour later.
                clock.Advance(TimeSpan.FromHours(1));
            }
        }
        var whenDue = await Kinds("t1admin");
        await escalation.RunOnceAsync();
        var whenDueAgain = await Kinds("t1admin");

        // 11 November: overdue; run twice.
        clock.Advance(TimeSpan.FromDays(3));
        await escalation.RunOnceAsync();
        await escalation.RunOnceAsync();
        var overdue = new Dictionary<string, List<string>>();
        foreach (var user in new[] { "t1admin", "t1sup", "admin", "t2admin" })
        {
            overdue[user] = await Kinds(user);
        }

        // 25 November: fifteen days overdue is not yet more than fifteen; 26 November it is.
        clock.Advance(TimeSpan.FromDays(14));
        await escalation.RunOnceAsync();
        var countyAtFifteen = await Kinds("admin");
        clock.Advance(TimeSpan.FromDays(1));
        await escalation.RunOnceAsync();
        await escalation.RunOnceAsync();
        var countyAtSixteen = await Kinds("admin");

        // The supervisor extends the deadline.
        var sup = await app.SignInAsync("t1sup");
        var extended = (await sup.PostAsJsonAsync($"/api/v1/ledger/{id}/extend", new { deadline = "2026-11-29", reason = "雨季施工推迟" })).StatusCode;
        await escalation.RunOnceAsync();
        var afterExtension = await Kinds("t1admin");

        return new ClockedLedger
        {
            App = app, Tree = tree, ItemId = id, UnreadWhenCreated = unreadWhenCreated, AfterFirstRun = afterFirstRun, WhenDue = whenDue, WhenDueAgain = whenDueAgain,
            Overdue = overdue, CountyAtFifteenDays = countyAtFifteen, CountyAtSixteenDays = countyAtSixteen, Extended = extended, AfterExtension = afterExtension,
        };
    }
}
