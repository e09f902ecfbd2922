using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pingyi.Web.Modules.Petitions;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Petitions;

/// <summary>
/// Video reception (视频接访, seed 002): the county publishes a leader's slot of one place; a petitioner books it with the tracking
/// code from their township; the next case finds it full; an accusation is not booked; the township is reminded the day before;
/// the reception cannot be recorded before it begins, then is recorded with its result, which the petitioner reads in the case.
/// </summary>
public sealed class ReceptionTests
{
    public static TheoryData<string> Providers => Support.Providers.All;

    [Theory, MemberData(nameof(Providers))]
    public async Task ASlot_IsBookedByCode_Reminded_Recorded_IntoTheCase(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero)); // Monday 2 November, 09:00
        await using var app = await TestApp.CreateAsync(provider, clock: clock);
        var t = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var resident = app.CreateClient();
        async Task<(long Id, string Code)> FileAsync(string kind = "Claim") =>
            (await (await resident.PostAsJsonAsync("/api/v1/petitions/track/file", new
            {
                organizationId = t.T1, kind, name = "王五", address = "东村", phone = "13800001234", request = "请求解决饮水问题", facts = "自来水经常停水",
                accusedName = kind == "Accusation" ? "孙三" : null, accusedOrganizationId = kind == "Accusation" ? t.V11 : (long?)null,
            })).Content.ReadFromJsonAsync<JsonElement>()) is var f ? (f.GetProperty("id").GetInt64(), f.GetProperty("trackingCode").GetString()!) : default;

        // A slot of one place on Thursday 5 November at 15:00 China time; a slot in the past is refused.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync("/api/v1/petitions/receptions",
            new { organizationId = t.County, leader = "县委副书记 张某", startsAt = "2026-11-01T15:00:00+08:00", minutes = 60, capacity = 1 })).StatusCode);
        var created = await admin.PostAsJsonAsync("/api/v1/petitions/receptions",
            new { organizationId = t.County, leader = "县委副书记 张某", startsAt = "2026-11-05T15:00:00+08:00", minutes = 60, capacity = 1, link = "https://meeting.example.gov.cn/room/12" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var slot = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var (first, code) = await FileAsync();
        var open = await (await resident.SendAsync(PetitionTests.Track(HttpMethod.Get, "/receptions", code))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(slot, open[0].GetProperty("id").GetInt64());
        var booked = await resident.SendAsync(PetitionTests.Track(HttpMethod.Post, "/bookings", code, new { slotId = slot, fromOrganizationId = t.T1 }));
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        var view = await booked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("县委副书记 张某", "一号镇党委", false), (view.GetProperty("booking").GetProperty("leader").GetString(), view.GetProperty("booking").GetProperty("from").GetString(),
            view.GetProperty("canBook").GetBoolean()));
        var (_, second) = await FileAsync();
        var full = await resident.SendAsync(PetitionTests.Track(HttpMethod.Post, "/bookings", second, new { slotId = slot, fromOrganizationId = t.T2 }));
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("约满", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (_, accuser) = await FileAsync("Accusation");
        Assert.Equal(HttpStatusCode.Conflict, (await resident.SendAsync(PetitionTests.Track(HttpMethod.Post, "/bookings", accuser, new { slotId = slot, fromOrganizationId = t.T1 }))).StatusCode);

        // The day before, the township the petitioner attends from is reminded, once.
        var clocks = app.Services.GetRequiredService<PetitionClocks>();
        await clocks.RunOnceAsync();
        Assert.Equal(0, await app.QueryAsync(db => db.Notifications.CountAsync(n => n.Title.StartsWith("视频接访提醒"))));
        clock.Advance(TimeSpan.FromDays(2)); // Wednesday 09:00, 30 hours before
        clock.Advance(TimeSpan.FromHours(7)); // 16:00, 23 hours before
        await clocks.RunOnceAsync();
        await clocks.RunOnceAsync();
        var reminded = await app.QueryAsync(db => (from n in db.Notifications join u in db.Users on n.UserId equals u.Id where n.Title.StartsWith("视频接访提醒") select u.UserName).ToListAsync());
        Assert.Equal(["t1admin"], reminded);

        // Recorded only once it has begun; then its result is a step of the case the petitioner reads.
        admin = await app.SignInAsync("admin");
        var booking = await app.QueryAsync(db => db.ReceptionBookings.Where(b => b.PetitionId == first).Select(b => b.Id).SingleAsync());
        var record = new { status = "Attended", attendees = "张某、信访人王五、一号镇信访干部", notes = "听取了停水情况", result = "责成县水利局一周内修复管网" };
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/petitions/receptions/bookings/{booking}/record", record)).StatusCode);
        clock.Advance(TimeSpan.FromHours(24));
        admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync($"/api/v1/petitions/receptions/bookings/{booking}/record", new { status = "Attended" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/petitions/receptions/bookings/{booking}/record", record)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/petitions/receptions/bookings/{booking}/record", record)).StatusCode);
        view = await (await resident.SendAsync(PetitionTests.Track(HttpMethod.Get, "/", code))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(view.GetProperty("steps").EnumerateArray(), s => s.GetProperty("text").GetString()!.Contains("责成县水利局一周内修复管网", StringComparison.Ordinal));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/petitions/receptions");
        Assert.Equal("Attended", list.GetProperty("bookings")[0].GetProperty("status").GetString());
        Assert.Equal(["petition.book", "petition.reception", "petition.slot"],
            await app.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "petition.book" || a.Action == "petition.reception" || a.Action == "petition.slot").Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync()));
    }
}
