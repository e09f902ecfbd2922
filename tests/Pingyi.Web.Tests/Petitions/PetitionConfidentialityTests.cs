using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Petitions;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Petitions;

/// <summary>
/// 信访工作条例 §30: an accusation against a cadre goes to the discipline body with authority over the accused and is reported to
/// the organization department; nothing of the accuser's material reaches the accused person or unit. Tried for every role of
/// the accused township (administrator, secretary, discipline inspector, supervisor) and of its village, on the list, the case,
/// the contact, the files, the answer, the statistics' content, the audit trail and the notifications — and for the county's
/// administrator, who is not the discipline body. Also the clocks: a reminder before the routing limit and overdue after it,
/// once per limit, told to the unit and the unit above.
/// </summary>
public sealed class PetitionConfidentialityTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task AnAccusation_NeverReachesTheAccusedUnit_AndGoesToTheDisciplineBodyAbove(string provider)
    {
        // Seven roles sign in and more: above the default of ten sign-ins a minute from one address.
        await using var app = await TestApp.CreateAsync(provider, settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinute"] = "100" });
        var t = await app.SeedAsync();
        await app.CreateUserAsync("jiwei", "C", Roles.DisciplineInspection);
        await app.CreateUserAsync("zuzhibu", "C", Roles.OrganizationDepartment);
        await app.CreateUserAsync("t1jiwei", "T1", Roles.DisciplineInspection);
        await app.CreateUserAsync("t1sec", "T1", Roles.Secretary);
        await app.CreateUserAsync("t1sup", "T1", Roles.Supervisor);
        await app.CreateUserAsync("v11admin", "V11", Roles.OrganizationAdministrator);
        var resident = app.CreateClient();

        // A resident accuses the township's secretary, filing at the township itself.
        var filed = await resident.PostAsJsonAsync("/api/v1/petitions/track/file", new
        {
            organizationId = t.T1, kind = "Accusation", name = "举报人甲", address = "一号镇北村", phone = "13600004444", request = "反映镇党委书记违规发放补贴",
            facts = "2026年春节前以慰问名义向亲属发放补贴", accusedName = "孙三", accusedOrganizationId = t.T1,
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var answer = await filed.Content.ReadFromJsonAsync<JsonElement>();
        var (id, code) = (answer.GetProperty("id").GetInt64(), answer.GetProperty("trackingCode").GetString()!);
        var number = (await app.QueryAsync(db => db.Petitions.SingleAsync())).Number;
        Assert.Equal(t.County, await app.QueryAsync(db => db.Petitions.Select(p => p.HandlingOrganizationId).SingleAsync()));
        // Against the county committee itself: to the discipline body above the county, not here.
        var top = await resident.PostAsJsonAsync("/api/v1/petitions/track/file", new
        {
            organizationId = t.County, kind = "Accusation", name = "举报人乙", address = "县城", phone = "13600005555", request = "反映县委领导", facts = "略", accusedName = "某某", accusedOrganizationId = t.County,
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, top.StatusCode);
        Assert.Contains("上级纪检监察机关", await top.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nobody of the accused township or below, whatever the role, and not the county's administrator: not listed, not found.
        foreach (var user in new[] { "t1admin", "t1jiwei", "t1sec", "t1sup", "v11admin", "admin", "zuzhibu" })
        {
            var client = await app.SignInAsync(user);
            var list = await client.GetAsync("/api/v1/petitions");
            Assert.True(list.StatusCode == HttpStatusCode.Forbidden || (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32() == 0, user);
            foreach (var path in new[] { $"/api/v1/petitions/{id}", $"/api/v1/petitions/{id}/contact", $"/api/v1/petitions/{id}/replies/0", $"/api/v1/petitions/{id}/files/1" })
            {
                Assert.True((await client.GetAsync(path)).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{user} {path}");
            }
            var page = await client.GetAsync($"/Petitions/Details/{id}");
            var denied = page.Headers.Location?.OriginalString.Contains("/Accounts/Denied", StringComparison.Ordinal) == true || page.RequestMessage!.RequestUri!.AbsolutePath == "/Accounts/Denied";
            Assert.True(page.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden || denied, $"{user} page: {(int)page.StatusCode}");
            var body = await (await client.GetAsync("/Petitions")).Content.ReadAsStringAsync();
            Assert.DoesNotContain("违规发放补贴", body, StringComparison.Ordinal);
        }
        // The township's own discipline inspector reads no trace of it in the audit trail of its scope.
        var t1jiwei = await app.SignInAsync("t1jiwei");
        Assert.DoesNotContain(number, await (await t1jiwei.GetAsync("/api/v1/audit?pageSize=200")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The county's discipline body handles it; the organization department is told of it without the accuser or the facts.
        var jiwei = await app.SignInAsync("jiwei");
        var details = await jiwei.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{id}");
        Assert.Equal(("孙三", "一号镇党委", "举***"), (details.GetProperty("accusedName").GetString(), details.GetProperty("accusedUnit").GetString(), details.GetProperty("petitioner").GetString()));
        var zuzhibu = await app.SignInAsync("zuzhibu");
        var reported = await zuzhibu.GetAsync("/api/v1/petitions/accusations");
        var text = await reported.Content.ReadAsStringAsync();
        Assert.Contains("孙三", text, StringComparison.Ordinal);
        Assert.DoesNotContain("举报人甲", text, StringComparison.Ordinal);
        Assert.DoesNotContain("违规发放补贴", text, StringComparison.Ordinal);
        // The cadre's profile lists it for the county's organization department, not for the township's own discipline inspector.
        var accused = await app.QueryAsync(db => db.People.Where(p => p.Name == "孙三").Select(p => p.Id).SingleAsync());
        await app.QueryAsync(async db =>
        {
            db.CadrePositions.Add(new Web.Modules.People.CadrePosition { PersonId = accused, OrganizationId = t.T1, Title = Web.Modules.People.PositionTitle.Secretary, TermStart = new DateOnly(2021, 1, 1) });
            return await db.SaveChangesAsync();
        });
        Assert.Contains(number, await zuzhibu.GetStringAsync($"/Accountability/Cadre/{accused}"), StringComparison.Ordinal);
        var ownProfile = await (await app.SignInAsync("t1jiwei")).GetStringAsync($"/Accountability/Cadre/{accused}");
        Assert.Contains("没有检举控告该干部的信访事项", ownProfile, StringComparison.Ordinal);
        Assert.DoesNotContain(number, ownProfile, StringComparison.Ordinal);
        // A staff member of the county other than the discipline body may not act on it; the discipline body may not route it to the accused.
        var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/petitions/{id}/accept", null)).StatusCode);
        var toAccused = await jiwei.PostAsJsonAsync($"/api/v1/petitions/{id}/route", new { toOrganizationId = t.V11, how = "Assign" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, toAccused.StatusCode);
        Assert.Contains("第三十条", await toAccused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await jiwei.PostAsync($"/api/v1/petitions/{id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jiwei.PostAsJsonAsync($"/api/v1/petitions/{id}/answer", new { opinion = "Support", findings = "经查属实，已立案", basis = "《中国共产党纪律处分条例》" })).StatusCode);

        // The petitioner is told the discipline body holds it, not who; the figures count it, without its content.
        var view = await (await resident.SendAsync(PetitionTests.Track(HttpMethod.Get, "/", code))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("纪检监察机关", view.GetProperty("unit").GetString());
        var figures = await (await app.SignInAsync("t1admin")).GetFromJsonAsync<JsonElement>("/api/v1/petitions/statistics?year=" + DateTime.UtcNow.AddHours(8).Year);
        Assert.Equal(0, figures.GetProperty("received").GetInt32());
        // No notice about it went to any account of the township.
        var t1Accounts = await app.QueryAsync(db => db.Users.Where(u => u.OrganizationId == t.T1).Select(u => u.Id).ToListAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Notifications.CountAsync(n => t1Accounts.Contains(n.UserId))));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheClocks_RemindBeforeTheLimit_MarkOverdueAfterIt_OncePerLimit(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 10, 1, 0, 0, TimeSpan.Zero)); // Thursday 10 September
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        var township = await app.SignInAsync("t1admin");
        var id = (await (await township.PostAsJsonAsync("/api/v1/petitions", new
        {
            organizationId = t.T1, kind = "Suggestion", channel = "Letter", name = "钱甲", address = "西村", request = "建议修建文化广场", facts = "村里没有活动场地",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var clocks = app.Services.GetRequiredService<PetitionClocks>();
        Task<List<string>> Events() => app.QueryAsync(db => db.PetitionEvents.Where(e => e.PetitionId == id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Task<List<(string, string)>> Notices() => app.QueryAsync(async db => (await (from n in db.Notifications join u in db.Users on n.UserId equals u.Id
            where n.Link == $"/Petitions/Details/{id}" orderby n.Id select new { u.UserName, n.Kind }).ToListAsync()).Select(n => (n.UserName!, n.Kind)).ToList());

        // The limit is Monday 28 September (the Mid-Autumn days off 25–27 moved it); three working days before it, a reminder.
        await clocks.RunOnceAsync();
        Assert.Equal(["file"], await Events());
        clock.Advance(TimeSpan.FromDays(14)); // Thursday 24 September: the 3 working days ahead reach 30 September
        await clocks.RunOnceAsync();
        await clocks.RunOnceAsync();
        Assert.Equal(["file", "remind"], await Events());
        Assert.Equal([("t1admin", "Reminder")], await Notices());
        clock.Advance(TimeSpan.FromDays(5)); // Tuesday 29 September: past the limit
        await clocks.RunOnceAsync();
        await clocks.RunOnceAsync();
        Assert.Equal(["file", "remind", "overdue"], await Events());
        Assert.Equal([("t1admin", "Reminder"), ("t1admin", "Overdue"), ("admin", "Escalated")], await Notices());
        var listed = await (await app.SignInAsync("t1admin")).GetFromJsonAsync<JsonElement>("/api/v1/petitions?overdue=true");
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "petition.overdue")));
    }
}
